"""Create and manage events: details, programme, meeting slots and tables."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify

from clusterbridge.events.models import Event, MeetingSlot, MeetingTable, ProgrammeSession
from clusterbridge.events.validators import validate_event_dates, validate_timezone
from clusterbridge.organisations.models import Membership, Organisation

User = get_user_model()

EVENT_FIELDS = (
    "title", "kind", "format", "description", "timezone", "start", "end", "venue", "address",
    "city", "country", "latitude", "longitude", "online_url", "target_countries", "capacity",
    "admission_policy", "org_cap", "registration_opens", "registration_deadline",
    "decision_deadline", "questions", "request_cap", "request_expiry", "image",
)  # fmt: skip


def require_organiser(actor: User, event: Event) -> None:
    if not actor.has_perm("events.manage_event", event):
        raise PermissionDenied("Only the organisers of the event manage it.")


def _unique_slug(title: str, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:200] or "event"
    slug, n = base, 2
    while Event.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _apply(event: Event, data: dict[str, Any]) -> None:
    validate_timezone(data.get("timezone", event.timezone))
    validate_event_dates(
        start=data.get("start", event.start),
        end=data.get("end", event.end),
        deadline=data.get("registration_deadline", event.registration_deadline),
    )
    if data.get("admission_policy") == "org_cap" and not data.get("org_cap"):
        raise ValidationError({"org_cap": "Set how many people one organisation may register."})
    for name in EVENT_FIELDS:
        if name in data:
            setattr(event, name, data[name])


@transaction.atomic
def create_event(
    *, actor: User, organisation: Organisation, data: dict[str, Any], publish: bool = False
) -> Event:
    if not (
        actor.is_staff or Membership.objects.filter(user=actor, organisation=organisation).exists()
    ):
        raise PermissionDenied("You can only organise events for your own organisation.")
    event = Event(organiser=organisation, created_by=actor, is_published=publish)
    _apply(event, data)
    event.slug = _unique_slug(event.title)
    event.save()
    if "target_sectors" in data:
        event.target_sectors.set(data["target_sectors"])
    if "co_organisers" in data:
        event.co_organisers.set(data["co_organisers"])
    return event


@transaction.atomic
def update_event(*, event: Event, actor: User, data: dict[str, Any]) -> Event:
    require_organiser(actor, event)
    event = Event.objects.select_for_update().get(pk=event.pk)
    _apply(event, data)
    event.save()
    if "target_sectors" in data:
        event.target_sectors.set(data["target_sectors"])
    if "co_organisers" in data:
        event.co_organisers.set(data["co_organisers"])
    return event


@transaction.atomic
def set_published(*, event: Event, actor: User, published: bool) -> Event:
    require_organiser(actor, event)
    Event.objects.filter(pk=event.pk).update(is_published=published)
    event.is_published = published
    return event


@transaction.atomic
def add_session(
    *, event: Event, actor: User, title: str, start: datetime, end: datetime
) -> ProgrammeSession:
    require_organiser(actor, event)
    if end <= start:
        raise ValidationError("A programme session must end after it starts.")
    return ProgrammeSession.objects.create(event=event, title=title, start=start, end=end)


@transaction.atomic
def add_slots(
    *,
    event: Event,
    actor: User,
    day: date,
    start: time,
    end: time,
    minutes: int,
    break_minutes: int = 5,
    online: bool = False,
) -> list[MeetingSlot]:
    """Cut one session of a day into meetings of ``minutes`` with breaks between them."""
    require_organiser(actor, event)
    if not event.is_matchmaking:
        raise ValidationError("Meeting slots belong to matchmaking events only.")
    if not 5 <= minutes <= 240:
        raise ValidationError("A meeting lasts between 5 and 240 minutes.")
    if break_minutes < 0:
        raise ValidationError("A break cannot be negative.")
    tz = ZoneInfo(event.timezone)
    cursor = datetime.combine(day, start, tzinfo=tz)
    stop = datetime.combine(day, end, tzinfo=tz)
    if stop <= cursor:
        raise ValidationError("The session must end after it starts.")
    existing = set(
        MeetingSlot.objects.filter(event=event, online=online).values_list("start", flat=True)
    )
    slots = []
    while cursor + timedelta(minutes=minutes) <= stop:
        if cursor not in existing:
            slots.append(MeetingSlot(event=event, start=cursor, minutes=minutes, online=online))
        cursor += timedelta(minutes=minutes + break_minutes)
    if not slots:
        raise ValidationError("No new meeting fits into this session.")
    return MeetingSlot.objects.bulk_create(slots)


@transaction.atomic
def delete_slot(*, slot: MeetingSlot, actor: User) -> None:
    require_organiser(actor, slot.event)
    if slot.meeting_set.filter(communicated=True).exists():
        raise ValidationError("Published meetings take place in this slot; move them first.")
    slot.meeting_set.update(slot=None, table=None, status="unscheduled", reason="")
    slot.delete()


@transaction.atomic
def set_tables(*, event: Event, actor: User, count: int, seats: int = 2) -> int:
    """Number the tables 1..count; tables beyond count are removed if no meeting uses them."""
    require_organiser(actor, event)
    if not 0 <= count <= 2000 or not 2 <= seats <= 50:
        raise ValidationError("Up to 2,000 tables with 2 to 50 seats each.")
    if event.meetings.filter(table__number__gt=count, communicated=True).exists():
        raise ValidationError("Published meetings use tables above that number; move them first.")
    event.meetings.filter(table__number__gt=count).update(
        table=None, slot=None, status="unscheduled"
    )
    MeetingTable.objects.filter(event=event, number__gt=count).delete()
    have = set(MeetingTable.objects.filter(event=event).values_list("number", flat=True))
    MeetingTable.objects.filter(event=event).update(seats=seats)
    MeetingTable.objects.bulk_create(
        [
            MeetingTable(event=event, number=n, seats=seats)
            for n in range(1, count + 1)
            if n not in have
        ]
    )
    return count
