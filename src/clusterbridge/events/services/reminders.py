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
        # The venue and city, else the format's code: the notification shows its label in
        # each reader's language (see notification_kinds).
        place = ", ".join(part for part in (event.venue, event.city) if part) or event.format
        notify(
            users=users,
            kind="events.reminder_with_agenda" if event.agenda_published_at else "events.reminder",
            params={"event": event.title, "start_datetime": event.start, "place": place},
            url=event.get_absolute_url(),
        )
        event.reminders_sent_at = now
        event.save(update_fields=["reminders_sent_at"])
        count += len(users)
    return count
