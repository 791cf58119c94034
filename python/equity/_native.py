"""The C ABI of Equity's Swift library (libEquityC.so), through ctypes.

Every statistic is computed by the Swift library; this module only moves buffers across.
"""
import ctypes
import os
import threading
import warnings
from pathlib import Path

import numpy as np

c_double_p = ctypes.POINTER(ctypes.c_double)
c_int64_p = ctypes.POINTER(ctypes.c_int64)
c_int32_p = ctypes.POINTER(ctypes.c_int32)
c_int8_p = ctypes.POINTER(ctypes.c_int8)
c_uint8_p = ctypes.POINTER(ctypes.c_uint8)
c_char_pp = ctypes.POINTER(ctypes.c_char_p)

MEMORY = "equity-memory:"


class EquityError(ValueError):
    """An error from Equity: the same message the `equity` command prints (bad data names the
    input, row and column; a usage error names the option)."""

    def __init__(self, message, status=1):
        super().__init__(message)
        self.status = status


class EquityWarning(UserWarning):
    """What `equity` would print on standard error for a run that succeeded (islands, notes)."""


def _find_library():
    explicit = os.environ.get("EQUITY_LIBRARY")
    if explicit:
        return explicit
    here = Path(__file__).resolve().parent / "_lib" / "libEquityC.so"
    if here.exists():
        return str(here)
    raise ImportError("libEquityC.so is missing: install the package with `pip install ./python` "
                      "(which builds it with Swift) or set EQUITY_LIBRARY to a built library")


_lib = ctypes.CDLL(_find_library())
_lib.equity_version.restype = ctypes.c_char_p
_lib.equity_free.argtypes = [ctypes.c_void_p]
_lib.equity_register_input.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int64]
_lib.equity_register_input.restype = ctypes.c_int32
_lib.equity_register_weights.argtypes = [ctypes.c_char_p, ctypes.c_int64, ctypes.c_char_p, c_int64_p, c_int64_p, c_int32_p,
                                         c_double_p, ctypes.POINTER(ctypes.c_void_p)]
_lib.equity_register_weights.restype = ctypes.c_int32
_lib.equity_run.argtypes = [ctypes.c_int32, c_char_pp, ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p),
                            c_int64_p, ctypes.POINTER(ctypes.c_void_p)]
_lib.equity_run.restype = ctypes.c_int32
_lib.equity_rowwise.argtypes = [ctypes.c_int32, ctypes.c_int64, c_double_p, c_double_p, ctypes.c_double, ctypes.c_int32,
                                c_double_p, c_double_p, c_double_p, c_double_p, c_int8_p, c_int32_p,
                                ctypes.POINTER(ctypes.c_void_p)]
_lib.equity_rowwise.restype = ctypes.c_int32
_lib.equity_weights_polygons.argtypes = [ctypes.c_int64, c_double_p, c_double_p, c_int64_p, ctypes.c_int64, c_int64_p,
                                         ctypes.c_int64, c_int64_p, ctypes.c_char_p, c_int64_p, ctypes.c_int32,
                                         ctypes.c_int32, ctypes.c_int32, ctypes.POINTER(ctypes.c_void_p),
                                         ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_void_p),
                                         ctypes.POINTER(ctypes.c_void_p)]
_lib.equity_weights_polygons.restype = ctypes.c_int32
_lib.equity_weights_pairs.argtypes = [ctypes.c_int64, ctypes.c_char_p, c_int64_p, ctypes.c_int64, ctypes.c_char_p, c_int64_p,
                                      ctypes.c_char_p, c_int64_p,
                                      ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_void_p),
                                      ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_void_p)]
_lib.equity_weights_pairs.restype = ctypes.c_int32

# In-memory files and the commands' collected messages are process-wide in the library.
_lock = threading.Lock()

version = _lib.equity_version().decode()


def _take_string(p):
    if not p:
        return ""
    try:
        return ctypes.string_at(p).decode("utf-8", "replace")
    finally:
        _lib.equity_free(p)


def _take_array(p, count, dtype):
    """Copies `count` elements the library allocated into numpy, then frees them."""
    try:
        if count == 0:
            return np.empty(0, dtype=dtype)
        ctype = np.ctypeslib.as_ctypes_type(np.dtype(dtype))
        return np.ctypeslib.as_array(ctypes.cast(p, ctypes.POINTER(ctype)), shape=(count,)).copy()
    finally:
        _lib.equity_free(p)


def pointer(array, ctype):
    """A pointer into a contiguous numpy array (no copy), or None for an empty one."""
    if array is None or array.size == 0:
        return None
    return array.ctypes.data_as(ctypes.POINTER(ctype))


def string_blob(strings):
    """UTF-8 bytes of all strings and their `len + 1` offsets."""
    encoded = [s.encode("utf-8") for s in strings]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    if encoded:
        np.cumsum([len(e) for e in encoded], out=offsets[1:])
    return b"".join(encoded), offsets


