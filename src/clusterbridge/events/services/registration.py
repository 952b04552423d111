"""Registration: admission policies, capacity under concurrency, cancellation, waiting list."""

from __future__ import annotations

import random
import time
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import OperationalError, transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from clusterbridge.common import audit
from clusterbridge.common.permissions import require
from clusterbridge.eventlogic import Applicant, select_balanced
from clusterbridge.events.models import (
    AdmissionPolicy,
    Event,
    Meeting,
    MeetingRequest,
    Registration,
    RegistrationStatus,
)
from clusterbridge.events.services.events import require_organiser
from clusterbridge.notifications.kinds import render as render_notification
from clusterbridge.notifications.services.notify import notify
from clusterbridge.organisations.models import Organisation
from clusterbridge.organisations.queries import memberships

User = get_user_model()
S = RegistrationStatus
ACTIVE = (S.PENDING, S.ADMITTED, S.WAITING, S.RESERVE)
LOCK_RETRIES = 60


def _with_lock_retry(fn, **kwargs):
    """SQLite answers 'database is locked' instead of waiting when many writers start at once
    (always so with a shared-cache in-memory database); retrying the whole transaction is safe
    because nothing was written. PostgreSQL waits on the row lock and never gets here."""
    for attempt in range(LOCK_RETRIES):
        try:
            return fn(**kwargs)
        except OperationalError as exc:
            if "locked" not in str(exc) or attempt == LOCK_RETRIES - 1:
                raise
            time.sleep(random.uniform(0.005, 0.05))
    raise AssertionError("unreachable")


def _when(event: Event, moment) -> str:
    """A moment of the event in its own time zone, in the format of the active language."""
    return formats.date_format(moment.astimezone(ZoneInfo(event.timezone)), "DATETIME_FORMAT")


def status_message(status: str, *, event: str) -> str:
    """What a registration's status means for the person, in the active language."""
    return render_notification(f"events.registration_{status}", {"event": event})[1]


def _notify_status(registration: Registration) -> None:
    event = registration.event
    notify(
        users=[registration.user],
        kind=f"events.registration_{registration.status}",
        params={"event": event.title},
        url=event.get_absolute_url(),
    )


def card_from_organisation(organisation: Organisation | None) -> dict[str, Any]:
    if organisation is None:
        return {}
    return {
        "offer": organisation.short_description,
        "sectors": sorted(organisation.sectors.values_list("code", flat=True)),
        "technologies": sorted(organisation.technologies.values_list("code", flat=True)),
        "technology_keywords": list(organisation.technology_keywords),
        "interest_countries": [str(c) for c in organisation.cooperation_countries],
    }


def admitted_count(event: Event) -> int:
    return event.registrations.filter(status=S.ADMITTED).count()


def register(
    *,
    event: Event,
    user: User,
    organisation: Organisation | None = None,
    answers: dict[str, str] | None = None,
    attendance: str = "onsite",
) -> Registration:
    return _with_lock_retry(
        _register,
        event=event,
        user=user,
        organisation=organisation,
        answers=answers or {},
        attendance=attendance,
    )


@transaction.atomic
def _register(
    *,
    event: Event,
    user: User,
    organisation: Organisation | None,
    answers: dict[str, str],
    attendance: str,
) -> Registration:
    # The event row lock serialises registrations for this event: the capacity count below
    # cannot change until we commit.
    event = Event.objects.select_for_update().get(pk=event.pk)
    now = timezone.now()
    if not event.is_published:
        raise ValidationError(_("This event is not open for registration."))
    if event.registration_opens and now < event.registration_opens:
        raise ValidationError(
            _("Registration opens on %(when)s.") % {"when": _when(event, event.registration_opens)}
        )
    if event.registration_deadline and now > event.registration_deadline:
        raise ValidationError(
            _("The registration deadline (%(when)s) has passed.")
            % {"when": _when(event, event.registration_deadline)}
        )
    if attendance not in ("onsite", "online"):
        raise ValidationError(_("Attendance is on site or online."))
    if attendance == "online" and event.format == "onsite":
        raise ValidationError(_("This event takes place on site only."))
    if attendance == "onsite" and event.format == "online":
        attendance = "online"
    existing = Registration.objects.filter(event=event, user=user).first()
    if existing and existing.status != S.CANCELLED:
        raise ValidationError(
            _("You are already registered for this event (status: %(status)s).")
            % {"status": existing.get_status_display()}
        )
    missing = [q for q in event.questions if not str(answers.get(q, "")).strip()]
    if missing:
        raise ValidationError(_("Please answer: %(question)s") % {"question": missing[0]})
    if organisation is None:
        organisation = memberships.organisations_of(user).order_by("name").first()
    elif not memberships.is_member(user, organisation):
        raise ValidationError(
            _("You are not a member of %(organisation)s.") % {"organisation": organisation.name}
        )
    if event.admission_policy == AdmissionPolicy.ORG_CAP and event.org_cap:
        if organisation is None:
            raise ValidationError(_("Registration for this event is through an organisation."))
        taken = event.registrations.filter(organisation=organisation, status__in=ACTIVE).count()
        if taken >= event.org_cap:
            raise ValidationError(
                ngettext(
                    "%(organisation)s has already registered %(count)s person; "
                    "this event admits at most %(cap)s per organisation.",
                    "%(organisation)s has already registered %(count)s people; "
                    "this event admits at most %(cap)s per organisation.",
                    taken,
                )
                % {"organisation": organisation.name, "count": taken, "cap": event.org_cap}
            )
    if event.admission_policy in (AdmissionPolicy.FIRST_COME, AdmissionPolicy.ORG_CAP):
        status = S.ADMITTED if admitted_count(event) < event.capacity else S.WAITING
    else:
        status = S.PENDING
    sequence = (event.registrations.aggregate(m=Max("sequence"))["m"] or 0) + 1
    registration = existing or Registration(event=event, user=user)
    registration.organisation = organisation
    registration.country = str(organisation.country) if organisation else ""
    registration.status = status
    registration.attendance = attendance
    registration.answers = {q: str(answers.get(q, "")).strip() for q in event.questions}
    registration.sequence = sequence
    registration.decided_at = now if status != S.PENDING else None
    for field, value in card_from_organisation(organisation).items():
        setattr(registration, field, value)
    registration.save()
    _notify_status(registration)
    return registration


