"""Known answers of the indicator engine, computed by hand (see the comments)."""

import subprocess
import sys

import pytest

from clusterbridge.clusterstats import Figures, Table, Thresholds, evaluate, location_quotient
from clusterbridge.clusterstats.indicators import ranks, reference_lq, top_cutoff

YEAR = 2020


def small_table() -> Table:
    """Three regions, two categories, totals of all activities given:

    region  automotive  food  total   automotive wage bill
    DE11    300         100   1000    15,000,000  (50,000 per employee)
    DE12    100         300   1000     4,000,000  (40,000)
    FR10    100         100   2000     6,000,000  (60,000)
    E = 4000, E_automotive = 500, E_food = 500. Food's wage bills: 3, 9 and 2 million.
    """
    table = Table(
        {
            ("DE11", "automotive", YEAR): Figures(300, 10, 15_000_000),
            ("DE11", "food", YEAR): Figures(100, 20, 3_000_000),
            ("DE12", "automotive", YEAR): Figures(100, 5, 4_000_000),
            ("DE12", "food", YEAR): Figures(300, 30, 9_000_000),
            ("FR10", "automotive", YEAR): Figures(100, 4, 6_000_000),
            ("FR10", "food", YEAR): Figures(100, 8, 2_000_000),
        },
        {("DE11", YEAR): 1000, ("DE12", YEAR): 1000, ("FR10", YEAR): 2000},
    )
    return table


