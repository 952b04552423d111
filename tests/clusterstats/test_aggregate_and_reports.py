"""Aggregation up the NUTS tree and the reports (portfolio, scoreboard, trend, growth, compare)."""

import pytest

from clusterbridge.clusterstats import (
    Figures,
    Table,
    aggregate,
    ancestor,
    compare,
    evaluate,
    growth,
    level_of,
    portfolio,
    scoreboard,
    trend,
)
from tests.clusterstats.test_indicators import YEAR, small_table


def test_ancestors_of_nuts_codes():
    assert ancestor("DE11", 0) == "DE"
    assert ancestor("DE11", 1) == "DE1"
    assert ancestor("DE11", 2) == "DE11"
    assert level_of("DE1") == 1
    with pytest.raises(ValueError):
        ancestor("DE1", 2)


def test_aggregation_sums_figures_and_totals():
    level1 = aggregate(small_table(), 1)
    assert level1.get("DE1", "automotive", YEAR) == Figures(400, 15, 19_000_000, None)
    assert level1.get("FR1", "food", YEAR) == Figures(100, 8, 2_000_000, None)
    assert level1.totals == {("DE1", YEAR): 2000, ("FR1", YEAR): 2000}
    # LQ of DE1: (400 / 2000) / (500 / 4000) = 0.2 / 0.125
    assert evaluate(level1, YEAR)[("DE1", "automotive")].lq == pytest.approx(1.6)
    countries = aggregate(small_table(), 0)
    assert set(countries.regions()) == {"DE", "FR"}


def test_an_unknown_figure_makes_the_parent_unknown():
    table = Table({("DE11", "x", YEAR): Figures(10, 1), ("DE12", "x", YEAR): Figures(5, None)})
    assert aggregate(table, 1).get("DE1", "x", YEAR) == Figures(15, None)


def test_portfolio_strongest_first():
    result = evaluate(small_table(), YEAR).values()
    assert [(i.category, i.stars) for i in portfolio(result, "DE11")] == [
        ("automotive", 3),
        ("food", 1),
    ]


def test_scoreboard_ranks_regions():
    result = list(evaluate(small_table(), YEAR).values())
    assert [i.region for i in scoreboard(result, "automotive")] == ["DE11", "DE12", "FR10"]
    by_lq = scoreboard(result, "food", by="lq")
    assert [i.region for i in by_lq] == ["DE12", "DE11", "FR10"]
    # Equal star counts: the larger employment first.
    assert [i.region for i in scoreboard(result, "automotive", by="stars")] == [
        "DE11",
        "FR10",
        "DE12",
    ]
    with pytest.raises(ValueError):
        scoreboard(result, "food", by="colour")


def test_trend_and_growth():
    table = Table(
        {
            ("DE11", "x", 2019): Figures(100),
            ("DE11", "x", 2021): Figures(121),
            ("DE11", "y", 2019): Figures(50),
        }
    )
    assert trend(table, "DE11", "x") == [(2019, 100), (2021, 121)]
    assert trend(table, "DE11") == [(2019, 150), (2021, 121)]  # all categories
    change = growth(trend(table, "DE11", "x"), 2019, 2021)
    assert change.change == 21
    assert change.percent == pytest.approx(21.0)
    assert change.annual_percent == pytest.approx(10.0)  # 1.1² = 1.21
    assert growth([(2019, None), (2021, 5)], 2019, 2021).percent is None
    with pytest.raises(ValueError):
        growth([], 2021, 2019)


def test_compare_two_to_five_regions():
    result = list(evaluate(small_table(), YEAR).values())
    compared = compare(result, ["DE11", "FR10"])
    assert compared.regions == ("DE11", "FR10")
    # Categories by the highest LQ among the compared regions: automotive 2.4, food 0.8.
    assert [category for category, _ in compared.rows] == ["automotive", "food"]
    assert [i.region for i in compared.rows[0][1]] == ["DE11", "FR10"]
    with pytest.raises(ValueError, match="compare 2 to 5"):
        compare(result, ["DE11"])
    with pytest.raises(ValueError, match="compare 2 to 5"):
        compare(result, ["DE11", "DE12", "FR10", "FR21", "IT11", "ES11"])
    with pytest.raises(ValueError, match="once"):
        compare(result, ["DE11", "DE11"])
    missing = compare(result, ["DE11", "PL22"])
    assert missing.rows[0][1][1] is None
