"""The home page shows what is happening, from sections each app contributes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clusterbridge.events.models import MeetingRequest
from tests.benchmarking.factories import validated_assessment
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import OrganisationFactory, UserFactory
from tests.marketplace.factories import opportunity, poster

pytestmark = pytest.mark.django_db


def _activity(n: int, prefix: str):
    for i in range(n):
        start = timezone.now() + timezone.timedelta(days=10 + i)
        EventFactory(
            title=f"{prefix} Forum {i}", start=start, end=start + timezone.timedelta(hours=8)
        )
        user, org = poster(name=f"{prefix} Poster {i}")
        opportunity(user=user, organisation=org, title=f"{prefix} Offer {i}")
        validated_assessment(OrganisationFactory(name=f"{prefix} Cluster {i}", kind="cluster"))


def test_home_shows_events_opportunities_labels_and_figures(client):
    _activity(2, "Alpha")
    page = client.get("/").content.decode()
    for key in ("figures", "upcoming-events", "newest-opportunities", "recent-labels"):
        assert f'id="{key}"' in page
    assert "Alpha Forum 0</a>" in page
    assert "Alpha Offer 1</a>" in page
    assert "Alpha Cluster 1</a>" in page
    assert 'id="my-next-meeting"' not in page


def test_a_member_sees_requests_waiting_for_an_answer(client):
    event = EventFactory(title="Forum", start=timezone.now() + timezone.timedelta(days=3),
                         end=timezone.now() + timezone.timedelta(days=4))  # fmt: skip
    me = RegistrationFactory(event=event, user=UserFactory())
    MeetingRequest.objects.create(
        event=event, sender=RegistrationFactory(event=event), recipient=me
    )
    client.force_login(me.user)
    page = client.get("/").content.decode()
    assert "1 meeting request waits for your answer" in page


def test_home_runs_a_fixed_number_of_queries(client):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)

    _activity(1, "Few")
    few = count()
    _activity(4, "Many")
    assert count() == few