def _promote_next(event: Event) -> Registration | None:
    """Fill a freed place from the waiting or reserve list (first registered first)."""
    if admitted_count(event) >= event.capacity:
        return None
    nxt = event.registrations.filter(status__in=(S.WAITING, S.RESERVE)).order_by("sequence").first()
    if nxt is None:
        return None
    nxt.status = S.ADMITTED
    nxt.decided_at = timezone.now()
    nxt.save(update_fields=["status", "decided_at", "updated_at"])
    _notify_status(nxt)
    return nxt


@transaction.atomic
def cancel(*, registration: Registration, actor: User) -> Registration | None:
    """Cancel a registration; returns the registration promoted from the waiting list, if any."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    require(
        actor,
        "events.cancel_registration",
        registration,
        message=_("Only the participant or the organisers cancel a registration."),
    )
    if registration.status == S.CANCELLED:
        raise ValidationError(_("This registration is already cancelled."))
    was_admitted = registration.status == S.ADMITTED
    registration.status = S.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    Meeting.objects.filter(participants=registration).exclude(status="cancelled").update(
        status="cancelled", slot=None, table=None
    )
    MeetingRequest.objects.filter(sender=registration, status="pending").update(status="expired")
    MeetingRequest.objects.filter(recipient=registration, status="pending").update(status="expired")
    if was_admitted and (
        event.admission_policy in (AdmissionPolicy.FIRST_COME, AdmissionPolicy.ORG_CAP)
        or event.selection_confirmed_at
        or event.admission_policy == AdmissionPolicy.REVIEW
    ):
        return _promote_next(event)
    return None


def proposed_selection(event: Event) -> list[int]:
    """Registration ids the geographic balance would admit (shown before confirming)."""
    pending = list(event.registrations.filter(status=S.PENDING).values("pk", "country", "sequence"))
    free = max(event.capacity - admitted_count(event), 0)
    return select_balanced(
        [Applicant(r["pk"], r["country"] or "--", r["sequence"]) for r in pending], free
    )


@transaction.atomic
def confirm_selection(*, event: Event, actor: User) -> tuple[int, int]:
    """Admit the proposed selection; the others go to the reserve list. Returns the counts."""
    require_organiser(actor, event)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.admission_policy != AdmissionPolicy.GEO_BALANCE:
        raise ValidationError(_("This event does not select by geographic balance."))
    if event.registration_deadline and timezone.now() < event.registration_deadline:
        raise ValidationError(_("The selection is made after the registration deadline."))
    chosen = set(proposed_selection(event))
    now = timezone.now()
    admitted = reserve = 0
    for reg in event.registrations.filter(status=S.PENDING).select_related("user", "event"):
        reg.status = S.ADMITTED if reg.pk in chosen else S.RESERVE
        reg.decided_at = now
        reg.save(update_fields=["status", "decided_at", "updated_at"])
        admitted += reg.status == S.ADMITTED
        reserve += reg.status == S.RESERVE
        _notify_status(reg)
    event.selection_confirmed_at = now
    event.save(update_fields=["selection_confirmed_at", "updated_at"])
    audit.record(
        actor=actor,
        action="events.selection_confirmed",
        obj=event,
        organisation=event.organiser_id,
        changes={"admitted": admitted, "reserve": reserve},
    )
    return admitted, reserve


@transaction.atomic
def decide(*, registration: Registration, actor: User, decision: str) -> Registration:
    """Organiser review: admit, put on the reserve list, or reject an applicant."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    require_organiser(actor, event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if decision not in (S.ADMITTED, S.RESERVE, S.REJECTED):
        raise ValidationError(_("Choose admit, reserve or reject."))
    if registration.status == S.CANCELLED:
        raise ValidationError(_("This registration was cancelled by the participant."))
    if registration.status == decision:
        return registration
    if decision == S.ADMITTED and admitted_count(event) >= event.capacity:
        raise ValidationError(
            ngettext("The only place is taken.", "All %(count)s places are taken.", event.capacity)
            % {"count": event.capacity}
        )
    previous = registration.status
    registration.status = decision
    registration.decided_at = timezone.now()
    registration.save(update_fields=["status", "decided_at", "updated_at"])
    registration.event = event
    audit.record(
        actor=actor,
        action="events.admission_decided",
        obj=registration,
        organisation=event.organiser_id,
        changes={"status": [previous, decision], "event": event.title},
    )
    _notify_status(registration)
    return registration
