"""Excellence labels: award (Bronze on validation, Silver/Gold by the rules), withdraw, expire,
remind. Every decision is recorded as a LabelDecision with who and why; the directory's cached
facet counts are invalidated on commit."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from clusterbridge.benchmarking.models import (
    Assessment,
    Assessor,
    Label,
    LabelDecision,
    LabelLevel,
)
from clusterbridge.benchmarking.queries.labels import assessment_facts, previous_validated_on
from clusterbridge.indicators import labels as rules
from clusterbridge.notifications.services.notify import notify
from clusterbridge.organisations.models import Membership, Organisation
from clusterbridge.organisations.queries.directory import bump_directory_version

User = get_user_model()


def _admins(organisation: Organisation) -> list[User]:
    return [
        m.user
        for m in Membership.objects.filter(
            organisation=organisation, role=Membership.Role.ADMIN
        ).select_related("user")
    ]


def _active_label(organisation: Organisation) -> Label | None:
    return (
        Label.objects.select_for_update()
        .filter(organisation=organisation, status=Label.Status.ACTIVE)
        .first()
    )


def _grant(
    *, assessment: Assessment, level: str, actor: User | None, reason: str, today: datetime.date
) -> Label:
    organisation = assessment.organisation
    current = _active_label(organisation)
    if current is not None:
        if (
            rules.RANK[rules.Level(current.level)] > rules.RANK[rules.Level(level)]
            and current.valid_until >= today
        ):
            raise ValidationError(
                f"{organisation.name} already holds a {current.get_level_display()} label "
                f"valid until {current.valid_until:%d %B %Y}."
            )
        current.status = Label.Status.SUPERSEDED
        current.save(update_fields=["status", "updated_at"])
    renewed = Label.objects.filter(organisation=organisation).exists()
    label = Label.objects.create(
        organisation=organisation,
        assessment=assessment,
        level=level,
        valid_from=today,
        valid_until=rules.valid_until(today),
        is_demo=assessment.is_demo,
    )
    LabelDecision.objects.create(
        organisation=organisation,
        label=label,
        assessment=assessment,
        level=level,
        kind=LabelDecision.Kind.RENEWED if renewed else LabelDecision.Kind.AWARDED,
        decided_by=actor,
        reason=reason,
        is_demo=assessment.is_demo,
    )
    transaction.on_commit(bump_directory_version)
    notify(
        users=_admins(organisation),
        kind="benchmarking.label_awarded",
        title=f"{organisation.name} holds the {label.get_level_display()} label",
        body=f"Valid until {label.valid_until:%d %B %Y}.",
        url=assessment.get_absolute_url(),
    )
    return label


def award_bronze_on_validation(*, assessment: Assessment, actor: User) -> Label | None:
    """Bronze follows from a validated benchmark, unless a higher label is still valid
    (a new benchmark then does not lower the organisation's label)."""
    today = assessment.validated_on or timezone.localdate()
    current = _active_label(assessment.organisation)
    if current is not None and current.level != LabelLevel.BRONZE and current.valid_until >= today:
        return None
    return _grant(
        assessment=assessment,
        level=LabelLevel.BRONZE,
        actor=actor,
        # Who validated is decided_by; the reason does not repeat the name (benchmarking.privacy).
        reason=f"Benchmark validated on {today.isoformat()}.",
        today=today,
    )


@transaction.atomic
def award_label(
    *, assessment: Assessment, level: str, actor: User, today: datetime.date | None = None
) -> Label:
    """Award Bronze, Silver or Gold for a validated benchmark if the rules are met;
    otherwise a ValidationError lists every unmet rule."""
    today = today or timezone.localdate()
    if level not in LabelLevel.values:
        raise ValidationError(f"Unknown label level “{level}”; use bronze, silver or gold.")
    Organisation.objects.select_for_update().filter(pk=assessment.organisation_id).first()
    assessment = Assessment.objects.select_related("organisation").get(pk=assessment.pk)
    if Membership.objects.filter(
        user=actor, organisation=assessment.organisation
    ).exists() is False and not (actor.is_staff or hasattr(actor, "assessor")):
        raise ValidationError("Only the organisation, an assessor or staff may request a label.")
    facts = assessment_facts(assessment)
    decision = rules.decide(rules.Level(level), facts, previous_validated_on(assessment))
    if not decision.eligible:
        raise ValidationError(
            [f"The {LabelLevel(level).label} label cannot be awarded:", *decision.reasons]
        )
    reason = f"Rules for {LabelLevel(level).label} met by the benchmark validated on " + (
        f"{assessment.validated_on.isoformat()}; overall score "
        + (f"{assessment.overall_score:g} %." if assessment.overall_score is not None else "—.")
    )
    return _grant(assessment=assessment, level=level, actor=actor, reason=reason, today=today)


@transaction.atomic
def withdraw_label(*, label: Label, actor: User, reason: str) -> Label:
    """Withdraw an active label (staff or an assessor from outside the organisation), with the
    reason recorded as a LabelDecision and sent to the organisation's administrators."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Give the reason for withdrawing the label.")
    label = Label.objects.select_for_update().select_related("organisation").get(pk=label.pk)
    if not actor.is_staff:
        if not Assessor.objects.filter(user=actor, active=True).exists():
            raise ValidationError("Only staff or an assessor may withdraw a label.")
        if Membership.objects.filter(user=actor, organisation=label.organisation_id).exists():
            raise ValidationError("You cannot withdraw the label of your own organisation.")
    if label.status != Label.Status.ACTIVE:
        raise ValidationError("Only an active label can be withdrawn.")
    label.status = Label.Status.WITHDRAWN
    label.save(update_fields=["status", "updated_at"])
    LabelDecision.objects.create(
        organisation=label.organisation,
        label=label,
        assessment_id=label.assessment_id,
        level=label.level,
        kind=LabelDecision.Kind.WITHDRAWN,
        decided_by=actor,
        reason=reason,
        is_demo=label.is_demo,
    )
    transaction.on_commit(bump_directory_version)
    notify(
        users=_admins(label.organisation),
        kind="benchmarking.label_withdrawn",
        title=f"The {label.get_level_display()} label of {label.organisation.name} was withdrawn",
        body=reason,
        url=reverse("benchmarking:label_decisions", kwargs={"slug": label.organisation.slug}),
    )
    return label


@transaction.atomic
def expire_labels(*, today: datetime.date) -> int:
    """Mark labels past their validity as expired (the directory already ignores them by date;
    this records the decision and tells the organisation)."""
    expired = list(
        Label.objects.select_for_update()
        .select_related("organisation")
        .filter(status=Label.Status.ACTIVE, valid_until__lt=today)
    )
    for label in expired:
        label.status = Label.Status.EXPIRED
        label.save(update_fields=["status", "updated_at"])
        LabelDecision.objects.create(
            organisation=label.organisation,
            label=label,
            assessment_id=label.assessment_id,
            level=label.level,
            kind=LabelDecision.Kind.EXPIRED,
            decided_by=None,
            reason=f"Validity ended on {label.valid_until.isoformat()} without renewal.",
            is_demo=label.is_demo,
        )
        notify(
            users=_admins(label.organisation),
            kind="benchmarking.label_expired",
            title=f"The {label.get_level_display()} label of {label.organisation.name} expired",
            body="Start a new benchmark to earn a label again.",
            url="/benchmarking/",
        )
    if expired:
        transaction.on_commit(bump_directory_version)
    return len(expired)


@transaction.atomic
def send_expiry_reminders(*, today: datetime.date) -> int:
    """Tell organisation administrators once, within 90 days before their label expires."""
    due = [
        label
        for label in Label.objects.select_for_update()
        .select_related("organisation")
        .filter(
            status=Label.Status.ACTIVE,
            reminder_sent_at=None,
            valid_until__gte=today,
            valid_until__lte=today + datetime.timedelta(days=rules.REMINDER_DAYS),
        )
        if rules.needs_reminder(label.valid_until, today, already_reminded=False)
    ]
    now = timezone.now()
    for label in due:
        notify(
            users=_admins(label.organisation),
            kind="benchmarking.label_expiring",
            title=(
                f"The {label.get_level_display()} label of {label.organisation.name} expires "
                f"on {label.valid_until:%d %B %Y}"
            ),
            body="Renew it with a new benchmark: start one from the benchmarking page.",
            url="/benchmarking/",
        )
        label.reminder_sent_at = now
        label.save(update_fields=["reminder_sent_at", "updated_at"])
    return len(due)