def test_importing_the_package_does_not_import_django():
    code = (
        "import sys, clusterbridge.clusterstats, clusterbridge.clusterstats.readers, "
        "clusterbridge.clusterstats.geometry; print('django' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_location_quotient_formula():
    # (300 / 1000) / (500 / 4000) = 0.3 / 0.125
    assert location_quotient(300, 1000, 500, 4000) == pytest.approx(2.4)
    assert location_quotient(0, 1000, 500, 4000) == 0
    assert location_quotient(300, 0, 500, 4000) is None
    assert location_quotient(None, 1000, 500, 4000) is None
    assert location_quotient(300, 1000, 0, 4000) is None


def test_location_quotients_and_stars_of_the_small_table():
    result = evaluate(small_table(), YEAR)
    lq = {key: round(i.lq, 6) for key, i in result.items()}
    assert lq == {
        ("DE11", "automotive"): 2.4,  # 0.3 / 0.125
        ("DE12", "automotive"): 0.8,  # 0.1 / 0.125
        ("FR10", "automotive"): 0.4,  # 0.05 / 0.125
        ("DE11", "food"): 0.8,
        ("DE12", "food"): 2.4,
        ("FR10", "food"): 0.4,
    }
    de11 = result[("DE11", "automotive")]
    # Three regions: the top 10 % is the first (ceil(0.3) = 1 place).
    assert (de11.size_star, de11.specialisation_star, de11.focus_star) == (True, True, True)
    assert de11.productivity_star is False  # 50,000 per employee; FR10 pays 60,000
    assert de11.stars == 3
    assert de11.share == pytest.approx(0.3)
    assert de11.size_rank == 1
    assert de11.region_employment == 1000
    fr10 = result[("FR10", "automotive")]
    assert fr10.productivity == pytest.approx(60_000)
    assert (fr10.size_star, fr10.specialisation_star, fr10.focus_star, fr10.productivity_star) == (
        False,
        False,
        False,
        True,
    )
    assert fr10.stars == 1
    assert result[("DE12", "automotive")].stars == 0
    # Food pays 30,000 per employee in DE11 and DE12 (tied first) and 20,000 in FR10.
    assert result[("DE12", "food")].stars == 4
    assert result[("DE11", "food")].stars == 1


def test_a_country_as_reference_area():
    # Germany only: E = 2000, E_automotive = 400; DE11: 0.3 / 0.2 = 1.5, DE12: 0.1 / 0.2 = 0.5.
    result = evaluate(small_table(), YEAR, reference=lambda code: code.startswith("DE"))
    assert set(result) == {
        ("DE11", "automotive"),
        ("DE12", "automotive"),
        ("DE11", "food"),
        ("DE12", "food"),
    }
    assert result[("DE11", "automotive")].lq == pytest.approx(1.5)
    assert result[("DE12", "automotive")].lq == pytest.approx(0.5)
    assert result[("DE11", "automotive")].specialisation_star is False
    # The same with the codes listed.
    listed = evaluate(small_table(), YEAR, reference={"DE11", "DE12"})
    assert listed == result


def test_without_totals_the_region_is_the_sum_of_its_categories():
    table = small_table()
    table.totals.clear()
    # E_r = 400, 400 and 200, E = 1000, E_automotive = 500: (300 / 400) / (500 / 1000) = 1.5
    result = evaluate(table, YEAR)
    assert result[("DE11", "automotive")].lq == pytest.approx(1.5)
    assert result[("DE11", "automotive")].region_employment == 400


def test_thresholds_are_parameters():
    loose = Thresholds(specialisation_lq=0.75, size_top_share=1.0, productivity_top_share=1.0)
    result = evaluate(small_table(), YEAR, thresholds=loose)
    assert result[("DE12", "automotive")].specialisation_star is True  # 0.8 ≥ 0.75
    assert result[("FR10", "automotive")].specialisation_star is False  # 0.4
    assert all(i.size_star for i in result.values())  # the whole field is the "top 100 %"
    gva = Thresholds(productivity_measure="gva")
    assert all(
        i.productivity is None for i in evaluate(small_table(), YEAR, thresholds=gva).values()
    )
    with pytest.raises(ValueError, match="size_top_share"):
        Thresholds(size_top_share=0)
    with pytest.raises(ValueError, match="specialisation_lq"):
        Thresholds(specialisation_lq=-1)
    with pytest.raises(ValueError, match="productivity_measure"):
        Thresholds(productivity_measure="profit")


@pytest.mark.parametrize(
    ("count", "share", "places"),
    [
        (0, 0.1, 0),
        (1, 0.1, 1),
        (9, 0.1, 1),
        (10, 0.1, 1),
        (11, 0.1, 2),
        (30, 0.1, 3),
        (31, 0.1, 4),
        (4, 0.25, 1),
        (5, 0.25, 2),
        (328, 0.1, 33),
    ],
)
def test_top_cutoff(count, share, places):
    assert top_cutoff(count, share) == places


def test_ranks_share_places_on_ties_and_skip_empty_values():
    ranked, count = ranks({"a": 5.0, "b": 5.0, "c": 3.0, "d": 0.0, "e": None})
    assert ranked == {"a": 1, "b": 1, "c": 3}
    assert count == 3


def test_tied_regions_at_the_cutoff_both_get_the_star():
    table = Table(
        {
            ("DE11", "x", YEAR): Figures(50),
            ("DE12", "x", YEAR): Figures(50),
            ("DE13", "x", YEAR): Figures(10),
        }
    )
    result = evaluate(table, YEAR)
    assert [result[(r, "x")].size_star for r in ("DE11", "DE12", "DE13")] == [True, True, False]


def test_missing_figures_give_no_indicator_but_no_error():
    table = Table(
        {
            ("DE11", "x", YEAR): Figures(None, 3),
            ("DE12", "x", YEAR): Figures(10),
        }
    )
    result = evaluate(table, YEAR)
    assert result[("DE11", "x")].lq is None
    assert result[("DE11", "x")].stars == 0
    assert result[("DE12", "x")].lq == pytest.approx(1.0)


def test_the_reference_area_itself_has_a_location_quotient_of_one():
    assert reference_lq(small_table(), YEAR) == {
        "automotive": pytest.approx(1.0),
        "food": pytest.approx(1.0),
    }
