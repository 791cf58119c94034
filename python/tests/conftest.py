"""Shared helpers: the repository's fixtures, and the `equity` command to compare against."""
import importlib
import json
import os
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from equity._commands import ROUND_TRIP

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "Fixtures"


def _cli():
    explicit = os.environ.get("EQUITY_CLI")
    if explicit:
        return explicit
    built = ROOT / ".build" / "release" / "equity"
    if not built.exists():
        subprocess.run(["swift", "build", "-c", "release", "--product", "equity"], cwd=ROOT, check=True)
    return str(built)


CLI = _cli()


def fixture(*parts):
    return str(FIXTURES.joinpath(*parts))


def run_cli(args, tmp_path, name="out"):
    """Runs the `equity` executable with --output into tmp_path; returns the output path."""
    out = tmp_path / name
    result = subprocess.run([CLI, *args, "--output", str(out)], capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise AssertionError(f"equity {' '.join(args)} failed: {result.stderr}")
    return out


def cli_table(args, tmp_path, text_columns=()):
    """The command's CSV output read as the package reads it (round-trip doubles)."""
    out = run_cli(args, tmp_path)
    return pd.read_csv(out, dtype={c: str for c in text_columns} or None, **ROUND_TRIP)


def cli_json(args, tmp_path):
    return json.loads(run_cli(args, tmp_path).read_text())


def cli_error(args):
    """The message and status the executable gives for args."""
    result = subprocess.run([CLI, *args], capture_output=True, text=True, cwd=ROOT)
    return result.returncode, result.stderr.strip()


def need(module):
    """Imports a peer package (esda, libpysal, geopandas, PHStatsMethods) that a comparison needs.
    Skips the test where it is not installed, except in CI (EQUITY_PYTHON_STRICT=1), where every
    comparison must run."""
    if os.environ.get("EQUITY_PYTHON_STRICT") == "1":
        return importlib.import_module(module)
    return pytest.importorskip(module)


def read_fixture(*parts, **kwargs):
    """A fixture as a DataFrame, every number exactly as written (pandas before 3 parses doubles
    to within an ulp unless asked for round-trip parsing: the frame would differ from the file)."""
    return pd.read_csv(fixture(*parts), **{**ROUND_TRIP, **kwargs})


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    # Paths in arguments are relative to the repository, as in the README.
    monkeypatch.chdir(ROOT)
