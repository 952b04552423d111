"""Excellence labels: award (Bronze on validation, Silver/Gold by the rules), withdraw, expire,
remind. Every decision is recorded as a LabelDecision with who and why; the organisation's copy
of its current label (``Organisation.label_level``/``label_valid_until``, read by the directory)
is updated in the same transaction, and the directory's cached facet counts are invalidated on
commit."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from clusterbridge.benchmarking.models import (
    Assessment,
    Label,
    LabelDecision,
    LabelLevel,
)
from clusterbridge.benchmarking.queries.labels import assessment_facts, previous_validated_on
from clusterbridge.benchmarking.texts import (
    BRONZE_REASON,
    EXPIRY_REASON,
    RULES_REASON,
    label_reasons,
)
from clusterbridge.benchmarking.validators import validate_withdraw_reason
from clusterbridge.common import audit
from clusterbridge.common.permissions import require
from clusterbridge.indicators import labels as rules
from clusterbridge.notifications.services.notify import notify
from clusterbridge.organisations.models import Organisation
from clusterbridge.organisations.queries import memberships
from clusterbridge.organisations.queries.directory import bump_directory_version

User = get_user_model()


def _admins(organisation: Organisation) -> list[User]:
    return list(memberships.admins_of(organisation))


def _active_label(organisation: Organisation) -> Label | None:
    return (
        Label.objects.select_for_update()
        .filter(organisation=organisation, status=Label.Status.ACTIVE)
        .first()
    )


def _copy_to_organisations(organisations: list[Organisation], level="", valid_until=None) -> None:
    """The organisations' copy of their current label, which the directory filters on and
    shows (organisations never import benchmarking): kept here, in the same transaction."""
    Organisation.objects.filter(pk__in=[o.pk for o in organisations]).update(
        label_level=level, label_valid_until=valid_until
    )
    for organisation in organisations:
        organisation.label_level, organisation.label_valid_until = level, valid_until


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
                _("%(organisation)s already holds a %(level)s label valid until %(date)s.")
                % {
                    "organisation": organisation.name,
                    "level": current.get_level_display(),
                    "date": formats.date_format(current.valid_until, "DATE_FORMAT"),
                }
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
    _copy_to_organisations([organisation], label.level, label.valid_until)
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
    audit.record(
        actor=actor,
        action="benchmarking.label_awarded",
        obj=label,
        organisation=organisation,
        changes={"level": level, "valid_until": label.valid_until.isoformat()},
    )
    transaction.on_commit(bump_directory_version)
    notify(
        users=_admins(organisation),
        kind="benchmarking.label_awarded",
        params={
            "organisation": organisation.name,
            "level": label.level,
            "valid_until_date": label.valid_until,
        },
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
        # Stored in English (the record); shown translated (texts.decision_reason).
        reason=BRONZE_REASON % {"date": today.isoformat()},
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
        raise ValidationError(
            _("Unknown label level “%(level)s”; use bronze, silver or gold.") % {"level": level}
        )
    Organisation.objects.select_for_update().filter(pk=assessment.organisation_id).first()
    assessment = Assessment.objects.select_related("organisation").get(pk=assessment.pk)
    require(
        actor,
        "benchmarking.award_label",
        assessment,
        message=_("Only the organisation, an assessor or staff may request a label."),
    )
    facts = assessment_facts(assessment)
    decision = rules.decide(rules.Level(level), facts, previous_validated_on(assessment))
    if not decision.eligible:
        raise ValidationError(
            [
                _("The %(level)s label cannot be awarded:") % {"level": LabelLevel(level).label},
                *label_reasons(decision.reasons),
            ]
        )
    # Stored in English (the record); shown translated (texts.decision_reason).
    reason = RULES_REASON % {
        "level": level.capitalize(),
        "date": assessment.validated_on.isoformat(),
        "score": f"{assessment.overall_score:g} %" if assessment.overall_score is not None else "—",
    }
    return _grant(assessment=assessment, level=level, actor=actor, reason=reason, today=today)


@transaction.atomic
def withdraw_label(*, label: Label, actor: User, reason: str) -> Label:
    """Withdraw an active label (staff or an assessor from outside the organisation), with the
    reason recorded as a LabelDecision and sent to the organisation's administrators."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for withdrawing the label."))
    validate_withdraw_reason(reason)
    label = Label.objects.select_for_update().select_related("organisation").get(pk=label.pk)
    require(
        actor,
        "benchmarking.withdraw_label",
        message=_("Only staff or an assessor may withdraw a label."),
    )
    if not actor.is_staff and memberships.is_member(actor, label.organisation_id):
        raise PermissionDenied(_("You cannot withdraw the label of your own organisation."))
    if label.status != Label.Status.ACTIVE:
        raise ValidationError(_("Only an active label can be withdrawn."))
    label.status = Label.Status.WITHDRAWN
    label.save(update_fields=["status", "updated_at"])
    _copy_to_organisations([label.organisation])
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
    audit.record(
        actor=actor,
        action="benchmarking.label_withdrawn",
        obj=label,
        organisation=label.organisation_id,
        changes={"level": label.level, "reason": reason},
    )
    transaction.on_commit(bump_directory_version)
    notify(
        users=_admins(label.organisation),
        kind="benchmarking.label_withdrawn",
        params={"organisation": label.organisation.name, "level": label.level, "reason": reason},
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
            reason=EXPIRY_REASON % {"date": label.valid_until.isoformat()},
            is_demo=label.is_demo,
        )
        audit.record(
            actor=None,
            action="benchmarking.label_expired",
            obj=label,
            organisation=label.organisation_id,
            changes={"level": label.level, "valid_until": label.valid_until.isoformat()},
        )
        notify(
            users=_admins(label.organisation),
            kind="benchmarking.label_expired",
            params={"organisation": label.organisation.name, "level": label.level},
            url="/benchmarking/",
        )
    if expired:
        _copy_to_organisations([label.organisation for label in expired])
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
            params={
                "organisation": label.organisation.name,
                "level": label.level,
                "valid_until_date": label.valid_until,
            },
            url="/benchmarking/",
        )
        label.reminder_sent_at = now
        label.save(update_fields=["reminder_sent_at", "updated_at"])
    return len(due)
