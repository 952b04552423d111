"""Matchmaking: participant cards, meeting requests and answers, unavailable slots."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from clusterbridge.common.permissions import require
from clusterbridge.events.models import (
    Event,
    Meeting,
    MeetingRequest,
    MeetingSlot,
    Registration,
    RegistrationStatus,
)
from clusterbridge.events.services.runs import is_scheduling
from clusterbridge.events.validators import clean_card, validate_message
from clusterbridge.notifications.services.notify import notify

User = get_user_model()
CARD_FIELDS = (
    "offer", "seek", "sectors", "technologies", "technology_keywords", "interest_countries",
)  # fmt: skip


def _require_participant(registration: Registration, actor: User) -> None:
    require(
        actor,
        "events.act_for_registration",
        registration,
        message=_(
            "Only the participant, once admitted to a matchmaking event, acts for a registration."
        ),
    )


@transaction.atomic
def update_card(*, registration: Registration, actor: User, data: dict[str, Any]) -> Registration:
    """Save the participant's card; codes are checked against the taxonomy, keywords cleaned."""
    _require_participant(registration, actor)
    unknown = sorted(set(data) - set(CARD_FIELDS))
    if unknown:
        raise ValidationError(_("A card has no field “%(field)s”.") % {"field": unknown[0]})
    cleaned = clean_card(data)
    for field in CARD_FIELDS:
        if field in cleaned:
            setattr(registration, field, cleaned[field])
    registration.save(update_fields=[*[f for f in CARD_FIELDS if f in cleaned], "updated_at"])
    return registration


@transaction.atomic
def send_request(
    *, sender: Registration, recipient: Registration, actor: User, message: str = ""
) -> MeetingRequest:
    _require_participant(sender, actor)
    event = sender.event
    # Lock the sender so two simultaneous requests cannot both pass the cap.
    Registration.objects.select_for_update().get(pk=sender.pk)
    validate_message(message)
    if recipient.pk == sender.pk or recipient.user_id == sender.user_id:
        raise ValidationError(_("You cannot request a meeting with yourself."))
    if recipient.event_id != event.pk or recipient.status != RegistrationStatus.ADMITTED:
        raise ValidationError(_("This person is not a registered participant of the event."))
    if event.request_expiry and timezone.now() > event.request_expiry:
        raise ValidationError(_("The period for meeting requests has ended."))
    if event.agenda_published_at is None and is_scheduling(event):
        raise ValidationError(_("The organiser is scheduling right now; try again in a minute."))
    if MeetingRequest.objects.filter(
        Q(sender=sender, recipient=recipient) | Q(sender=recipient, recipient=sender)
    ).exists():
        raise ValidationError(
            _("There is already a meeting request between you and %(name)s.")
            % {"name": recipient.display_name}
        )
    open_requests = MeetingRequest.objects.filter(
        sender=sender, status__in=("pending", "accepted")
    ).count()
    if open_requests >= event.request_cap:
        raise ValidationError(
            ngettext(
                "You have sent %(count)s request, the most this event allows (%(cap)s).",
                "You have sent %(count)s requests, the most this event allows (%(cap)s).",
                open_requests,
            )
            % {"count": open_requests, "cap": event.request_cap}
        )
    request = MeetingRequest.objects.create(
        event=event, sender=sender, recipient=recipient, message=message.strip()
    )
    notify(
        users=[recipient.user],
        kind="events.meeting_request_received",
        params={"sender": sender.display_name, "event": event.title, "message": message.strip()},
        url=f"/events/{event.slug}/requests/",
    )
    return request


class _Expired(Exception):
    """Raised inside the answer's transaction; the expiry is stored after it is rolled back."""


EXPIRED_MESSAGE = gettext_lazy("This request expired on the date the organiser set.")
ALREADY_ANSWERED = {
    MeetingRequest.Status.ACCEPTED: gettext_lazy("This request is already accepted."),
    MeetingRequest.Status.DECLINED: gettext_lazy("This request is already declined."),
    MeetingRequest.Status.EXPIRED: gettext_lazy("This request is already expired."),
}


