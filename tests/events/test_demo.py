from datetime import UTC, datetime

import pytest

from clusterbridge.demo.generator import generate_demo
from clusterbridge.events import demo
from clusterbridge.events.models import Event, Meeting, MeetingOutcome, Registration
from clusterbridge.organisations.models import Organisation


@pytest.mark.django_db
def test_demo_events_deterministic_and_removed_with_demo_orgs():
    generate_demo(organisations=120, seed=1)
    summary = demo.generate(seed=1, time_limit=1)
    assert summary.startswith("events: 13 events, matchmaking with 200 participants")
    big = Event.objects.get(title="Clusterbridge Matchmaking Days 2027")
    assert big.start.year == 2027
    assert Registration.objects.filter(event=big).count() == 200
    assert Meeting.objects.filter(event=big, status="scheduled").count() > 100
    assert MeetingOutcome.objects.exists()
    assert Event.objects.filter(end__lt=datetime(2026, 11, 21, tzinfo=UTC)).count() == 6
    Organisation.objects.filter(is_demo=True).delete()
    assert Event.objects.count() == 0
