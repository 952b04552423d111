"""What is counted, and how: page views per page group and country, sessions without a cookie,
referring sites; nothing for opted-out people, robots, errors, files and the API; the buffer
written in one transaction and kept when the database refuses."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError
from django.utils import timezone

from clusterbridge.analytics import counting
from clusterbridge.analytics.models import AudienceCount
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"


def _get(client, path, **headers):
    return client.get(path, HTTP_USER_AGENT=headers.pop("agent", BROWSER), **headers)


def _stored():
    return sorted(
        AudienceCount.objects.values_list("kind", "key", "country", "count"),
    )


def test_page_views_sessions_and_referrers_are_counted(client, counted):
    today = timezone.localdate()
    _get(client, "/", HTTP_REFERER="https://www.example.com/some/path?q=secret")
    _get(client, "/")
    _get(client, "/organisations/")
    assert counting.flush() == 4
    assert _stored() == [
        ("referrer", "www.example.com", "", 1),
        ("session", "", "", 1),
        ("view", "home", "", 2),
        ("view", "organisations:directory", "", 1),
    ]
    assert set(AudienceCount.objects.values_list("day", flat=True)) == {today}
    # The next flush adds to the stored counts.
    _get(client, "/")
    counting.flush()
    assert AudienceCount.objects.get(kind="view", key="home").count == 3


def test_own_site_referrers_are_not_counted(client, counted):
    _get(client, "/", HTTP_REFERER="http://testserver/organisations/")
    counting.flush()
    assert not AudienceCount.objects.filter(kind="referrer").exists()


def test_a_new_address_or_browser_is_a_new_session(client, counted):
    _get(client, "/", REMOTE_ADDR="203.0.113.5")
    _get(client, "/", REMOTE_ADDR="203.0.113.5")
    _get(client, "/", REMOTE_ADDR="203.0.113.6")
    _get(client, "/", REMOTE_ADDR="203.0.113.6", agent="Mozilla/5.0 Chrome/150")
    counting.flush()
    assert AudienceCount.objects.get(kind="session").count == 3


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/", {"HTTP_DNT": "1"}),
        ("/", {"HTTP_SEC_GPC": "1"}),
        ("/", {"agent": "Googlebot/2.1 (+http://www.google.com/bot.html)"}),
        ("/", {"agent": ""}),
        ("/organisations/no-such-organisation/", {}),
        ("/api/v1/taxonomies/technologies/", {}),
        ("/organisations/export.csv", {}),
    ],
)
def test_nothing_is_counted_for(client, counted, path, headers):
    _get(client, path, **headers)
    assert len(counted) == 0


def test_posts_are_not_counted(client, counted):
    client.post("/accounts/login/", {"login": "x@example.org", "password": "y"})
    assert len(counted) == 0


def test_counting_off_counts_nothing(client, counted, settings):
    settings.AUDIENCE_COUNTING = False
    _get(client, "/")
    assert len(counted) == 0


def test_a_logged_in_person_counts_for_their_organisation_country(client, counted):
    person = MembershipFactory(organisation=OrganisationFactory(country="PT")).user
    client.force_login(person)
    _get(client, "/")
    counting.flush()
    assert _stored() == [("session", "", "PT", 1), ("view", "home", "PT", 1)]


def test_nothing_identifying_is_stored(client, counted):
    user = UserFactory(email="secret-person@example.org")
    client.force_login(user)
    _get(client, "/", REMOTE_ADDR="198.51.100.77", HTTP_REFERER="https://ref.example/a?b=c")
    counting.flush()
    stored = " ".join(" ".join(map(str, row)) for row in AudienceCount.objects.values_list())
    for secret in ("198.51.100.77", "secret-person", "?b=c", "/a"):
        assert secret not in stored


def test_a_refused_write_keeps_the_counts(client, counted):
    _get(client, "/")
    with mock.patch(
        "clusterbridge.analytics.services.audience.record_counts",
        side_effect=OperationalError("database is locked"),
    ):
        with pytest.raises(OperationalError):
            counting.flush()
        counting.flush_quietly()  # logs, never raises
    assert len(counted) == 2  # the view and the session, still there
    counting.flush()
    assert AudienceCount.objects.get(kind="view").count == 1


def test_the_buffer_is_written_after_the_response_when_due(client, counted, settings):
    settings.AUDIENCE_FLUSH_EVENTS = 2
    _get(client, "/")
    assert not AudienceCount.objects.exists()
    _get(client, "/")  # the second view makes it due: written once the response is sent
    assert AudienceCount.objects.get(kind="view", key="home").count == 2
    assert len(counted) == 0


def test_a_counting_failure_never_breaks_the_page(client, counted):
    with mock.patch.object(counting, "count", side_effect=RuntimeError("boom")):
        assert _get(client, "/").status_code == 200
