"""Create and manage events: details, programme, meeting slots and tables."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from clusterbridge.common.permissions import require
from clusterbridge.common.slugs import save_with_unique_slug
from clusterbridge.common.uploads import IMAGE_EXTENSIONS
from clusterbridge.events.models import Event, MeetingSlot, MeetingTable, ProgrammeSession
from clusterbridge.events.validators import (
    validate_description,
    validate_event_dates,
    validate_event_image,
    validate_timezone,
)
from clusterbridge.organisations.models import Organisation

User = get_user_model()

EVENT_FIELDS = (
    "title", "kind", "format", "description", "timezone", "start", "end", "venue", "address",
    "city", "country", "latitude", "longitude", "online_url", "target_countries", "capacity",
    "admission_policy", "org_cap", "registration_opens", "registration_deadline",
    "decision_deadline", "questions", "request_cap", "request_expiry", "image",
)  # fmt: skip


def require_organiser(actor: User, event: Event) -> None:
    require(
        actor,
        "events.manage_event",
        event,
        message=_("Only the organisers of the event manage it."),
    )


def _stored_image(upload) -> Any:
    """A new image upload, checked like an organisation logo and renamed to a random name: the
    file is served only by ``events:image`` after a visibility check, and its name tells
    nothing. Anything else (the stored file, "" to clear) passes through."""
    if isinstance(upload, File) and not isinstance(upload, FieldFile):
        image_format = validate_event_image(upload)
        upload.name = f"{uuid.uuid4().hex}.{IMAGE_EXTENSIONS[image_format]}"
    return upload


def _apply(event: Event, data: dict[str, Any]) -> None:
    if "image" in data:
        data = {**data, "image": _stored_image(data["image"] or "")}
    if "description" in data:
        try:
            validate_description(data["description"])
        except ValidationError as exc:
            raise ValidationError({"description": exc.messages}) from exc
    validate_timezone(data.get("timezone", event.timezone))
    validate_event_dates(
        start=data.get("start", event.start),
        end=data.get("end", event.end),
        deadline=data.get("registration_deadline", event.registration_deadline),
    )
    if data.get("admission_policy") == "org_cap" and not data.get("org_cap"):
        raise ValidationError({"org_cap": _("Set how many people one organisation may register.")})
    for name in EVENT_FIELDS:
        if name in data:
            setattr(event, name, data[name])


@transaction.atomic
def create_event(
    *, actor: User, organisation: Organisation, data: dict[str, Any], publish: bool = False
) -> Event:
    require(
        actor,
        "events.organise_for",
        organisation,
        message=_("You can only organise events for your own organisation."),
    )
    event = Event(organiser=organisation, created_by=actor, is_published=publish)
    _apply(event, data)
    save_with_unique_slug(event, event.title, fallback="event")
    if "target_sectors" in data:
        event.target_sectors.set(data["target_sectors"])
    if "co_organisers" in data:
        event.co_organisers.set(data["co_organisers"])
    return event


@transaction.atomic
def update_event(*, event: Event, actor: User, data: dict[str, Any]) -> Event:
    require_organiser(actor, event)
    event = Event.objects.select_for_update().get(pk=event.pk)
    old_image = event.image.name
    _apply(event, data)
    event.save()
    if old_image and event.image.name != old_image:  # replaced or removed: delete the old file
        storage = event.image.storage
        transaction.on_commit(lambda: storage.delete(old_image))
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
        raise ValidationError(_("A programme session must end after it starts."))
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
        raise ValidationError(_("Meeting slots belong to matchmaking events only."))
    if not 5 <= minutes <= 240:
        raise ValidationError(
            _("A meeting lasts between %(least)s and %(most)s minutes.") % {"least": 5, "most": 240}
        )
    if break_minutes < 0:
        raise ValidationError(_("A break cannot be negative."))
    tz = ZoneInfo(event.timezone)
    cursor = datetime.combine(day, start, tzinfo=tz)
    stop = datetime.combine(day, end, tzinfo=tz)
    if stop <= cursor:
        raise ValidationError(_("The session must end after it starts."))
    existing = set(
        MeetingSlot.objects.filter(event=event, online=online).values_list("start", flat=True)
    )
    slots = []
    while cursor + timedelta(minutes=minutes) <= stop:
        if cursor not in existing:
            slots.append(MeetingSlot(event=event, start=cursor, minutes=minutes, online=online))
        cursor += timedelta(minutes=minutes + break_minutes)
    if not slots:
        raise ValidationError(_("No new meeting fits into this session."))
    return MeetingSlot.objects.bulk_create(slots)


@transaction.atomic
def set_tables(*, event: Event, actor: User, count: int, seats: int = 2) -> int:
    """Number the tables 1..count; tables beyond count are removed if no meeting uses them."""
    require_organiser(actor, event)
    if not 0 <= count <= 2000 or not 2 <= seats <= 50:
        raise ValidationError(
            _("Up to %(tables)s tables with %(least)s to %(most)s seats each.")
            % {"tables": number_format(2000, force_grouping=True), "least": 2, "most": 50}
        )
    if event.meetings.filter(table__number__gt=count, communicated=True).exists():
        raise ValidationError(
            _("Published meetings use tables above that number; move them first.")
        )
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