def answer_request(*, request: MeetingRequest, actor: User, accept: bool) -> MeetingRequest:
    """Accept or decline a request. A request answered after the organiser's date is stored
    as expired (that change is kept) and the answer is refused with a ValidationError."""
    try:
        return _answer_request(request=request, actor=actor, accept=accept)
    except _Expired:
        # The answer's transaction is rolled back by now, so the expiry is written on its
        # own; the status filter keeps it from overwriting an answer given in the meantime.
        MeetingRequest.objects.filter(pk=request.pk, status=MeetingRequest.Status.PENDING).update(
            status=MeetingRequest.Status.EXPIRED, updated_at=timezone.now()
        )
        raise ValidationError(str(EXPIRED_MESSAGE), code="expired") from None


@transaction.atomic
def _answer_request(*, request: MeetingRequest, actor: User, accept: bool) -> MeetingRequest:
    request = MeetingRequest.objects.select_for_update(of=("self",)).select_related(
        "event", "sender__user", "recipient__user", "sender__organisation",
        "recipient__organisation",
    ).get(pk=request.pk)  # fmt: skip
    if request.recipient.user_id != actor.pk:
        raise ValidationError(_("Only the person asked answers a meeting request."))
    if request.status != MeetingRequest.Status.PENDING:
        raise ValidationError(
            str(ALREADY_ANSWERED.get(request.status, _("This request is already answered.")))
        )
    event = request.event
    if event.request_expiry and timezone.now() > event.request_expiry:
        raise _Expired
    request.status = MeetingRequest.Status.ACCEPTED if accept else MeetingRequest.Status.DECLINED
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_at", "updated_at"])
    if accept:
        meeting = Meeting.objects.create(
            event=event,
            request=request,
            online="online" in (request.sender.attendance, request.recipient.attendance),
        )
        meeting.participants.set([request.sender, request.recipient])
    verb = "accepted" if accept else "declined"
    notify(
        users=[request.sender.user],
        kind=f"events.meeting_request_{verb}",
        params={"recipient": request.recipient.display_name, "event": event.title},
        url=f"/events/{event.slug}/requests/",
    )
    return request


@transaction.atomic
def expire_requests(*, now=None) -> int:
    """Unanswered requests whose event's answer date has passed become expired."""
    now = now or timezone.now()
    return MeetingRequest.objects.filter(status="pending", event__request_expiry__lt=now).update(
        status="expired", updated_at=now
    )


def slot_label(slot: MeetingSlot, event: Event) -> str:
    """The slot as participants see it: local time in the event's time zone, in the format of
    the active language."""
    local = slot.start.astimezone(ZoneInfo(event.timezone))
    when = formats.date_format(local, "SHORT_DATETIME_FORMAT")
    return _("%(when)s (online)") % {"when": when} if slot.online else when


@transaction.atomic
def set_unavailable(
    *, registration: Registration, actor: User, slots: list[MeetingSlot]
) -> list[MeetingSlot]:
    """Replace the participant's unavailable slots.

    Once agendas are published, a slot holding one of the participant's published meetings
    cannot be marked unavailable (the organiser moves or cancels the meeting first); every
    other slot can.
    """
    _require_participant(registration, actor)
    # Publishing and manual moves lock the event row too, so no meeting is published or moved
    # into a slot while the participant marks it unavailable.
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    if any(s.event_id != event.pk for s in slots):
        raise ValidationError(_("A slot of another event was given."))
    current = set(registration.unavailable_slots.values_list("pk", flat=True))
    added = {s.pk for s in slots} - current
    if added:
        published = (
            Meeting.objects.filter(
                participants=registration, slot_id__in=added, communicated=True,
                status=Meeting.Status.SCHEDULED,
            )
            .select_related("slot")
            .prefetch_related(
                Prefetch("participants",
                         queryset=Registration.objects.select_related("user", "organisation"))
            )
            .order_by("slot__start", "pk")
        )  # fmt: skip
        clashes = [
            _("%(when)s (your published meeting with %(names)s)")
            % {
                "when": slot_label(m.slot, event),
                "names": ", ".join(
                    p.display_name for p in m.participants.all() if p.pk != registration.pk
                ),
            }
            for m in published
        ]
        if clashes:
            raise ValidationError(
                _(
                    "You cannot mark a slot unavailable when your published agenda has a "
                    "meeting in it: %(clashes)s. Ask the organiser to move or cancel the "
                    "meeting first; nothing was changed."
                )
                % {"clashes": "; ".join(clashes)}
            )
    registration.unavailable_slots.set(slots)
    return slots
