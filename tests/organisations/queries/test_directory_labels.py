"""The directory's label filter, facet and badges read the organisation's copy of its current
label (label_level / label_valid_until, kept by benchmarking), never benchmarking's tables."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from clusterbridge.organisations.queries.directory import DirectoryQuery, facets, run, search
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def orgs():
    return {
        "gold": OrganisationFactory(
            name="Gold Cluster",
            label_level="gold",
            label_valid_until=TODAY + datetime.timedelta(days=100),
        ),
        "today": OrganisationFactory(
            name="Last Day Cluster", label_level="silver", label_valid_until=TODAY
        ),
        # Past its end date; the daily expiry has not run yet: not a current label.
        "expired": OrganisationFactory(
            name="Expired Cluster",
            label_level="bronze",
            label_valid_until=TODAY - datetime.timedelta(days=1),
        ),
        "plain": OrganisationFactory(name="Plain Cluster"),
    }


def label_facet(query: DirectoryQuery):
    return next((f for f in facets(query) if f.name == "labels"), None)


def test_the_filter_keeps_current_labels_only(orgs):
    assert [o.name for o in search(DirectoryQuery(labels=("gold",)))] == ["Gold Cluster"]
    assert [o.name for o in search(DirectoryQuery(labels=("gold", "silver")))] == [
        "Gold Cluster",
        "Last Day Cluster",
    ]
    assert list(search(DirectoryQuery(labels=("bronze",)))) == []
    results, _ = run(DirectoryQuery(text="cluster", labels=("silver",)))
    assert [o.name for o in results] == ["Last Day Cluster"]


def test_the_facet_counts_current_labels_in_level_order(orgs):
    facet = label_facet(DirectoryQuery())
    assert (facet.label, facet.param) == ("Excellence label", "label")
    assert [(v.value, v.label, v.count, v.selected) for v in facet.values] == [
        ("silver", "Silver", 1, False),
        ("gold", "Gold", 1, False),
    ]
    selected = label_facet(DirectoryQuery(labels=("bronze",)))
    assert [(v.value, v.count, v.selected) for v in selected.values] == [
        ("bronze", 0, True),
        ("silver", 1, False),
        ("gold", 1, False),
    ]
    _, with_text = run(DirectoryQuery(text="cluster"))
    assert next(f for f in with_text if f.name == "labels") == facet


def test_without_current_labels_there_is_no_label_facet(orgs):
    assert label_facet(DirectoryQuery(text="expired")) is None
    assert label_facet(DirectoryQuery(text="plain")) is None
    _, with_text = run(DirectoryQuery(text="expired"))
    assert [f.name for f in with_text][-1] == "sizes"


def test_results_show_the_badge_of_current_labels(client, orgs):
    html = client.get("/organisations/").content.decode()
    assert html.count('class="label-badge') == 2
    assert (
        '<a href="/benchmarking/labels/?level=gold" class="label-badge label-gold" '
        'data-label="gold" title="Cluster management excellence label">Gold label</a>'
    ) in html
    assert 'data-label="bronze"' not in html


def test_the_organisation_page_shows_the_label_without_reading_benchmarking(client, orgs):
    until = orgs["gold"].label_valid_until
    with CaptureQueriesContext(connection) as context:
        html = client.get(orgs["gold"].get_absolute_url()).content.decode()
    assert not [q for q in context.captured_queries if "benchmarking_" in q["sql"]]
    assert 'id="excellence-label"' in html
    assert f'title="Cluster management excellence label, valid until {until:%-d %B %Y}"' in html
    assert f"valid until {until:%-d %B %Y}</small>" in html
    for name in ("expired", "plain"):
        html = client.get(orgs[name].get_absolute_url()).content.decode()
        assert 'id="excellence-label"' not in html


def test_the_api_gives_the_current_level(orgs):
    api = APIClient()
    assert api.get(f"/api/v1/organisations/{orgs['gold'].slug}/").json()["label"] == "gold"
    assert api.get(f"/api/v1/organisations/{orgs['expired'].slug}/").json()["label"] is None
    body = api.get("/api/v1/organisations/", {"label": "silver"}).json()
    assert [r["name"] for r in body["results"]] == ["Last Day Cluster"]
