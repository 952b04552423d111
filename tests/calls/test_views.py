"""Call pages: the faceted list (facets, sort by next deadline, bad filters, CSV, fixed number
of queries), the iCalendar feed, a call's page (404 when withdrawn), posting, following and
the "for you" matches with their reasons."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from clusterbridge.calls.models import Call, CallFollow, CallStatus
from clusterbridge.calls.services import calls as services
from clusterbridge.taxonomy.models import ClusterCategory
from tests.calls.factories import admin_of, agency, posted
from tests.factories import PASSWORD, OrganisationFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def _login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


def _body(response) -> str:
    return response.content.decode()


def test_list_sorted_by_next_deadline_closed_last(client):
    now = timezone.now()
    later = posted(title="Later call", days=40)
    sooner = posted(title="Sooner call", days=5)
    closed = posted(title="Closed call", deadlines=[now + timedelta(seconds=1)])
    services.refresh_deadlines(now=now + timedelta(seconds=2))
    response = client.get("/calls/")
    assert response.status_code == 200
    body = _body(response)
    positions = [body.index(f'id="call-{c.pk}"') for c in (sooner, later, closed)]
    assert positions == sorted(positions)
    open_only = _body(client.get("/calls/", {"deadline": "open"}))
    assert f'id="call-{closed.pk}"' not in open_only
    assert f'id="call-{sooner.pk}"' in open_only


def test_facets_filter_level_and_sector(client):
    sector = ClusterCategory.objects.order_by("code").first()
    eu = posted(title="EU call", level="eu", sectors=[sector])
    national = posted(title="National call", level="national")
    body = _body(client.get("/calls/", {"level": "eu"}))
    assert f'id="call-{eu.pk}"' in body and f'id="call-{national.pk}"' not in body
    body = _body(client.get("/calls/", {"sector": sector.code}))
    assert f'id="call-{eu.pk}"' in body and f'id="call-{national.pk}"' not in body
    body = _body(client.get("/calls/", {"q": "national"}))
    assert f'id="call-{national.pk}"' in body and f'id="call-{eu.pk}"' not in body


def test_withdrawn_calls_are_not_listed(client):
    call = posted()
    services.withdraw_call(actor=StaffFactory(), call=call)
    assert f'id="call-{call.pk}"' not in _body(client.get("/calls/"))


@pytest.mark.parametrize("params", [{"level": "galactic"}, {"deadline": "soon"}, {"sort": "x"}])
def test_bad_filters_are_a_400_with_a_message(client, params):
    response = client.get("/calls/", params)
    assert response.status_code == 400
    assert response.context["errors"]


def test_htmx_answers_the_results_only(client):
    posted()
    response = client.get("/calls/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" not in _body(response)
    assert 'id="result-count"' in _body(response)


def test_list_queries_are_fixed(client, django_assert_max_num_queries):
    sector = ClusterCategory.objects.order_by("code").first()
    for i in range(3):
        posted(title=f"Call {i}", sectors=[sector])
    client.get("/calls/")  # warm the facet cache and the search version
    with CaptureQueriesContext(connection) as few:
        client.get("/calls/")
    count = len(few.captured_queries)  # read now: each request resets the query log
    for i in range(3, 15):
        posted(title=f"Call {i}", sectors=[sector])
    client.get("/calls/")
    with django_assert_max_num_queries(count):
        response = client.get("/calls/")
    assert count <= 7
    assert response.context["page"].paginator.count == 15


def test_csv_export_follows_the_filters(client):
    posted(title="EU call", level="eu", eligible_countries=["FR"], budget_eur=1000)
    posted(title="National call", level="national")
    response = client.get("/calls/export.csv", {"level": "eu"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(r["title"], r["level"], r["eligible_countries"], r["budget_eur"]) for r in rows] == [
        ("EU call", "eu", "FR", "1000.00")
    ]
    assert client.get("/calls/export.csv", {"level": "x"}).status_code == 400


def test_calendar_feed_has_every_coming_deadline(client):
    now = timezone.now()
    call = posted(
        deadlines=[now + timedelta(days=3), now + timedelta(days=30)],
        stage_names=["Outline", "Full"],
    )
    posted(title="Past", deadlines=[now - timedelta(days=1)])
    response = client.get("/calls/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    cal = Calendar.from_ical(response.content)
    events = list(cal.walk("VEVENT"))
    assert sorted(str(e["summary"]) for e in events) == [
        "Deadline: Innovation Express 2027 (stage Full)",
        "Deadline: Innovation Express 2027 (stage Outline)",
    ]
    assert {str(e["uid"]).split("@")[0] for e in events} == {
        f"call-{call.pk}-stage-1",
        f"call-{call.pk}-stage-2",
    }
    assert cal.walk("VTIMEZONE")  # the deadlines carry their time zone


def test_call_page_shows_deadlines_with_time_zone(client):
    call = posted(eligible_kinds=["cluster"], eligible_countries=["FR"])
    response = client.get(call.get_absolute_url())
    assert response.status_code == 200
    body = _body(response)
    assert "Europe/Brussels" in body
    assert "Cluster organisation" in body
    assert "France" in body


def test_withdrawn_call_is_404_to_outsiders_and_visible_to_its_poster(client):
    organisation = agency()
    admin = admin_of(organisation)
    call = posted(actor=admin, organisation=organisation)
    services.withdraw_call(actor=admin, call=call)
    assert client.get(call.get_absolute_url()).status_code == 404
    _login(client, UserFactory())
    assert client.get(call.get_absolute_url()).status_code == 404
    assert client.post(f"/calls/{call.slug}/follow/").status_code == 404
    assert client.post(f"/calls/{call.slug}/withdraw/").status_code == 404
    _login(client, admin)
    assert client.get(call.get_absolute_url()).status_code == 200


def test_follow_and_unfollow(client):
    call = posted()
    user = UserFactory()
    assert client.post(f"/calls/{call.slug}/follow/").status_code == 302  # to the login
    _login(client, user)
    response = client.post(f"/calls/{call.slug}/follow/", {"follow": "1"})
    assert response.status_code == 302
    assert CallFollow.objects.filter(call=call, user=user).exists()
    assert "Stop following" in _body(client.get(call.get_absolute_url()))
    assert "Calls you follow" in _body(client.get("/calls/"))
    client.post(f"/calls/{call.slug}/follow/", {"follow": "0"})
    assert not CallFollow.objects.exists()


def test_post_page_access(client):
    _login(client, UserFactory())
    response = client.get("/calls/post/")
    assert response.status_code == 403
    assert 'id="cannot-post"' in _body(response)
    cluster = OrganisationFactory(kind="cluster")
    _login(client, admin_of(cluster))
    assert client.get("/calls/post/").status_code == 403


def _form(**overrides):
    deadline = (timezone.localtime() + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")
    data = {
        "poster": "",
        "title": "Regional vouchers",
        "funder_names": "Region Hauts-de-France",
        "level": "regional",
        "kind": "voucher",
        "stage1_deadline": deadline,
        "eligible_kinds": ["sme"],
        "eligible_countries": ["FR"],
    }
    data.update(overrides)
    return data


def test_an_agency_posts_through_the_form(client):
    organisation = agency()
    _login(client, admin_of(organisation))
    response = client.get("/calls/post/")
    assert response.status_code == 200
    assert [v for v, _ in response.context["form"].fields["poster"].choices] == [
        str(organisation.pk)
    ]
    response = client.post("/calls/post/", _form(poster=str(organisation.pk)))
    call = Call.objects.get()
    assert response.status_code == 302
    assert response["Location"] == call.get_absolute_url()
    assert call.organisation == organisation
    assert call.eligible_kinds == ["sme"]
    assert call.status == CallStatus.PUBLISHED


def test_the_form_refuses_bad_input_with_messages(client):
    _login(client, StaffFactory())
    first = timezone.localtime() + timedelta(days=20)
    response = client.post(
        "/calls/post/",
        _form(
            stage2_deadline=(first - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
            funding_rate="120",
            poster="999999",
        ),
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["stage2_deadline"] == [
        "The second stage's deadline must come after the first one's."
    ]
    assert errors["funding_rate"] == ["The funding rate is a percentage above 0 and at most 100."]
    assert "poster" in errors
    assert not Call.objects.exists()


def test_for_you_lists_matching_open_calls_with_reasons(client):
    sector = ClusterCategory.objects.order_by("code").first()
    organisation = OrganisationFactory(kind="cluster", country="FR", sectors=[sector.code])
    user = admin_of(organisation)
    fits = posted(
        title="Cluster call",
        eligible_kinds=["cluster"],
        eligible_countries=["FR"],
        sectors=[sector],
    )
    wrong_kind = posted(title="SME call", eligible_kinds=["sme"], sectors=[sector])
    wrong_country = posted(title="German call", eligible_countries=["DE"], sectors=[sector])
    unrelated = posted(title="Open to all, other topic")
    _login(client, user)
    response = client.get("/calls/for-you/")
    assert response.status_code == 200
    assert [m.call for m in response.context["matches"]] == [fits]
    body = _body(response)
    assert f"Open to Cluster organisation ({organisation.name})" in body
    assert f"Open to applicants in France ({organisation.name})" in body
    assert f"Sectors in common: {sector.name}" in body
    for call in (wrong_kind, wrong_country, unrelated):
        assert f'id="match-{call.pk}"' not in body


def test_for_you_without_organisation(client):
    _login(client, UserFactory())
    response = client.get("/calls/for-you/")
    assert "Join or register an organisation" in _body(response)
