"""equity.funnel, sii, gini, twenty_twenty, compare and trend against the commands' output on
the fixtures (identical to the last digit)."""
import pandas as pd
import pandas.testing as pdt
import pytest

import equity
from conftest import cli_table, fixture, read_fixture


def same(python, cli):
    pdt.assert_frame_equal(python.reset_index(drop=True), cli, check_exact=True, check_dtype=False)


def test_funnel(tmp_path):
    df = read_fixture("ward_indicators.csv", dtype={"ward_code": str, "ward_name": str})
    same(equity.funnel(df, statistic="proportion", numerator="smokers", denominator="adults"),
         cli_table(["funnel", "--input", fixture("ward_indicators.csv"), "--statistic", "proportion", "--numerator", "smokers",
                    "--denominator", "adults"], tmp_path, ["ward_code", "ward_name"]))
    same(equity.funnel(df, statistic="proportion", numerator="smokers", denominator="adults", multiplier=100,
                       polarity="low_is_good"),
         cli_table(["funnel", "--input", fixture("ward_indicators.csv"), "--statistic", "proportion", "--numerator", "smokers",
                    "--denominator", "adults", "--multiplier", "100", "--polarity", "low_is_good"], tmp_path,
                   ["ward_code", "ward_name"]))


def test_sii(tmp_path):
    df = read_fixture("sii_deciles.csv", dtype={"area": str})
    same(equity.sii(df, group_by="area", quantile_column="decile", population="population", value="life_expectancy",
                    lower_cl="lowercl", upper_cl="uppercl", rii=True, seed=42),
         cli_table(["sii", "--input", fixture("sii_deciles.csv"), "--group-by", "area", "--quantile-column", "decile",
                    "--population", "population", "--value", "life_expectancy", "--lower-cl", "lowercl", "--upper-cl", "uppercl",
                    "--rii", "--seed", "42"], tmp_path, ["area"]))


def test_gini_and_twenty_twenty(tmp_path):
    path = fixture("deprivation", "england_lsoa11_iod2019.csv.gz")
    text = ["lsoa11cd", "lsoa11nm", "lad19cd", "lad19nm"]
    df = pd.read_csv(path, dtype={c: str for c in text})
    same(equity.gini(df, value="income_score", group_by="lad19nm", bootstrap=200, seed=1),
         cli_table(["gini", "--input", path, "--value", "income_score", "--group-by", "lad19nm", "--bootstrap", "200", "--seed", "1"],
                   tmp_path, ["lad19nm"]))
    same(equity.twenty_twenty(df, area_column="lad19cd", area_name_column="lad19nm", decile="income_decile"),
         cli_table(["twenty-twenty", "--input", path, "--area-column", "lad19cd", "--area-name-column", "lad19nm", "--decile",
                    "income_decile"], tmp_path, ["lad19cd", "lad19nm"]))


EXPORT = ("fingertips", "luton_marmot_export.csv")
METADATA = ("fingertips", "luton_marmot_metadata.csv")
COMPARATORS = ("luton_marmot", "comparators.csv")


def normalised(frame, names):
    # Notes name the input ("warning: FILE: spaces trimmed …"): a file by its path, a DataFrame
    # as "DataFrame"; everything else must be identical.
    if "note" in frame.columns:
        frame = frame.copy()
        for name in names:
            frame["note"] = frame["note"].map(lambda v, name=name: v.replace(name, "<export>") if isinstance(v, str) else v)
    return frame


@pytest.mark.parametrize("as_text", [True, False])
def test_compare_and_trend(tmp_path, as_text):
    # A Fingertips export as downloaded: read as text (exactly as in the file) or as pandas
    # parses it by default; both give the command's table.
    read = dict(dtype=str, keep_default_na=False) if as_text else {}
    export = read_fixture(*EXPORT, **read)
    metadata = read_fixture(*METADATA, **read)
    comparators = read_fixture(*COMPARATORS, **read)
    names = [fixture(*EXPORT), "DataFrame"]
    cli = cli_table(["compare", "--input", fixture(*EXPORT), "--indicators", fixture(*METADATA), "--comparators",
                     fixture(*COMPARATORS), "--area", "E06000032"], tmp_path)
    with pytest.warns(equity.EquityWarning, match="published labels"):
        py = equity.compare(export, indicators=metadata, comparators=comparators, area="E06000032")
    same(normalised(py, names), normalised(cli, names))
    assert len(py) > 100 and py["comparison"].notna().all()
    with pytest.warns(equity.EquityWarning, match="published labels"):
        from_path = equity.compare(fixture(*EXPORT), indicators=fixture(*METADATA), comparators=fixture(*COMPARATORS),
                                   area="E06000032")
    same(from_path, cli)
    cli_trend = cli_table(["trend", "--input", fixture(*EXPORT), "--indicators", fixture(*METADATA), "--area", "E06000032"],
                          tmp_path)
    trend = equity.trend(export, indicators=metadata, area="E06000032")
    same(normalised(trend, names), normalised(cli_trend, names))
    assert len(trend) > 10
