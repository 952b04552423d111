"""Properties of the engine on random tables (hypothesis): the reference area's location
quotient is 1; aggregating then computing equals computing on the aggregated figures; stars do
not change when every figure is multiplied by the same factor (a change of unit)."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterbridge.clusterstats import Figures, Table, aggregate, evaluate, location_quotient
from clusterbridge.clusterstats.indicators import reference_lq

REGIONS = ["DE11", "DE12", "DE21", "DE22", "FR10", "FR21", "IT11", "IT12", "PL21"]
CATEGORIES = ["automotive", "food", "tourism", "biopharma"]
YEAR = 2020

employment = st.integers(min_value=0, max_value=2_000_000).map(float)
wage_per_employee = st.integers(min_value=10_000, max_value=90_000)


@st.composite
def tables(draw, with_totals=None):
    regions = draw(
        st.lists(st.sampled_from(REGIONS), min_size=2, max_size=len(REGIONS), unique=True)
    )
    cells = {}
    for region in regions:
        for category in draw(
            st.lists(st.sampled_from(CATEGORIES), min_size=1, max_size=4, unique=True)
        ):
            e = draw(employment)
            cells[(region, category, YEAR)] = Figures(e, None, e * draw(wage_per_employee))
    table = Table(cells)
    give_totals = draw(st.booleans()) if with_totals is None else with_totals
    if give_totals:
        for region in regions:
            summed = table.region_employment(YEAR).get(region, 0.0)
            table.totals[(region, YEAR)] = summed + draw(employment)
    return table


def stars(result):
    return {
        key: (i.size_star, i.specialisation_star, i.focus_star, i.productivity_star)
        for key, i in result.items()
    }


@settings(max_examples=200, deadline=None)
@given(tables())
def test_the_reference_area_has_a_location_quotient_of_one(table):
    for value in reference_lq(table, YEAR).values():
        assert value == pytest.approx(1.0)
    # The same through aggregation: all regions of one country summed to the country.
    one_country = Table(
        {("DE" + r[2:], c, y): f for (r, c, y), f in table.cells.items()},
        {("DE" + r[2:], y): v for (r, y), v in table.totals.items()},
    )
    # Codes may now collide ("DE11" and "FR11"…): keep the first figure of each.
    country = aggregate(one_country, 0)
    for indicator in evaluate(country, YEAR).values():
        if indicator.lq is not None:
            assert indicator.lq == pytest.approx(1.0)


@settings(max_examples=200, deadline=None)
@given(tables())
def test_aggregating_then_computing_equals_computing_on_aggregated_figures(table):
    for level in (1, 0):
        aggregated = aggregate(table, level)
        result = evaluate(aggregated, YEAR)
        totals = table.region_employment(YEAR)
        whole = sum(totals.values())
        by_category = {}
        for (_r, c, _y), f in table.cells.items():
            by_category[c] = by_category.get(c, 0.0) + f.employment
        for (parent, category), indicator in result.items():
            children = [r for r in totals if r.startswith(parent)]
            e_rc = sum(
                table.cells[(r, category, YEAR)].employment
                for r in children
                if (r, category, YEAR) in table.cells
            )
            e_r = sum(totals[r] for r in children)
            expected = location_quotient(e_rc, e_r, by_category[category], whole)
            if expected is None:
                assert indicator.lq is None
            else:
                assert indicator.lq == pytest.approx(expected)
    # Summing in two steps equals summing at once.
    twice = aggregate(aggregate(table, 1), 0)
    once = aggregate(table, 0)
    assert set(twice.cells) == set(once.cells)
    for key, figures in once.cells.items():
        assert twice.cells[key].employment == pytest.approx(figures.employment)
    for key, value in once.totals.items():
        assert twice.totals[key] == pytest.approx(value)


@settings(max_examples=200, deadline=None)
@given(tables(), st.integers(min_value=-10, max_value=20))
def test_stars_and_quotients_do_not_change_with_the_unit(table, power):
    # Powers of two scale floating-point figures exactly, so ties stay ties.
    factor = 2.0**power
    before = evaluate(table, YEAR)
    after = evaluate(table.scaled(factor), YEAR)
    assert stars(after) == stars(before)
    for key, indicator in before.items():
        if indicator.lq is None:
            assert after[key].lq is None
        else:
            assert math.isclose(after[key].lq, indicator.lq, rel_tol=1e-12)
        assert after[key].size_rank == indicator.size_rank


def test_thousands_to_persons_keeps_the_stars():
    # The importer converts Eurostat's thousands into persons; the stars stay the same.
    table = Table(
        {
            ("DE11", "x", YEAR): Figures(3.06),
            ("DE12", "x", YEAR): Figures(2.88),
            ("DE11", "y", YEAR): Figures(11.28),
            ("DE12", "y", YEAR): Figures(52.5),
        }
    )
    assert stars(evaluate(table.scaled(1000), YEAR)) == stars(evaluate(table, YEAR))
