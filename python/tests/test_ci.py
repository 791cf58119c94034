"""equity.ci against the `equity ci` command (identical to the last digit), PHStatsMethods
(Wilson and Byar's limits) and PHEindicatormethods' published test data."""
import math

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

import equity
from conftest import cli_error, cli_table, fixture, read_fixture, need

WARDS = ("ward_indicators.csv",)
TEXT = ["ward_code", "ward_name"]


def same(python, cli):
    pdt.assert_frame_equal(python.reset_index(drop=True), cli, check_exact=True, check_dtype=False)


def test_proportion_matches_cli(tmp_path):
    df = read_fixture(*WARDS, dtype={"ward_code": str, "ward_name": str})
    py = equity.ci.proportion(df, numerator="smokers", denominator="adults", multiplier=100, confidence=[0.95, 0.998])
    cli = cli_table(["ci", "proportion", "--input", fixture(*WARDS), "--numerator", "smokers", "--denominator", "adults",
                     "--multiplier", "100", "--confidence", "0.95,0.998"], tmp_path, TEXT)
    same(py, cli)
    assert list(py.columns[-8:]) == ["value", "lower95_0cl", "upper95_0cl", "lower99_8cl", "upper99_8cl", "confidence",
                                     "statistic", "method"] or list(py.columns[-9:-1])


def test_proportion_grouped_matches_cli(tmp_path):
    df = pd.DataFrame({"area": ["a", "a", "b", "b"], "x": [10, 20, 5, 0], "n": [100, 150, 40, 60]})
    path = tmp_path / "g.csv"
    df.to_csv(path, index=False)
    py = equity.ci.proportion(df, numerator="x", denominator="n", group_by="area")
    cli = cli_table(["ci", "proportion", "--input", str(path), "--numerator", "x", "--denominator", "n", "--group-by", "area"],
                    tmp_path, ["area"])
    same(py, cli)


def test_proportion_fast_path_equals_command_path(tmp_path):
    # Missing counts and zeros take the zero-copy path; the same rows through the command give
    # the same frame (the fast path is only a faster road to the same numbers).
    df = pd.DataFrame({"x": [0, 5, np.nan, 7, 100], "n": [10, 5, 8, np.nan, 1000]})
    fast = equity.ci.proportion(df, numerator="x", denominator="n")
    path = tmp_path / "p.csv"
    df.to_csv(path, index=False)
    cli = cli_table(["ci", "proportion", "--input", str(path), "--numerator", "x", "--denominator", "n"], tmp_path)
    same(fast, cli)
    assert fast["note"].tolist()[2:4] == ["numerator missing", "denominator missing"]


def test_rate_matches_cli(tmp_path):
    df = read_fixture(*WARDS, dtype={"ward_code": str, "ward_name": str})
    py = equity.ci.rate(df, count="deaths", population="population", confidence=[0.95, 0.998])
    cli = cli_table(["ci", "rate", "--input", fixture(*WARDS), "--count", "deaths", "--population", "population",
                     "--confidence", "0.95,0.998"], tmp_path, TEXT)
    same(py, cli)
    small = pd.DataFrame({"o": [0, 3, 9, 10, 250], "n": [1000, 1000, 2000, 2000, 100000]})
    path = tmp_path / "r.csv"
    small.to_csv(path, index=False)
    same(equity.ci.rate(small, count="o", population="n"),
         cli_table(["ci", "rate", "--input", str(path), "--count", "o", "--population", "n"], tmp_path))


@pytest.mark.parametrize("name,function,kwargs,args,text", [
    ("dsr", equity.ci.dsr, dict(group_by="area", count="deaths", population="population", age_band="ageband"),
     ["ci", "dsr", "--group-by", "area", "--count", "deaths", "--population", "population", "--age-band", "ageband"], ["area", "ageband"]),
    ("isr", equity.ci.isr, dict(group_by="area", count="deaths", population="population", reference_count="ref_deaths",
                                reference_population="ref_population", statistic="ratio", multiplier=100),
     ["ci", "isr", "--group-by", "area", "--count", "deaths", "--population", "population", "--reference-count", "ref_deaths",
      "--reference-population", "ref_population", "--statistic", "ratio", "--multiplier", "100"], ["area", "ageband"]),
])
def test_standardised_rates_match_cli(tmp_path, name, function, kwargs, args, text):
    df = read_fixture("dsr_by_age.csv", dtype={c: str for c in text})
    same(function(df, **kwargs), cli_table(args + ["--input", fixture("dsr_by_age.csv")], tmp_path, text))


def test_mean_life_expectancy_quantile_match_cli(tmp_path):
    wards = read_fixture(*WARDS, dtype={"ward_code": str, "ward_name": str})
    same(equity.ci.mean(wards, value="deaths"),
         cli_table(["ci", "mean", "--input", fixture(*WARDS), "--value", "deaths"], tmp_path, TEXT))
    same(equity.ci.quantile(wards, value="smokers", quantiles=5),
         cli_table(["ci", "quantile", "--input", fixture(*WARDS), "--value", "smokers", "--quantiles", "5"], tmp_path, TEXT))
    same(equity.ci.quantile(wards, value="smokers", quantiles=5, invert=False),
         cli_table(["ci", "quantile", "--input", fixture(*WARDS), "--value", "smokers", "--quantiles", "5", "--no-invert"],
                   tmp_path, TEXT))
    le = read_fixture("life_expectancy.csv", dtype={"area": str, "startage": str})
    same(equity.ci.life_expectancy(le, group_by="area", deaths="deaths", population="population", age_band="startage",
                                   le_age=[0, 65]),
         cli_table(["ci", "life-expectancy", "--input", fixture("life_expectancy.csv"), "--group-by", "area", "--deaths", "deaths",
                    "--population", "population", "--age-band", "startage", "--le-age", "0,65"], tmp_path, ["area", "startage"]))


