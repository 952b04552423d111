"""Directory search: filters, disjunctive facets, text search, relevance, sorting, map points."""

from __future__ import annotations

import pytest

from clusterbridge.common.facets import build_facet
from clusterbridge.organisations.queries.directory import (
    DirectoryQuery,
    facets,
    map_points,
    search,
)
from tests.factories import OrganisationFactory
from tests.organisations.data import PUBLISHED_BY_NAME, build_directory

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs():
    return build_directory()


def names(query: DirectoryQuery) -> list[str]:
    return list(search(query).values_list("name", flat=True))


def counts(query: DirectoryQuery) -> dict[str, dict[str, int]]:
    return {f.name: {v.value: v.count for v in f.values} for f in facets(query)}


def test_only_published_profiles_are_found_in_name_order(orgs):
    assert names(DirectoryQuery()) == PUBLISHED_BY_NAME


def test_facet_counts_without_filters(orgs):
    assert counts(DirectoryQuery()) == {
        "kinds": {"cluster": 2, "sme": 1, "university": 1, "rto": 1},
        "countries": {"DE": 2, "FR": 2, "CH": 1},
        "regions": {"CH04": 1, "DE30": 1, "DE21": 1, "FRK2": 1, "FR10": 1},
        "sectors": {
            "automotive": 3,
            "metalworking-technology": 1,
            "biopharmaceuticals": 1,
            "information-technology-and-analytical-instruments": 1,
        },
        # No observatory statistics here, so no organisation is in a specialised region.
        "specialised": {},
        "ecosystems": {},
        "technologies": {"photonics": 1},
        "sizes": {"0": 2, "1-14": 1, "15-49": 1, "50-149": 1},
    }


def test_facet_labels_and_order(orgs):
    by_name = {f.name: f for f in facets(DirectoryQuery())}
    assert [(v.value, v.label, v.count) for v in by_name["countries"].values] == [
        ("FR", "France", 2),
        ("DE", "Germany", 2),
        ("CH", "Switzerland", 1),
    ]
    assert [(v.value, v.label) for v in by_name["sizes"].values] == [
        ("0", "No members"),
        ("1-14", "1–14 members"),
        ("15-49", "15–49 members"),
        ("50-149", "50–149 members"),
    ]
    regions = {v.value: v.label for v in by_name["regions"].values}
    assert regions["DE30"] == "Berlin (DE30)"
    assert regions["CH04"] == "Zürich (CH04)"
    assert by_name["sectors"].values[0].label == "Automotive"
    assert by_name["kinds"].values[0].label == "Cluster organisation"
    assert by_name["countries"].param == "country"
    assert all(not v.selected for f in by_name.values() for v in f.values)


def test_selecting_a_country_keeps_the_country_counts_and_narrows_the_others(orgs):
    query = DirectoryQuery(countries=("DE",))
    result = counts(query)
    assert result["countries"] == {"DE": 2, "FR": 2, "CH": 1}  # disjunctive: unchanged
    assert result["kinds"] == {"cluster": 1, "sme": 1}
    assert result["sectors"] == {"automotive": 2, "metalworking-technology": 1}
    assert result["sizes"] == {"0": 1, "50-149": 1}
    assert result["regions"] == {"DE30": 1, "DE21": 1}
    assert result["technologies"] == {}
    selected = [
        (v.value, v.selected) for f in facets(query) if f.name == "countries" for v in f.values
    ]
    assert ("DE", True) in selected
    assert ("FR", False) in selected
    assert names(query) == ["Berlin Mobility Cluster", "Munich Auto Tech GmbH"]


def test_two_facets_selected_each_ignores_only_its_own_selection(orgs):
    query = DirectoryQuery(countries=("FR",), sectors=("automotive",))
    result = counts(query)
    # Country counts apply the sector filter only; sector counts apply the country filter only.
    assert result["countries"] == {"DE": 2, "FR": 1}
    assert result["sectors"] == {"automotive": 1, "biopharmaceuticals": 1}
    assert result["kinds"] == {"rto": 1}
    assert names(query) == ["Paris Mobility Lab"]


def test_a_selected_value_without_results_still_shows_with_zero(orgs):
    by_name = {f.name: f for f in facets(DirectoryQuery(countries=("IT",)))}
    italy = [v for v in by_name["countries"].values if v.value == "IT"]
    assert [(v.label, v.count, v.selected) for v in italy] == [("Italy", 0, True)]
    assert by_name["kinds"].values == []


def test_facet_limit_keeps_selected_values_beyond_the_limit():
    facet = build_facet(
        name="regions",
        label="Region",
        param="region",
        counts={f"R{i}": 100 - i for i in range(10)},
        labels={},
        selected=("R9",),
        limit=3,
    )
    assert [v.value for v in facet.values] == ["R0", "R1", "R2", "R9"]


def test_sectors_are_or_within_the_facet(orgs):
    query = DirectoryQuery(
        sectors=("biopharmaceuticals", "information-technology-and-analytical-instruments")
    )
    assert names(query) == ["Lyon Biotech University", "Zürich Photonics Cluster"]
    # No duplicate rows for an organisation matching two selected values.
    assert names(DirectoryQuery(sectors=("automotive", "metalworking-technology"))) == [
        "Berlin Mobility Cluster",
        "Munich Auto Tech GmbH",
        "Paris Mobility Lab",
    ]


