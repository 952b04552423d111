"""The calls board: post a call, withdraw it, follow it, keep its next deadline, remind.

A call is posted (and published at once) by staff or by an administrator of a published
funding agency; it can be withdrawn by the same people. ``next_deadline`` is the earliest
deadline still to come; :func:`refresh_deadlines` keeps it as time passes (periodic job), and
:func:`send_deadline_reminders` tells the followers 7 days and 1 day before each deadline.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterbridge.calls import validators
from clusterbridge.calls.models import (
    Activity,
    Call,
    CallAgency,
    CallFollow,
    CallLevel,
    CallStage,
    CallStatus,
    CallType,
)
from clusterbridge.calls.queries.search import bump_calls_version
from clusterbridge.calls.rules import is_funding_agency
from clusterbridge.common import audit
from clusterbridge.common.permissions import require
from clusterbridge.common.slugs import base_slug, save_with_unique_slug
from clusterbridge.common.text import fold
from clusterbridge.notifications.services.notify import notify
from clusterbridge.organisations.models import Organisation

TRANSITIONS = {
    CallStatus.DRAFT: {CallStatus.PUBLISHED, CallStatus.WITHDRAWN},
    CallStatus.PUBLISHED: {CallStatus.WITHDRAWN},
    CallStatus.WITHDRAWN: set(),
}
# Fixed pages under /calls/ that a slug must not hide.
RESERVED_SLUGS = {"post", "for-you", "export", "calendar", "followed", "proposals"}
MIN_AGENCIES = 2
REMINDERS = ((7, "reminded_7_days_at"), (1, "reminded_1_day_at"))


def _move(call: Call, status: str) -> None:
    if status not in TRANSITIONS[CallStatus(call.status)]:
        raise ValidationError(
            _("A call that is “{current}” cannot become “{new}”.").format(
                current=call.get_status_display(), new=CallStatus(status).label
            ),
            code="transition",
        )
    call.status = status


def _search_document(call: Call) -> str:
    parts = [call.title, call.programme, call.funder_names, call.summary]
    return fold(" ".join(p for p in parts if p))


def next_deadline(deadlines: Iterable[datetime], now: datetime) -> datetime | None:
    coming = [d for d in deadlines if d >= now]
    return min(coming) if coming else None


def post_call(
    *,
    actor,
    organisation: Organisation | None,
    title: str,
    funder_names: str,
    level: str,
    kind: str,
    deadlines: Sequence[datetime],
    stage_names: Sequence[str] = (),
    programme: str = "",
    summary: str = "",
    budget_eur: Decimal | None = None,
    funding_rate: Decimal | None = None,
    eligible_kinds: Iterable[str] = (),
    eligible_countries: Iterable[str] = (),
    sectors=(),
    ecosystems=(),
    technologies=(),
    link: str = "",
    is_joint: bool = False,
    now: datetime | None = None,
    is_demo: bool = False,
) -> Call:
    """Post and publish a call; ``organisation`` None means staff post in the site's name.

    A joint call (``is_joint``) stays a draft, seen only by its poster, until its agencies are
    added and it is published (``services.joint.publish_call``)."""
    require(
        actor,
        "calls.post_call",
        organisation,
        message=_("Only staff and administrators of a published funding agency post calls."),
    )
    validators.validate_required_text(title, _("The title"))
    validators.validate_title(title)
    validators.validate_required_text(funder_names, _("The funders"))
    validators.validate_summary(summary)
    if level not in CallLevel.values:
        raise ValidationError(_("Unknown level “{level}”.").format(level=level), code="level")
    if kind not in CallType.values:
        raise ValidationError(_("Unknown type “{kind}”.").format(kind=kind), code="kind")
    validators.validate_budget(budget_eur)
    validators.validate_funding_rate(funding_rate)
    eligible_kinds = list(dict.fromkeys(eligible_kinds))
    eligible_countries = list(dict.fromkeys(eligible_countries))
    validators.validate_kinds(eligible_kinds)
    validators.validate_countries(eligible_countries)
    deadlines = list(deadlines)
    validators.validate_stages(deadlines)
    if any(timezone.is_naive(d) for d in deadlines):
        raise ValueError("deadlines must be aware datetimes")
    now = now or timezone.now()
    with transaction.atomic():
        call = Call(
            title=title.strip(),
            programme=programme.strip(),
            funder_names=funder_names.strip(),
            organisation=organisation,
            posted_by=actor,
            level=level,
            kind=kind,
            summary=summary.strip(),
            budget_eur=budget_eur,
            funding_rate=funding_rate,
            eligible_kinds=eligible_kinds,
            eligible_countries=eligible_countries,
            link=link,
            is_joint=is_joint,
            status=CallStatus.DRAFT if is_joint else CallStatus.PUBLISHED,
            next_deadline=next_deadline(deadlines, now),
            published_at=None if is_joint else now,
            is_demo=is_demo,
        )
        call.search_document = _search_document(call)
        reserved = base_slug(title, fallback="call") in RESERVED_SLUGS
        text = f"call {title}" if reserved else title
        save_with_unique_slug(call, text, fallback="call")
        names = list(stage_names) + [""] * len(deadlines)
        CallStage.objects.bulk_create(
            CallStage(call=call, number=n, name=names[n - 1].strip(), deadline=d)
            for n, d in enumerate(deadlines, start=1)
        )
        call.sectors.set(sectors)
        call.ecosystems.set(ecosystems)
        call.technologies.set(technologies)
        audit.record(
            actor=actor,
            action="calls.posted",
            obj=call,
            organisation=organisation,
            changes={"title": call.title, "deadlines": [d.isoformat() for d in deadlines]},
        )
        transaction.on_commit(bump_calls_version)
    return call


def withdraw_call(*, actor, call: Call) -> Call:
    require(actor, "calls.change_call", call, message=_("You cannot withdraw this call."))
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        _move(call, CallStatus.WITHDRAWN)
        call.save(update_fields=["status", "updated_at"])
        audit.record(
            actor=actor, action="calls.withdrawn", obj=call, organisation=call.organisation_id
        )
        transaction.on_commit(bump_calls_version)
    return call


def _require_draft_joint(call: Call) -> None:
    if not call.is_joint:
        raise ValidationError(_("Only joint calls have participating agencies."), code="not_joint")
    if call.status != CallStatus.DRAFT:
        raise ValidationError(
            _("The agencies of a call are set before it is published."), code="not_draft"
        )


def add_agency(
    *,
    actor,
    call: Call,
    organisation: Organisation,
    budget_eur: Decimal,
    beneficiary_kinds: Iterable[str] = (),
    countries: Iterable[str] = (),
    regions: Iterable[str] = (),
    max_grant_eur: Decimal | None = None,
    funding_rate: Decimal | None = None,
) -> CallAgency:
    """Add a participating agency with its own rules to a draft joint call."""
    require(actor, "calls.change_call", call, message=_("You cannot change this call."))
    _require_draft_joint(call)
    if not is_funding_agency(organisation):
        raise ValidationError(
            _("{name} is not a published public authority or agency.").format(
                name=organisation.name
            ),
            code="not_agency",
        )
    validators.validate_amount(budget_eur, _("The agency's budget"))
    if max_grant_eur is not None:
        validators.validate_amount(max_grant_eur, _("The maximum grant"))
    validators.validate_funding_rate(funding_rate)
    beneficiary_kinds = list(dict.fromkeys(beneficiary_kinds))
    countries = list(dict.fromkeys(countries))
    regions = list(dict.fromkeys(code.upper() for code in regions))
    validators.validate_kinds(beneficiary_kinds)
    validators.validate_countries(countries)
    validators.validate_regions(regions)
    with transaction.atomic():
        if CallAgency.objects.filter(call=call, organisation=organisation).exists():
            raise ValidationError(
                _("{name} already takes part in this call.").format(name=organisation.name),
                code="duplicate",
            )
        agency = CallAgency.objects.create(
            call=call,
            organisation=organisation,
            budget_eur=budget_eur,
            beneficiary_kinds=beneficiary_kinds,
            countries=countries,
            regions=regions,
            max_grant_eur=max_grant_eur,
            funding_rate=funding_rate,
        )
        audit.record(
            actor=actor,
            action="calls.agency_added",
            obj=call,
            organisation=call.organisation_id,
            changes={"agency": organisation.name, "budget_eur": str(budget_eur)},
        )
    return agency


def set_activities(*, actor, call: Call, activities: Iterable[str]) -> Call:
    """The activities a draft joint call accepts in its proposals (none: every activity)."""
    require(actor, "calls.change_call", call, message=_("You cannot change this call."))
    if not call.is_joint:
        raise ValidationError(_("Only joint calls take proposals."), code="not_joint")
    if call.status != CallStatus.DRAFT:
        raise ValidationError(
            _("The activities a call accepts are set before it is published."), code="not_draft"
        )
    activities = list(dict.fromkeys(activities))
    validators.validate_activities(activities)
    with transaction.atomic():
        call.activities = [a for a in Activity.values if a in activities]
        call.save(update_fields=["activities", "updated_at"])
        audit.record(
            actor=actor,
            action="calls.activities_set",
            obj=call,
            organisation=call.organisation_id,
            changes={"activities": call.activities},
        )
    return call


def remove_agency(*, actor, agency: CallAgency) -> None:
    call = agency.call
    require(actor, "calls.change_call", call, message=_("You cannot change this call."))
    _require_draft_joint(call)
    with transaction.atomic():
        agency.delete()
        audit.record(
            actor=actor,
            action="calls.agency_removed",
            obj=call,
            organisation=call.organisation_id,
            changes={"agency": agency.organisation.name},
        )


def publish_call(*, actor, call: Call, now: datetime | None = None) -> Call:
    """Publish a draft joint call: it needs at least two agencies and a deadline to come."""
    require(actor, "calls.change_call", call, message=_("You cannot publish this call."))
    now = now or timezone.now()
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        if call.status == CallStatus.DRAFT and call.agencies.count() < MIN_AGENCIES:
            raise ValidationError(
                _("A joint call needs at least {count} participating agencies.").format(
                    count=MIN_AGENCIES
                ),
                code="agencies",
            )
        deadline = next_deadline((s.deadline for s in call.stages.all()), now)
        if deadline is None:
            raise ValidationError(
                _("Every deadline of this call has passed: it cannot be published."),
                code="deadline",
            )
        _move(call, CallStatus.PUBLISHED)
        call.published_at = now
        call.next_deadline = deadline
        call.save(update_fields=["status", "published_at", "next_deadline", "updated_at"])
        audit.record(
            actor=actor, action="calls.published", obj=call, organisation=call.organisation_id
        )
        transaction.on_commit(bump_calls_version)
    return call


def follow(*, actor, call: Call) -> bool:
    """Follow a call (idempotent); True if the follow is new."""
    require(actor, "calls.follow_call", call, message=_("Only published calls can be followed."))
    try:
        with transaction.atomic():
            CallFollow.objects.create(call=call, user=actor)
            audit.record(actor=actor, action="calls.followed", obj=call)
    except IntegrityError:
        return False
    return True


def unfollow(*, actor, call: Call) -> bool:
    with transaction.atomic():
        deleted, _rows = CallFollow.objects.filter(call=call, user=actor).delete()
        if deleted:
            audit.record(actor=actor, action="calls.unfollowed", obj=call)
    return bool(deleted)


def refresh_deadlines(*, now: datetime | None = None) -> int:
    """Move ``next_deadline`` on for the calls whose next deadline has passed; returns how
    many calls changed (idempotent)."""
    now = now or timezone.now()
    changed = 0
    stale = Call.objects.filter(next_deadline__lt=now).prefetch_related("stages")
    for call in stale:
        new = next_deadline((s.deadline for s in call.stages.all()), now)
        with transaction.atomic():
            changed += Call.objects.filter(pk=call.pk, next_deadline=call.next_deadline).update(
                next_deadline=new
            )
    if changed:
        bump_calls_version()
    return changed


def send_deadline_reminders(*, now: datetime | None = None) -> int:
    """Tell the followers of published calls 7 days and 1 day before each deadline; each
    stage is marked so a reminder goes once (a run after a gap sends only the nearer one)."""
    now = now or timezone.now()
    sent = 0
    for days, mark in REMINDERS:
        due = CallStage.objects.filter(
            call__status=CallStatus.PUBLISHED,
            deadline__gt=now,
            deadline__lte=now + timedelta(days=days),
            **{f"{mark}__isnull": True},
        ).select_related("call")
        for stage in due:
            with transaction.atomic():
                # Claim the stage: only the run that marks it sends.
                if not CallStage.objects.filter(pk=stage.pk, **{f"{mark}__isnull": True}).update(
                    **{mark: now}
                ):
                    continue
                if days == 7 and stage.deadline - now <= timedelta(days=1):
                    continue  # the 1-day reminder follows; one message is enough
                users = [f.user for f in stage.call.follows.select_related("user")]
                notify(
                    users=users,
                    kind=f"calls.deadline_{days}",
                    params={
                        "call": stage.call.title,
                        "stage": stage.name or str(stage.number),
                        "deadline_datetime": stage.deadline.isoformat(),
                    },
                    url=stage.call.get_absolute_url(),
                )
                sent += len(users)
    return sent
