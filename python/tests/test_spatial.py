"""equity.weights, moran, lisa, geary and getis_ord: against the commands on the same
boundaries (identical), and against esda/libpysal (published PySAL values) on Columbus and Luton."""
import json

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

import equity
from conftest import cli_json, cli_table, fixture, read_fixture, run_cli, need

gpd = need("geopandas")

COLUMBUS = fixture("boundaries", "columbus.geojson")
LUTON = fixture("boundaries", "luton_lsoa11_E06000032.geojson")
LUTON_EDGES = fixture("adjacency", "luton_lsoa11_bgc_queen_edges.csv")
LUTON_VALUES = fixture("deprivation", "luton_lsoa11_iod2019.csv")


@pytest.fixture(scope="module")
def columbus():
    g = gpd.read_file(COLUMBUS)
    return g, equity.weights.contiguity(g, id="POLYID", rule="queen")


@pytest.fixture(scope="module")
def luton():
    values = pd.read_csv(LUTON_VALUES, dtype={"lsoa11cd": str})
    edges = pd.read_csv(LUTON_EDGES, dtype=str)
    w = equity.weights.from_pairs(values["lsoa11cd"], zip(edges["lsoa11cd_a"], edges["lsoa11cd_b"]))
    return values, w


@pytest.mark.parametrize("path,prop,rule", [(COLUMBUS, "POLYID", "queen"), (COLUMBUS, "POLYID", "rook"),
                                            (LUTON, "LSOA11CD", "queen"), (LUTON, "LSOA11CD", "rook")])
def test_contiguity_matches_the_weights_command(tmp_path, path, prop, rule):
    g = gpd.read_file(path)
    w = equity.weights.contiguity(g, id=prop, rule=rule)
    cli = cli_table(["weights", "--polygons", path, "--id-property", prop, "--contiguity", rule], tmp_path, ["id_a", "id_b"])
    pdt.assert_frame_equal(w.pairs(), cli)
    assert w.ids == [str(v) for v in g[prop]]


def read_gwt(path):
    lines = path.read_text().splitlines()[1:]
    return sorted((a, b, float(c)) for a, b, c in (line.split() for line in lines))


def test_knn_matches_the_weights_command(tmp_path):
    g = gpd.read_file(LUTON)
    w = equity.weights.knn(g, id="LSOA11CD", k=5)
    out = run_cli(["weights", "--polygons", LUTON, "--id-property", "LSOA11CD", "--knn", "5"], tmp_path, "k.gwt")
    ours = sorted((w.ids[i], w.ids[int(j)], float(v)) for i in range(len(w.ids))
                  for j, v in zip(w.neighbours[w.offsets[i]:w.offsets[i + 1]], w.weights[w.offsets[i]:w.offsets[i + 1]]))
    assert ours == read_gwt(out)
    assert set(np.diff(w.offsets)) == {5}


def test_knn_on_points_matches_the_command_and_libpysal(tmp_path):
    # A layer of points (London cycle hire docks): neighbours by the points themselves.
    points = fixture("boundaries", "london_cycle_hire.geojson")
    g = gpd.read_file(points)
    w = equity.weights.knn(g, id="id", k=4)
    out = run_cli(["weights", "--polygons", points, "--id-property", "id", "--knn", "4", "--links"], tmp_path, "k.csv")
    links = pd.read_csv(out, dtype=str)
    ours = sorted((w.ids[i], w.ids[int(j)]) for i in range(len(w.ids)) for j in w.neighbours[w.offsets[i]:w.offsets[i + 1]])
    assert ours == sorted(zip(links["id"], links["neighbour"]))
    reference = read_fixture("reference", "cycle_hire_knn_libpysal.csv", dtype=str)
    great_circle = reference[reference["metric"] == "great-circle"]
    assert ours == sorted(zip(great_circle["id"], great_circle["neighbour"]))
    with pytest.raises(equity.EquityError, match="is a point: contiguity needs polygons"):
        equity.weights.contiguity(g, id="id")


def test_libpysal_round_trip(columbus):
    libpysal = need("libpysal")
    g, w = columbus
    lw = w.to_libpysal()
    reference = libpysal.weights.Queen.from_dataframe(g, ids=[str(v) for v in g["POLYID"]], use_index=False)
    assert {k: sorted(v) for k, v in lw.neighbors.items()} == {str(k): sorted(map(str, v)) for k, v in reference.neighbors.items()}
    back = equity.weights.from_libpysal(lw)
    assert back.ids == w.ids and (back.neighbours == w.neighbours).all() and (back.weights == w.weights).all()
    m1 = equity.moran(g["CRIME"], w)
    m2 = equity.moran(g["CRIME"], equity.weights.from_libpysal(reference))
    assert m1.I == pytest.approx(m2.I, rel=1e-12)


