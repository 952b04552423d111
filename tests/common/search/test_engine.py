"""The facet/search engine: disjunctive counts by one rule, two ways to the same tally, fixed
query counts, sorts, results, caching and map data."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusterbridge.common.search import Related, Results, Search, Sort, Values, ids_in, versions
from clusterbridge.marketplace.queries.search import MARKETPLACE, OpportunityQuery
from clusterbridge.organisations.models import Organisation
from tests.common.search.definitions import ENGINE, EngineQuery, build, oracle
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs():
    return build()


def counts(facets) -> dict[str, dict[str, int]]:
    return {f.name: {v.value: v.count for v in f.values if v.count} for f in facets}


QUERIES = [
    EngineQuery(),
    EngineQuery(text="laser"),
    EngineQuery(kinds=("cluster",)),
    EngineQuery(kinds=("cluster", "sme"), countries=("DE",)),
    EngineQuery(countries=("DE", "IE"), sectors=("automotive",)),
    EngineQuery(sectors=("automotive", "biopharmaceuticals"), reach=("10",)),
    EngineQuery(reach=("50",), text="cluster"),
    EngineQuery(text="laser", kinds=("cluster",), sectors=("automotive",), reach=("10", "50")),
    EngineQuery(text="la", countries=("DE", "AT")),  # a term under three letters: LIKE
    EngineQuery(text="laser", sort="founded"),
    EngineQuery(kinds=("rto",), countries=("PT",)),  # nothing passes both
    EngineQuery(text="nothing-like-this"),
]


@pytest.mark.parametrize("query", QUERIES, ids=[repr(q) for q in QUERIES])
def test_both_ways_give_the_definition_of_disjunctive_facets(orgs, query):
    expected_names, expected_counts = oracle(query)
    grouped = ENGINE.facets(query)
    evaluation = ENGINE.evaluate(query)
    assert evaluation.facets == grouped
    assert counts(grouped) == expected_counts
    by_id = dict(Organisation.objects.values_list("id", "name"))
    assert [by_id[i] for i in evaluation.ids] == expected_names
    assert evaluation.ids == list(ENGINE.search(query).values_list("id", flat=True))


def test_facets_keep_the_declared_order_the_limit_and_selected_values(orgs):
    kinds = next(f for f in ENGINE.facets(EngineQuery()) if f.name == "kinds")
    assert [v.value for v in kinds.values] == ["cluster", "sme", "rto", "university"]
    assert (kinds.values[0].label, kinds.values[0].count) == ("Cluster organisation", 4)
    by_name = {f.name: f for f in ENGINE.facets(EngineQuery(countries=("PT",)))}
    assert [(v.value, v.count) for v in by_name["kinds"].values] == [("university", 1)]
    # Most first, then by label; the selection does not narrow its own facet.
    assert [(v.value, v.count, v.selected) for v in by_name["countries"].values] == [
        ("DE", 4, False),
        ("AT", 1, False),
        ("FR", 1, False),
        ("IE", 1, False),
        ("PT", 1, True),
    ]
    assert by_name["countries"].values[0].label == "Germany"


def test_overlapping_options_count_each_row_in_every_option_it_meets(orgs):
    reach = next(f for f in ENGINE.facets(EngineQuery()) if f.name == "reach")
    assert [(v.value, v.label, v.count) for v in reach.values] == [
        ("10", "10 or more", 4),  # 60, 12, 120, 30 members
        ("50", "50 or more", 2),
    ]
    assert reach.single is False
    # Every option is shown, even at zero.
    reach = next(f for f in ENGINE.facets(EngineQuery(kinds=("sme",))) if f.name == "reach")
    assert [(v.value, v.count) for v in reach.values] == [("10", 0), ("50", 0)]


def test_a_sort_may_limit_the_results_but_not_the_facets(orgs):
    query = EngineQuery(sort="founded")
    results, facets = ENGINE.run(query)
    assert [o.name for o in results] == [
        "Faro Sea Lab",
        "Cork Bio Cluster",
        "Aachen Laser Cluster",
        "Graz Auto Cluster",
        "Dijon Food Lab",
    ]
    assert sum(v.count for v in next(f for f in facets if f.name == "kinds").values) == 8


def test_the_rank_applies_with_text_only(orgs):
    ranked = EngineQuery(text="laser", sort="ranked")
    assert [o.name for o in ENGINE.search(ranked)] == [
        "Aachen Laser Cluster",  # 60 members
        "Graz Auto Cluster",  # 30
        "Cork Bio Cluster",  # 12
        "Faro Sea Lab",  # 0
    ]
    assert ENGINE.evaluate(ranked).ids == list(ENGINE.search(ranked).values_list("id", flat=True))
    assert [o.name for o in ENGINE.search(EngineQuery(sort="ranked"))][:2] == [
        "Aachen Laser Cluster",
        "Berlin Battery Firm",
    ]


def test_the_number_of_queries_does_not_depend_on_the_data(orgs):
    query = EngineQuery(text="laser", countries=("DE", "AT"), sectors=("automotive",))

    def numbers():
        found = []
        for compute in (ENGINE.facets, ENGINE.evaluate):
            with CaptureQueriesContext(connection) as context:
                compute(query)
            found.append(len(context.captured_queries))
        return found

    assert numbers() == [2, 2]  # one counting pass + one aggregate for the related facet
    for i in range(15):
        OrganisationFactory(name=f"Extra Laser {i}", country="AT", sectors=["automotive"])
    assert numbers() == [2, 2]


def test_run_evaluates_text_once_and_pages_other_searches_as_a_queryset(orgs):
    results, _ = ENGINE.run(EngineQuery(text="laser"))
    assert isinstance(results, Results)
    assert len(results) == 4
    assert [o.name for o in results[1:3]] == ["Cork Bio Cluster", "Faro Sea Lab"]
    assert results[-1].name == "Graz Auto Cluster"
    assert results[10:20] == []
    with CaptureQueriesContext(connection) as context:
        page = results[0:2]
        assert [s.code for s in page[0].sectors.all()] == ["automotive"]  # prefetched
    assert len(context.captured_queries) == 2
    results, _ = ENGINE.run(EngineQuery(kinds=("cluster",)))
    assert results.count() == 4  # a queryset


def test_facets_are_cached_under_the_domain_version(orgs):
    query = EngineQuery(kinds=("cluster",), sort="founded")
    first = ENGINE.cached_facets(query)
    with CaptureQueriesContext(connection) as context:
        assert ENGINE.cached_facets(EngineQuery(kinds=("cluster",))) == first  # sort: same key
    assert len(context.captured_queries) == 0
    OrganisationFactory(name="Zwolle Cluster", country="NL")  # bumps the directory's version
    assert ENGINE.cached_facets(query) == first  # another domain: still cached
    ENGINE.bump_version()
    assert counts(ENGINE.cached_facets(query))["countries"]["NL"] == 1


def test_cache_keys_carry_format_version_and_the_hour_only_for_clock_filters():
    key = ENGINE.cache_key("facets", EngineQuery(kinds=("cluster",)))
    assert key.startswith(f"engine-test:facets:{versions.FORMAT}:1:")
    assert ENGINE.cache_key("facets", EngineQuery(kinds=("cluster",), sort="founded")) == key
    assert ENGINE.cache_key("evaluation", EngineQuery(text="a", sort="founded")) != (
        ENGINE.cache_key("evaluation", EngineQuery(text="a"))
    )
    without = MARKETPLACE.cache_key("facets", OpportunityQuery(kinds=("rd_partner",)))
    within = MARKETPLACE.cache_key("facets", OpportunityQuery(within="7"))
    assert without.split(":")[5] == ""
    assert len(within.split(":")[5]) == len("2026120207")


def test_map_json_has_every_matching_point_with_coordinates(orgs):
    Organisation.objects.filter(name="Faro Sea Lab").update(latitude=None)
    payload = ENGINE.map_json(EngineQuery(text="laser"))
    assert payload.startswith(b'{"count":3,"columns":["slug","name","kind","lat","lon","city"]')
    assert ENGINE.map_points(EngineQuery(kinds=("rto",))) == [
        ["dijon-food-lab", "Dijon Food Lab", "rto", 52.52, 13.405, "Berlin"]
    ]


def test_ids_in_takes_more_ids_than_sqlite_has_placeholders(orgs):
    through = Organisation.sectors.through
    ids = list(Organisation.objects.values_list("id", flat=True)) + list(
        range(10**6, 10**6 + 40_000)
    )
    found = through.objects.filter(ids_in(through, "organisation_id", ids)).count()
    assert found == through.objects.count() == 8


def test_query_objects_are_declared_by_the_filters():
    query = EngineQuery()
    assert (query.text, query.kinds, query.reach, query.sort) == ("", (), (), "name")
    assert ENGINE.query_from({"q": "laser", "kind": ["sme"], "reach": ["50"]}) == EngineQuery(
        text="laser", kinds=("sme",), reach=("50",)
    )
    assert OpportunityQuery().within == ""
    assert ENGINE.parameter_of == {
        "kinds": "kind",
        "countries": "country",
        "sectors": "sector",
        "reach": "reach",
    }
    assert ENGINE.sort_labels == {"name": "Name", "founded": "Oldest first", "ranked": "Ranked"}
    with pytest.raises(AttributeError):
        query.text = "changed"  # frozen


def test_filter_names_must_be_unique_and_not_text_or_sort():
    values = Values("kinds", "kind", "Kind", column="kind")
    with pytest.raises(ValueError, match="unique"):
        Search(
            domain="x",
            model=Organisation,
            base=Organisation.objects.all,
            filters=(values, Related("kinds", "k", "K", relation="sectors")),
            sorts=(Sort("name", "Name", ("name",)),),
        )
    with pytest.raises(ValueError, match="not text/sort"):
        Search(
            domain="x",
            model=Organisation,
            base=Organisation.objects.all,
            filters=(Values("sort", "sort", "S", column="kind"),),
            sorts=(Sort("name", "Name", ("name",)),),
        )


def test_cached_facets_are_plain_strings_in_the_reader_language(orgs):
    from django.utils import translation

    query = EngineQuery(countries=("DE",))
    english = {f.name: f for f in ENGINE.cached_facets(query)}
    with translation.override("fr"):
        french = {f.name: f for f in ENGINE.cached_facets(query)}
    assert type(english["countries"].label) is str
    assert type(english["kinds"].values[0].label) is str
    assert english["countries"].values[0].label == "Germany"
    assert french["countries"].values[0].label == "Allemagne"
    assert {f.name: f for f in ENGINE.cached_facets(query)} == english  # each its own entry