def test_kinds_regions_and_technologies_filters(orgs):
    assert names(DirectoryQuery(kinds=("cluster", "rto"))) == [
        "Berlin Mobility Cluster",
        "Paris Mobility Lab",
        "Zürich Photonics Cluster",
    ]
    assert names(DirectoryQuery(regions=("DE21", "FR10"))) == [
        "Munich Auto Tech GmbH",
        "Paris Mobility Lab",
    ]
    assert names(DirectoryQuery(technologies=("photonics",))) == ["Zürich Photonics Cluster"]
    assert names(DirectoryQuery(ecosystems=("health",))) == []


def test_size_bands(orgs):
    assert names(DirectoryQuery(sizes=("0",))) == [
        "Lyon Biotech University",
        "Munich Auto Tech GmbH",
    ]
    assert names(DirectoryQuery(sizes=("1-14", "50-149"))) == [
        "Berlin Mobility Cluster",
        "Paris Mobility Lab",
    ]
    assert names(DirectoryQuery(sizes=("500+",))) == []


def test_text_search_ands_the_terms(orgs):
    assert names(DirectoryQuery(text="mobility")) == [
        "Berlin Mobility Cluster",
        "Paris Mobility Lab",
        "Lyon Biotech University",
        "Munich Auto Tech GmbH",
    ]
    assert names(DirectoryQuery(text="mobility berlin")) == ["Berlin Mobility Cluster"]
    assert names(DirectoryQuery(text="mobility photonics")) == []


@pytest.mark.parametrize("text", ["zurich", "ZÜRICH", "Zürich", "zürich lake"])
def test_accent_and_case_folding(orgs, text):
    assert names(DirectoryQuery(text=text)) == ["Zürich Photonics Cluster"]


def test_accented_query_finds_plain_text(orgs):
    assert names(DirectoryQuery(text="vaccinés")) == ["Lyon Biotech University"]
    assert names(DirectoryQuery(text="munchen")) == ["Munich Auto Tech GmbH"]


def test_search_finds_acronyms(orgs):
    assert names(DirectoryQuery(text="zpc")) == ["Zürich Photonics Cluster"]


def test_relevance_puts_name_matches_first_and_names_starting_with_the_term_before_them():
    OrganisationFactory(name="Alpha Hydrogen Cluster", short_description="Fuel cells.")
    OrganisationFactory(name="Hydrogen Valley", short_description="Electrolysers.")
    OrganisationFactory(name="Aachen Energy", short_description="We work on hydrogen storage.")
    OrganisationFactory(name="Unrelated", short_description="Nothing to see.")
    assert names(DirectoryQuery(text="hydrogen")) == [
        "Hydrogen Valley",
        "Alpha Hydrogen Cluster",
        "Aachen Energy",
    ]
    # Another sort order overrides relevance.
    assert names(DirectoryQuery(text="hydrogen", sort="name")) == [
        "Aachen Energy",
        "Alpha Hydrogen Cluster",
        "Hydrogen Valley",
    ]


def test_sorts(orgs):
    assert names(DirectoryQuery(sort="name")) == PUBLISHED_BY_NAME
    assert names(DirectoryQuery(sort="newest")) == [
        "Munich Auto Tech GmbH",
        "Paris Mobility Lab",
        "Zürich Photonics Cluster",
        "Lyon Biotech University",
        "Berlin Mobility Cluster",
    ]
    assert names(DirectoryQuery(sort="size")) == [
        "Berlin Mobility Cluster",
        "Zürich Photonics Cluster",
        "Paris Mobility Lab",
        "Lyon Biotech University",
        "Munich Auto Tech GmbH",
    ]


def test_map_points_only_published_with_coordinates(orgs):
    assert map_points(DirectoryQuery()) == [
        [
            "zurich-photonics-cluster",
            "Zürich Photonics Cluster",
            "cluster",
            47.37689,
            8.54169,
            "Zürich",
        ],
        ["berlin-mobility-cluster", "Berlin Mobility Cluster", "cluster", 52.52, 13.405, "Berlin"],
        ["munich-auto-tech-gmbh", "Munich Auto Tech GmbH", "sme", 48.137, 11.575, "München"],
        [
            "lyon-biotech-university",
            "Lyon Biotech University",
            "university",
            45.764,
            4.8357,
            "Lyon",
        ],
    ]
    assert map_points(DirectoryQuery(countries=("FR",))) == [
        [
            "lyon-biotech-university",
            "Lyon Biotech University",
            "university",
            45.764,
            4.8357,
            "Lyon",
        ],
    ]


def test_the_number_of_queries_does_not_depend_on_the_data(orgs, django_assert_num_queries):
    query = DirectoryQuery(text="mobility", countries=("DE", "FR"), sectors=("automotive",))
    # One grouped query for the column facets (kind, country, region, size, label) and one
    # per related facet (sectors, specialised sectors, ecosystems, technologies); it was one
    # query per facet (8).
    with django_assert_num_queries(5):
        facets(query)
    for i in range(20):
        OrganisationFactory(
            name=f"Extra Mobility {i}", sectors=["automotive", "biopharmaceuticals"], region="DE30"
        )
    with django_assert_num_queries(5):
        facets(query)