def test_from_pairs_checks_ids():
    w = equity.weights.from_pairs(["a", "b", "c"], [("a", "b"), ("c", "b"), ("b", "a")])
    assert w.neighbour_ids == {"a": ["b"], "b": ["a", "c"], "c": ["b"]}
    with pytest.raises(equity.EquityError, match="'z' is not one of the areas"):
        equity.weights.from_pairs(["a", "b"], [("a", "z")])
    with pytest.raises(equity.EquityError, match="paired with itself"):
        equity.weights.from_pairs(["a", "b"], [("a", "a")])


@pytest.mark.parametrize("function,words,key", [
    (equity.moran, ["moran"], "I"), (equity.geary, ["geary"], "C"), (equity.getis_ord, ["getis-ord"], "G")])
def test_global_statistics_match_the_commands(tmp_path, columbus, function, words, key):
    g, w = columbus
    kwargs = dict(permutations=999, seed=7)
    args = words + ["--polygons", COLUMBUS, "--id-property", "POLYID", "--value-property", "CRIME", "--permutations", "999",
                    "--seed", "7"]
    if key == "G":
        kwargs["transform"] = "B"
        args += ["--transform", "B"]
    py = function(g["CRIME"], w, **kwargs)
    assert py.to_dict() == cli_json(args, tmp_path)
    assert getattr(py, key) == py[key]


def test_lisa_and_local_statistics_match_the_commands(tmp_path, columbus, luton):
    g, w = columbus
    base = ["--polygons", COLUMBUS, "--id-property", "POLYID", "--value-property", "CRIME", "--seed", "3"]
    pdt.assert_frame_equal(equity.lisa(g["CRIME"], w, permutations=999, seed=3, fdr=True, moments="total"),
                           cli_table(["lisa", *base, "--permutations", "999", "--fdr", "--moments", "total"], tmp_path, ["id"]))
    pdt.assert_frame_equal(equity.geary(g["CRIME"], w, local=True, permutations=999, seed=3),
                           cli_table(["geary", "--local", *base, "--permutations", "999"], tmp_path, ["id"]))
    pdt.assert_frame_equal(equity.getis_ord(g["CRIME"], w, local=True, star=True, permutations=999, seed=3),
                           cli_table(["getis-ord", "--local", "--star", *base, "--permutations", "999"], tmp_path, ["id"]))
    values, lw = luton
    cli = cli_table(["lisa", "--input", LUTON_VALUES, "--id", "lsoa11cd", "--value", "income_score", "--adjacency", LUTON_EDGES,
                     "--permutations", "9999", "--seed", "1"], tmp_path, ["id"])
    pdt.assert_frame_equal(equity.lisa(values["income_score"], lw, permutations=9999, seed=1), cli)
    # A Series indexed by id is matched to the weights by id, whatever its order.
    shuffled = values.set_index("lsoa11cd")["income_score"].sample(frac=1, random_state=1)
    pdt.assert_frame_equal(equity.lisa(shuffled, lw, permutations=9999, seed=1), cli)


def test_local_moran_agrees_with_esda_reference(columbus, luton):
    # Columbus: esda Moran_Local Is (queen, row-standardised), Fixtures/reference.
    g, w = columbus
    ref = read_fixture("reference", "columbus_local_moran_reference.csv")
    ours = equity.lisa(g["CRIME"], w, permutations=0)
    np.testing.assert_allclose(ours["Ii"], ref["Ii_queen_r"], rtol=1e-9)
    # Luton: esda z, lag and Is; the total moments (EI_total, VI_total, as the reference file
    # gives them to 12 digits) are on spdep's scale, n/(n − 1) times esda's.
    values, lw = luton
    ref = read_fixture("reference", "luton_lisa_reference_queen_r.csv").set_index("lsoa11cd").loc[lw.ids]
    ours = equity.lisa(values["income_score"], lw, permutations=0).set_index("id")
    np.testing.assert_allclose(ours["Ii"], ref["Ii"], rtol=1e-9)
    np.testing.assert_allclose(ours["lag"], ref["lag_z"], rtol=1e-9)
    spdep_scale = equity.lisa(values["income_score"], lw, permutations=0, moments="total", scale="spdep").set_index("id")
    np.testing.assert_allclose(spdep_scale["E_Ii"], ref["EI_total"], rtol=1e-9)
    np.testing.assert_allclose(spdep_scale["Var_Ii"], ref["VI_total"], rtol=1e-9)


