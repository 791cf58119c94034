"""python/README.md's example, run as a doctest: what it shows is what the package prints."""
import doctest
from pathlib import Path

from conftest import ROOT, need


def test_readme_example_prints_what_it_shows():
    need("geopandas")
    result = doctest.testfile(str(ROOT / "python" / "README.md"), module_relative=False,
                              optionflags=doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert result.failed == 0 and result.attempted > 20, result
