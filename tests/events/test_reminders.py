from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from clusterbridge.notifications.models import Notification
from tests.events.factories import EventFactory, RegistrationFactory


@pytest.mark.django_db
def test_reminders_the_day_before_once(capsys):
    now = timezone.now()
    event = EventFactory(start=now + timedelta(hours=24), end=now + timedelta(hours=30))
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status="waiting")
    RegistrationFactory(
        event=EventFactory(start=now + timedelta(days=5), end=now + timedelta(days=6))
    )
    call_command("runperiodic", run="events.reminders")
    call_command("runperiodic", run="events.reminders")
    assert Notification.objects.filter(kind="events.reminder").count() == 1
    assert "1 reminders sent" in capsys.readouterr().out
