"""Running `equity` commands in-process on DataFrames: options as keyword arguments, tables as
CSV bytes in memory (never files), results as DataFrames read with round-trip precision."""
import io
import math
import os

import numpy as np
import pandas as pd

from . import _native
from ._native import MEMORY, EquityError


def dataframe_bytes(df):
    """A DataFrame as the CSV `equity` reads: floats in shortest round-trip form, missing as empty."""
    if not isinstance(df, pd.DataFrame):
        raise EquityError(f"expected a pandas DataFrame or a path, not {type(df).__name__}")
    return df.to_csv(index=False).encode("utf-8")


# pandas before 3 parses doubles to within an ulp unless asked for round-trip parsing; from 3
# on that is the default (and the argument is deprecated).
ROUND_TRIP = {"float_precision": "round_trip"} if int(pd.__version__.split(".")[0]) < 3 else {}

# Options whose `False` is a flag of its own (`--no-invert`) rather than the default.
NEGATABLE = {"invert"}


def _flag(name):
    return "--" + name.replace("_", "-")


def _value_text(name, value):
    if isinstance(value, bool):
        raise AssertionError
    if isinstance(value, float):
        if not math.isfinite(value):
            raise EquityError(f"{_flag(name)}: {value} is not a finite number", 64)
        return repr(value)
    if isinstance(value, (list, tuple, np.ndarray, pd.Index)):
        return ",".join(_value_text(name, v) for v in value)
    if isinstance(value, (np.floating,)):
        return _value_text(name, float(value))
    return str(value)


def arguments(words, data, options, inputs):
    """The command line for `words` with `data` as --input and `options` as flags; DataFrames
    among the options become in-memory inputs named after their option."""
    args = list(words)
    if data is not None:
        args += ["--input", source(data, "DataFrame", "input", inputs)]
    for name, value in options.items():
        if value is False and name in NEGATABLE:
            args.append("--no-" + name.replace("_", "-"))
            continue
        if value is None or value is False:
            continue
        if value is True:
            args.append(_flag(name))
        elif isinstance(value, pd.DataFrame):
            args += [_flag(name), source(value, name, name, inputs)]
        else:
            args += [_flag(name), _value_text(name, value)]
    return args


def source(data, display, key, inputs):
    """A path for `data`: a file path as given, or an in-memory file holding the DataFrame."""
    if isinstance(data, (str, os.PathLike)):
        return os.fspath(data)
    path = MEMORY + key
    inputs.append((path, display, dataframe_bytes(data)))
    return path


def read_table(data, text_columns=()):
    """The command's CSV output as a DataFrame (every double exactly as printed)."""
    if not data:
        return pd.DataFrame()
    dtype = {c: str for c in text_columns}
    return pd.read_csv(io.BytesIO(data), dtype=dtype or None, **ROUND_TRIP)


def text_columns_of(data):
    """Columns of an input DataFrame that hold text, kept as text in the output."""
    if isinstance(data, pd.DataFrame):
        return [c for c in data.columns if data[c].dtype == object or pd.api.types.is_string_dtype(data[c])]
    return []


def table(words, data, **options):
    """Runs a table command and returns its output as a DataFrame."""
    inputs = []
    args = arguments(words, data, options, inputs)
    out = _native.run(args, inputs=inputs)
    return read_table(out, text_columns_of(data))