def run(arguments, inputs=(), weights=(), output=True):
    """Runs `equity ARGUMENTS` inside this process.

    inputs: (path, display name, bytes) registered as in-memory files; weights: (path, Weights)
    registered as in-memory weights files. Returns the bytes written to the output. Raises
    EquityError with the command's message on failure; warns with what it printed otherwise.
    """
    out_path = MEMORY + "output" if output else None
    args = list(arguments) + (["--output", out_path] if output else [])
    argv = (ctypes.c_char_p * len(args))(*[a.encode("utf-8") for a in args])
    out = ctypes.c_void_p()
    out_len = ctypes.c_int64(0)
    messages = ctypes.c_void_p()
    with _lock:
        for path, display, data in inputs:
            _lib.equity_register_input(path.encode(), display.encode(), data, len(data))
        for path, w in weights:
            register_weights(path, w)
        status = _lib.equity_run(len(args), argv, out_path.encode() if out_path else None, ctypes.byref(out),
                                 ctypes.byref(out_len), ctypes.byref(messages))
    text = _take_string(messages.value).strip()
    data = b""
    if out.value:
        try:
            data = ctypes.string_at(out.value, out_len.value)
        finally:
            _lib.equity_free(out.value)
    if status != 0:
        raise EquityError(text or f"equity exited with status {status}", status)
    if text:
        warnings.warn(text, EquityWarning, stacklevel=3)
    return data


def register_weights(path, w):
    ids, offsets = string_blob(w.ids)
    message = ctypes.c_void_p()
    status = _lib.equity_register_weights(path.encode(), len(w.ids), ids, pointer(offsets, ctypes.c_int64),
                                          pointer(w.offsets, ctypes.c_int64), pointer(w.neighbours, ctypes.c_int32),
                                          pointer(w.weights, ctypes.c_double), ctypes.byref(message))
    text = _take_string(message.value)
    if status != 0:
        raise EquityError(text, status)


def rowwise(statistic, numerator, denominator, multiplier, levels):
    """The fast path of `ci proportion` (0) and `ci rate` (1): columns in, columns out, no copies
    of the inputs. Returns None when a row needs the command's own message (status 2)."""
    n = len(numerator)
    x = np.ascontiguousarray(numerator, dtype=np.float64)
    d = np.ascontiguousarray(denominator, dtype=np.float64)
    lv = np.ascontiguousarray(levels, dtype=np.float64)
    value = np.empty(n)
    lower = np.empty((len(lv), n))
    upper = np.empty((len(lv), n))
    method = np.empty(n, dtype=np.int8)
    note = np.empty(n, dtype=np.int32)
    texts = ctypes.c_void_p()
    status = _lib.equity_rowwise(statistic, n, pointer(x, ctypes.c_double), pointer(d, ctypes.c_double), float(multiplier),
                                 len(lv), pointer(lv, ctypes.c_double), pointer(value, ctypes.c_double),
                                 pointer(lower, ctypes.c_double), pointer(upper, ctypes.c_double),
                                 pointer(method, ctypes.c_int8), pointer(note, ctypes.c_int32), ctypes.byref(texts))
    text = _take_string(texts.value)
    if status == 2:
        return None
    if status != 0:
        raise EquityError(text, status)
    lines = text.split("\n")
    return {"value": value, "lower": lower, "upper": upper, "method": method, "note": note,
            "columns": lines[0].split("\t"), "confidence": lines[1], "statistic": lines[2],
            "notes": lines[3].split("\t"), "methods": lines[4].split("\t")}


def _csr(status, message, offsets, neighbours, weights, n):
    text = _take_string(message.value)
    if status != 0:
        raise EquityError(text, status)
    offs = _take_array(offsets.value, n + 1, np.int64)
    links = int(offs[-1])
    return offs, _take_array(neighbours.value, links, np.int32), _take_array(weights.value, links, np.float64)


def weights_polygons(x, y, ring_offsets, polygon_rings, feature_polygons, ids, lon_lat, rule, k):
    blob, id_offsets = string_blob(ids)
    outs = [ctypes.c_void_p() for _ in range(4)]
    n = len(ids)
    status = _lib.equity_weights_polygons(n, pointer(x, ctypes.c_double), pointer(y, ctypes.c_double),
                                          pointer(ring_offsets, ctypes.c_int64), len(ring_offsets) - 1,
                                          pointer(polygon_rings, ctypes.c_int64), len(polygon_rings) - 1,
                                          pointer(feature_polygons, ctypes.c_int64), blob,
                                          pointer(id_offsets, ctypes.c_int64), int(lon_lat), rule, k,
                                          *[ctypes.byref(o) for o in outs])
    return _csr(status, outs[3], outs[0], outs[1], outs[2], n)


def weights_pairs(ids, a, b):
    blob, id_offsets = string_blob(ids)
    a_blob, a_offsets = string_blob(a)
    b_blob, b_offsets = string_blob(b)
    outs = [ctypes.c_void_p() for _ in range(4)]
    n = len(ids)
    status = _lib.equity_weights_pairs(n, blob, pointer(id_offsets, ctypes.c_int64), len(a), a_blob,
                                       pointer(a_offsets, ctypes.c_int64), b_blob, pointer(b_offsets, ctypes.c_int64),
                                       *[ctypes.byref(o) for o in outs])
    return _csr(status, outs[3], outs[0], outs[1], outs[2], n)
