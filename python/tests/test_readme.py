"""The README examples, run as doctests: what they show is what the package prints."""
import doctest

import pytest

from conftest import ROOT, need


@pytest.mark.parametrize("page,least", [("python/README.md", 20), ("README.md", 7)])
def test_readme_example_prints_what_it_shows(page, least):
    need("geopandas")
    result = doctest.testfile(str(ROOT / page), module_relative=False, optionflags=doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert result.failed == 0 and result.attempted >= least, result