def test_a_path_runs_the_file_itself(tmp_path):
    py = equity.ci.proportion(fixture(*WARDS), numerator="smokers", denominator="adults", group_by="ward_code")
    cli = cli_table(["ci", "proportion", "--input", fixture(*WARDS), "--numerator", "smokers", "--denominator", "adults",
                     "--group-by", "ward_code"], tmp_path, ["ward_code"])
    same(py, cli)


def test_errors_carry_the_cli_message():
    status, message = cli_error(["ci", "proportion", "--input", fixture(*WARDS), "--numerator", "smoker", "--denominator", "adults"])
    with pytest.raises(equity.EquityError) as caught:
        equity.ci.proportion(fixture(*WARDS), numerator="smoker", denominator="adults")
    assert str(caught.value) == message and caught.value.status == status == 1
    assert isinstance(caught.value, ValueError)
    # A bad row in a DataFrame: the command's message, naming the row (line 3 of the CSV) and column.
    df = pd.DataFrame({"x": [1, 12], "n": [10, 10]})
    with pytest.raises(equity.EquityError, match=r"^DataFrame:3:1: numerator 12 is greater than denominator 10"):
        equity.ci.proportion(df, numerator="x", denominator="n")
    status, message = cli_error(["ci", "proportion", "--input", fixture(*WARDS), "--numerator", "smokers", "--denominator", "adults",
                                 "--confidence", "1.5"])
    with pytest.raises(equity.EquityError) as caught:
        equity.ci.proportion(fixture(*WARDS), numerator="smokers", denominator="adults", confidence=1.5, group_by="ward_code")
    assert caught.value.status == status == 64
    assert str(caught.value).splitlines()[0] == message.splitlines()[0]
    with pytest.raises(equity.EquityError):
        equity.ci.proportion(pd.DataFrame({"x": [1.0], "n": [math.inf]}), numerator="x", denominator="n")


def test_wilson_and_byars_agree_with_phe_test_data():
    # PHEindicatormethods' testdata_Byars_Wilson (PHE's published limits). Byar's method is
    # what phe_rate uses from 10 events (below, exact Poisson limits), so rows with x >= 10.
    ref = read_fixture("phe", "testdata_Byars_Wilson__testdata_B_W.csv")
    byars = ref[(ref["method"] == "Byars") & (ref["x"] >= 10)]
    wilson = ref[ref["method"] == "Wilson"]
    for confidence, rows in byars.groupby("confidence"):
        level = float(confidence.rstrip("%")) / 100
        # A rate of x per 1 (population 1, multiplier 1) has the count's limits.
        got = equity.ci.rate(pd.DataFrame({"x": rows["x"].to_numpy(), "n": 1.0}), count="x", population="n", multiplier=1,
                             confidence=level)
        np.testing.assert_allclose(got["lowercl"], rows["lowercl"], rtol=1e-9)
        np.testing.assert_allclose(got["uppercl"], rows["uppercl"], rtol=1e-9)
    for confidence, rows in wilson.groupby("confidence"):
        level = float(confidence.rstrip("%")) / 100
        got = equity.ci.proportion(rows[["x", "n"]], numerator="x", denominator="n", confidence=level)
        np.testing.assert_allclose(got["lowercl"], rows["lowercl"], rtol=1e-9)
        np.testing.assert_allclose(got["uppercl"], rows["uppercl"], rtol=1e-9)
    assert len(byars) == 5 and len(wilson) == 6


def test_wilson_and_byars_agree_with_phstatsmethods():
    ph = need("PHStatsMethods")
    df = read_fixture(*WARDS).dropna()
    ours = equity.ci.proportion(df, numerator="smokers", denominator="adults", multiplier=100, confidence=[0.95, 0.998])
    theirs = ph.ph_proportion(df, "smokers", "adults", confidence=[0.95, 0.998], multiplier=100)
    for a, b in [("value", "Value"), ("lower95_0cl", "lower_95_ci"), ("upper95_0cl", "upper_95_ci"),
                 ("lower99_8cl", "lower_99_8_ci"), ("upper99_8cl", "upper_99_8_ci")]:
        np.testing.assert_allclose(ours[a].to_numpy(), theirs[b].to_numpy(), rtol=1e-9)
    ours = equity.ci.rate(df, count="deaths", population="population", confidence=[0.95, 0.998])
    theirs = ph.ph_rate(df, "deaths", "population", confidence=[0.95, 0.998])
    for a, b in [("value", "Value"), ("lower95_0cl", "lower_95_ci"), ("upper95_0cl", "upper_95_ci"),
                 ("lower99_8cl", "lower_99_8_ci"), ("upper99_8cl", "upper_99_8_ci")]:
        np.testing.assert_allclose(ours[a].to_numpy(), theirs[b].to_numpy(), rtol=1e-9)
