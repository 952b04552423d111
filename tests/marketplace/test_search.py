"""Search with facets: the one-pass evaluation for text agrees exactly with the per-facet SQL,
and the text index (FTS5 on SQLite, trigram on PostgreSQL) follows every change."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clusterbridge.marketplace.models import Opportunity, OpportunityStatus
from clusterbridge.marketplace.queries.search import (
    OpportunityQuery,
    evaluate,
    facets,
    run,
    search,
)
from clusterbridge.marketplace.services import opportunities
from tests.marketplace.factories import opportunity, poster

pytestmark = pytest.mark.django_db


@pytest.fixture
def posts():
    """A dozen posts spread over kinds, countries, organisation kinds, topics, ages, deadlines."""
    now = timezone.now()
    de_user, de_org = poster(name="Rhein Photonics Cluster", country="DE")
    fr_user, fr_org = poster(name="Lyon Agrifood", country="FR", kind="university")
    it_user, it_org = poster(name="Torino Mobility", country="IT", kind="sme")
    specs = [
        (de_user, de_org, "technology_offer", "Laser welding", ("automotive",), ("photonics",)),
        (de_user, de_org, "technology_request", "Laser sensors", ("automotive",), ()),
        (de_user, de_org, "business_offer", "Sensor distribution", ("automotive",), ()),
        (fr_user, fr_org, "technology_offer", "Food laser sorting", (), ("photonics",)),
        (fr_user, fr_org, "rd_partner", "Food sensor research", ("biopharmaceuticals",), ()),
        (fr_user, fr_org, "technology_request", "Laser for bakeries", (), ("photonics",)),
        (it_user, it_org, "technology_offer", "Battery sensor", ("automotive",), ()),
        (it_user, it_org, "business_request", "Laser cutting wanted", ("automotive",), ()),
        (it_user, it_org, "rd_partner", "Hydrogen drones", ("automotive",), ("photonics",)),
    ]
    created = []
    for i, (user, org, kind, title, sectors, technologies) in enumerate(specs):
        post = opportunity(
            user=user,
            organisation=org,
            kind=kind,
            title=title,
            sectors=sectors or ("medical-devices",),
            technologies=technologies,
            deadline=(now + timedelta(days=10 + i)).date() if i % 3 else None,
        )
        created.append(post)
    # Ages across the "posted within" windows.
    for post, days in zip(created, [1, 3, 10, 20, 45, 100, 200, 400, 2], strict=True):
        Opportunity.objects.filter(pk=post.pk).update(published_at=now - timedelta(days=days))
    opportunities.close_opportunity(
        opportunity=created[-1], actor=it_user, outcome=OpportunityStatus.WITHDRAWN
    )
    return created


QUERIES = [
    OpportunityQuery(text="laser"),
    OpportunityQuery(text="LASER", kinds=("technology_offer",)),
    OpportunityQuery(text="sensor", countries=("DE", "FR"), within="30"),
    OpportunityQuery(text="laser", sectors=("automotive",), technologies=("photonics",)),
    OpportunityQuery(text="la", organisation_kinds=("sme", "university")),  # under 3 letters
    OpportunityQuery(text="food sens", kinds=("rd_partner", "technology_offer"), within="7"),
    OpportunityQuery(text="rhein", countries=("FR",)),  # the organisation's name
    OpportunityQuery(text="laser", sort="deadline"),
    OpportunityQuery(text="hydrogen"),  # withdrawn: found nowhere
    OpportunityQuery(text="nothing-like-this"),
]


@pytest.mark.parametrize("query", QUERIES, ids=[repr(q) for q in QUERIES])
def test_one_pass_evaluation_equals_the_per_facet_queries(posts, query):
    evaluation = evaluate(query)
    assert evaluation.facets == facets(query)
    assert evaluation.ids == list(search(query).values_list("id", flat=True))


def test_text_search_runs_a_fixed_number_of_queries(posts):
    query = OpportunityQuery(text="laser sensor", countries=("DE",), sectors=("automotive",))
    with CaptureQueriesContext(connection) as context:
        evaluate(query)
    assert len(context.captured_queries) == 3


def test_the_text_index_follows_publication_edits_and_withdrawal(posts):
    def found(text: str) -> list[str]:
        results, _ = run(OpportunityQuery(text=text))
        return [post.title for post in results[0 : len(results)]]

    laser_welding = posts[0]
    assert "Laser welding" in found("welding")
    user = laser_welding.author
    opportunities.update_opportunity(
        opportunity=laser_welding, actor=user, data={"title": "Plasma welding"}
    )
    assert found("plasma") == ["Plasma welding"]
    assert "Laser welding" not in found("laser")
    opportunities.close_opportunity(
        opportunity=laser_welding, actor=user, outcome=OpportunityStatus.CLOSED_SUCCESS
    )
    assert found("plasma") == []
    draft = opportunity(
        user=user, organisation=laser_welding.organisation, title="Plasma draft", publish=False
    )
    assert found("plasma") == []
    opportunities.publish_opportunity(opportunity=draft, actor=user)
    assert found("plasma") == ["Plasma draft"]
    Opportunity.objects.filter(pk=draft.pk).delete()
    assert found("plasma") == []


def test_results_page_through_like_a_queryset(posts):
    results, found_facets = run(OpportunityQuery(text="laser"))
    expected = list(search(OpportunityQuery(text="laser")))
    assert len(results) == len(expected) == 5
    assert [p.pk for p in results[1:3]] == [p.pk for p in expected[1:3]]
    assert results[0].organisation.name and found_facets[0].name == "kinds"
    assert results[-1].pk == expected[-1].pk
    cache.clear()
    _, without_text = run(OpportunityQuery(kinds=("technology_offer",)))
    assert without_text == facets(OpportunityQuery(kinds=("technology_offer",)))


def test_search_page_and_api_use_the_text_path(client, posts):
    response = client.get("/marketplace/?q=laser&country=DE")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 2
    api = client.get("/api/v1/opportunities/?q=laser&country=DE").json()
    assert api["count"] == 2
    countries = {v["value"]: v["count"] for v in api["facets"][3]["values"]}
    assert countries == {"DE": 2, "FR": 2, "IT": 1}
    assert client.get("/marketplace/map.json?q=laser&country=DE").json()["count"] == 2
    assert results_of(client, "/marketplace/?q=la&country=DE") == 2  # under 3 letters: LIKE


def results_of(client, url: str) -> int:
    return client.get(url).context["page"].paginator.count