def test_pseudo_p_values_follow_esda(columbus, luton):
    # esda Moran_Local p_sim at 9,999 permutations (Fixtures/reference): another generator, so
    # the same distribution, not the same digits; both within Monte Carlo error (sd ≤ 0.005).
    ref = read_fixture("reference", "lisa_esda_p_sim_9999.csv", dtype={"id": str})
    g, w = columbus
    values, lw = luton
    for name, y, weights in [("columbus", g["CRIME"], w), ("luton", values["income_score"], lw)]:
        expected = ref[ref["data"] == name].set_index("id")["p_sim"].loc[weights.ids].to_numpy()
        got = equity.lisa(y, weights, permutations=9999, seed=1)["p_sim"].to_numpy()
        assert np.max(np.abs(got - expected)) < 0.03
        assert np.mean(np.abs(got - expected)) < 0.005


def test_moran_agrees_with_esda(columbus, luton):
    esda = need("esda")
    for y, w in [(columbus[0]["CRIME"].to_numpy(), columbus[1]), (luton[0]["income_score"].to_numpy(), luton[1])]:
        lw = w.to_libpysal()
        lw.transform = "R"
        theirs = esda.Moran(y, lw, permutations=0)
        ours = equity.moran(y, w)
        assert ours.I == pytest.approx(theirs.I, rel=1e-9)
        assert ours.expected_I == pytest.approx(theirs.EI, rel=1e-9)
        assert ours.variance_randomisation == pytest.approx(theirs.VI_rand, rel=1e-9)
        assert ours.z_randomisation == pytest.approx(theirs.z_rand, rel=1e-9)
        assert ours.p_randomisation_two_sided == pytest.approx(theirs.p_rand, rel=1e-9)  # esda: two-tailed
        local = esda.Moran_Local(y, lw, permutations=0)
        np.testing.assert_allclose(equity.lisa(y, w, permutations=0)["Ii"], local.Is, rtol=1e-9)


def test_errors():
    w = equity.weights.from_pairs(["a", "b", "c"], [("a", "b"), ("b", "c")])
    with pytest.raises(equity.EquityError, match="2 values for 3 areas"):
        equity.moran([1.0, 2.0], w)
    with pytest.raises(equity.EquityError) as caught:
        equity.moran([1.0, np.inf, 3.0], w)
    assert caught.value.status == 1 and "values:3:" in str(caught.value)
    with pytest.raises(equity.EquityError, match="must be an equity.Weights"):
        equity.moran([1.0, 2.0, 3.0], {"a": ["b"]})


def test_join_counts_and_lee_match_the_commands(tmp_path, columbus):
    g, w = columbus
    base = ["--polygons", COLUMBUS, "--id-property", "POLYID", "--seed", "5"]
    binary = (g["CRIME"] > 40).astype(float)
    frame = pd.DataFrame({"POLYID": g["POLYID"].astype(str), "high": binary})
    data = tmp_path / "binary.csv"
    frame.to_csv(data, index=False)
    local = equity.join_count(binary, w, permutations=999, seed=5, fdr=True)
    pdt.assert_frame_equal(local, cli_table(["join-count", *base, "--input", str(data), "--id", "POLYID", "--value", "high",
                                             "--permutations", "999", "--fdr"], tmp_path, ["id"]))
    assert list(local.columns) == ["id", "value", "ljc", "p_sim", "significant"]
    pdt.assert_frame_equal(equity.join_count(g["CRIME"], w, quantile="5,5", categories=True),
                           cli_table(["join-count", *base, "--value-property", "CRIME", "--quantile", "5,5", "--global"], tmp_path,
                                     ["category"]))
    lee = equity.lee(g["CRIME"], g["INC"], w, permutations=99, seed=5)
    assert lee.to_dict() == cli_json(["lee", *base, "--value-property", "CRIME", "--x", "INC", "--permutations", "99"], tmp_path)
    assert lee.L == lee["L"] and lee.L < 0
    pdt.assert_frame_equal(equity.lee(g["CRIME"], g["INC"], w, local=True, seed=5, bonferroni=True),
                           cli_table(["lee", "--local", *base, "--value-property", "CRIME", "--x", "INC", "--bonferroni"], tmp_path,
                                     ["id"]))
