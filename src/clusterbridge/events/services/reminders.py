"""Reminders the day before an event."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from clusterbridge.events.models import Event
from clusterbridge.notifications.services.notify import notify


@transaction.atomic
def send_reminders(*, now=None) -> int:
    """Remind admitted participants of events starting within the next 24-48 hours, once."""
    now = now or timezone.now()
    events = Event.objects.select_for_update().filter(
        is_published=True,
        reminders_sent_at=None,
        start__gte=now + timedelta(hours=12),
        start__lt=now + timedelta(hours=36),
    )
    count = 0
    for event in events:
        users = [
            r.user for r in event.registrations.filter(status="admitted").select_related("user")
        ]
        start = timezone.localtime(event.start)
        notify(
            users=users,
            kind="event_reminder",
            title=f"Tomorrow: {event.title}",
            body=f"Starts {start:%d %b %Y %H:%M}"
            + (f" at {event.venue}, {event.city}" if event.venue else "")
            + ("; your agenda is online." if event.agenda_published_at else "."),
            url=event.get_absolute_url(),
        )
        event.reminders_sent_at = now
        event.save(update_fields=["reminders_sent_at"])
        count += len(users)
    return count
