"""The audience figures (exact, hand-counted), staff's page and its CSV exports, the API, the
demo; anyone else gets a 404."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from clusterbridge.analytics import demo
from clusterbridge.analytics.models import AudienceCount, CountKind
from clusterbridge.analytics.queries.audience import audience
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 2)


def _count(kind, key, country, count, day=DAY):
    AudienceCount.objects.create(day=day, kind=kind, key=key, country=country, count=count)


@pytest.fixture
def counts():
    _count(CountKind.SESSION, "", "ES", 6)
    _count(CountKind.SESSION, "", "FR", 3)
    _count(CountKind.SESSION, "", "", 1)
    _count(CountKind.SESSION, "", "ES", 10, day=DAY - datetime.timedelta(days=40))  # outside
    _count(CountKind.VIEW, "home", "ES", 12)
    _count(CountKind.VIEW, "calls:index", "ES", 4)
    _count(CountKind.VIEW, "home", "FR", 5)
    _count(CountKind.VIEW, "home", "", 1, day=DAY + datetime.timedelta(days=1))
    _count(CountKind.REFERRER, "www.google.com", "ES", 3)


def test_the_figures_of_a_period(counts):
    found = audience(DAY - datetime.timedelta(days=1), DAY + datetime.timedelta(days=1))
    assert (found.views, found.sessions) == (22, 10)
    assert [(r.country, r.sessions, r.share, r.views) for r in found.countries] == [
        ("ES", 6, Decimal("60.0"), 16),
        ("FR", 3, Decimal("30.0"), 5),
        ("", 1, Decimal("10.0"), 1),
    ]
    assert found.pages == [("home", 18), ("calls:index", 4)]
    assert found.referrers == [("www.google.com", 3)]
    assert found.days == [
        (DAY - datetime.timedelta(days=1), 0, 0),
        (DAY, 21, 10),
        (DAY + datetime.timedelta(days=1), 1, 0),
    ]


def test_staff_see_the_audience_page_others_get_404(client, counts):
    url = f"/staff/analytics/audience/?start={DAY}&end={DAY}"
    for user in (None, UserFactory()):
        if user:
            client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.get("/staff/analytics/audience/countries.csv").status_code == 404
    client.force_login(StaffFactory())
    page = client.get(url).content.decode()
    assert '<p id="total-sessions">10</p>' in page
    assert '<th scope="row">Spain</th><td>6</td><td>60.0 %</td><td>16</td>' in page
    assert '<th scope="row">Unknown</th>' in page


def test_a_bad_period_is_a_400(client):
    client.force_login(StaffFactory())
    answer = client.get("/staff/analytics/audience/?start=2026-12-01&end=2026-11-01")
    assert answer.status_code == 400
    assert "The period starts after it ends." in answer.content.decode()
    assert client.get("/staff/analytics/audience/?start=yesterday").status_code == 400
    assert client.get("/staff/analytics/audience/nothing.csv").status_code == 404


def test_csv_exports(client, counts):
    client.force_login(StaffFactory())

    def rows(table):
        answer = client.get(f"/staff/analytics/audience/{table}.csv?start={DAY}&end={DAY}")
        return list(csv.DictReader(io.StringIO(b"".join(answer.streaming_content).decode())))

    assert [
        (r["country"], r["country_name"], r["sessions"], r["share_percent"])
        for r in rows("countries")
    ] == [("ES", "Spain", "6", "60.0"), ("FR", "France", "3", "30.0"), ("", "Unknown", "1", "10.0")]
    assert [(r["page"], r["views"]) for r in rows("pages")] == [
        ("home", "17"),
        ("calls:index", "4"),
    ]
    assert [(r["site"], r["views"]) for r in rows("referrers")] == [("www.google.com", "3")]
    assert [(r["day"], r["views"], r["sessions"]) for r in rows("days")] == [
        (DAY.isoformat(), "21", "10")
    ]


def test_the_page_queries_do_not_grow_with_rows(client, counts):
    client.force_login(StaffFactory())
    url = f"/staff/analytics/audience/?start={DAY}&end={DAY}"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for index in range(50):
        _count(CountKind.VIEW, f"page:{index}", "DE", index + 1)
        _count(CountKind.SESSION, "", f"{chr(65 + index // 26)}{chr(65 + index % 26)}", 1)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_the_api_for_staff_only(counts):
    api = APIClient()
    url = f"/api/v1/analytics/audience/?start={DAY}&end={DAY}"
    assert api.get(url).status_code == 404
    api.force_authenticate(UserFactory())
    assert api.get(url).status_code == 404
    api.force_authenticate(StaffFactory())
    data = api.get(url).json()
    assert (data["views"], data["sessions"]) == (21, 10)
    assert data["countries"][0] == {"country": "ES", "sessions": 6, "share": "60.0", "views": 16}
    assert data["pages"] == [{"key": "home", "views": 17}, {"key": "calls:index", "views": 4}]
    bad = api.get("/api/v1/analytics/audience/?start=2026-12-01&end=2026-11-01")
    assert (bad.status_code, bad.json()["message"]) == (400, "The period starts after it ends.")


def test_demo_audience_is_deterministic_labelled_and_removable():
    AudienceCount.objects.create(day=DAY, kind=CountKind.VIEW, key="home", country="", count=7)
    summary = demo.generate(seed=5)
    assert summary.startswith("Audience: 90 days, about ")
    demo_rows = AudienceCount.objects.filter(is_demo=True).order_by("day", "kind", "key", "country")
    first = list(demo_rows.values_list("day", "kind", "key", "country", "count"))
    demo.generate(seed=5)
    assert list(demo_rows.values_list("day", "kind", "key", "country", "count")) == first
    assert AudienceCount.objects.filter(is_demo=True).values("country").distinct().count() == 23
    demo.remove()
    assert list(AudienceCount.objects.values_list("count", flat=True)) == [7]
