"""The one write path for benchmarks: start, answer, evidence, submit, review, validate."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from clusterbridge.benchmarking.models import (
    Answer,
    Assessment,
    Evidence,
    Indicator,
)
from clusterbridge.benchmarking.queries.reports import (
    compute_scores,
    dimensions_with_answers,
    rating_of,
)
from clusterbridge.benchmarking.services.indicator_sets import current_set
from clusterbridge.benchmarking.validators import (
    clean_answer,
    clean_improvement_area,
    validate_evidence_file,
    validate_review_note,
)
from clusterbridge.common import audit
from clusterbridge.common.permissions import require
from clusterbridge.notifications.services.notify import notify
from clusterbridge.organisations.models import Organisation
from clusterbridge.organisations.queries import memberships

User = get_user_model()


def _number(value: int) -> str:
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def _org_admins(organisation: Organisation) -> list[User]:
    return list(memberships.admins_of(organisation))


def _locked(assessment: Assessment) -> Assessment:
    return (
        Assessment.objects.select_for_update()
        .select_related("organisation", "indicator_set")
        .get(pk=assessment.pk)
    )


def _require_editable(assessment: Assessment) -> None:
    if not assessment.is_editable:
        raise ValidationError(
            _("This benchmark cannot be changed now (status: %(status)s).")
            % {"status": assessment.get_status_display()}
        )


def _require_assessor(assessment: Assessment, user: User) -> None:
    require(
        user, "benchmarking.assessor_queue", message=_("Only an assessor may review benchmarks.")
    )
    if memberships.is_member(user, assessment.organisation_id):
        raise PermissionDenied(_("You cannot assess a benchmark of your own organisation."))


@transaction.atomic
def start_assessment(*, organisation: Organisation, actor: User) -> Assessment:
    indicator_set = current_set()
    if indicator_set is None:
        raise ValidationError(_("No indicator set is published yet; ask the platform staff."))
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    if (
        Assessment.objects.filter(organisation=organisation)
        .exclude(status=Assessment.Status.VALIDATED)
        .exists()
    ):
        raise ValidationError(
            _("%(organisation)s already has a benchmark in progress; finish that one first.")
            % {"organisation": organisation.name}
        )
    try:
        with transaction.atomic():
            return Assessment.objects.create(
                organisation=organisation, indicator_set=indicator_set, started_by=actor
            )
    except IntegrityError:  # a concurrent start won the race
        raise ValidationError(
            _("%(organisation)s already has a benchmark in progress; finish that one first.")
            % {"organisation": organisation.name}
        ) from None


def _indicator_of(assessment: Assessment, indicator_id: int) -> Indicator:
    indicator = Indicator.objects.filter(
        pk=indicator_id, dimension__indicator_set=assessment.indicator_set_id
    ).first()
    if indicator is None:
        raise ValidationError(_("This indicator is not part of the benchmark’s indicator set."))
    return indicator


@transaction.atomic
def save_answer(*, assessment: Assessment, indicator_id: int, raw: str, actor: User) -> Answer:
    """Save one answer (draft autosave); the rating is recomputed from the thresholds."""
    assessment = _locked(assessment)
    _require_editable(assessment)
    indicator = _indicator_of(assessment, indicator_id)
    value, number = clean_answer(indicator, raw)
    answer, _created = Answer.objects.update_or_create(
        assessment=assessment,
        indicator=indicator,
        defaults={
            "value": value,
            "number": number,
            "rating": rating_of(indicator, value, number),
            "answered_by": actor,
        },
    )
    assessment.save(update_fields=["updated_at"])
    return answer


@transaction.atomic
def save_answers(
    *, assessment: Assessment, raw_by_indicator: dict[int, str], actor: User
) -> list[Answer]:
    """Save several answers at once: all or none (the first error is reported)."""
    errors = []
    answers = []
    for indicator_id, raw in raw_by_indicator.items():
        try:
            answers.append(
                save_answer(assessment=assessment, indicator_id=indicator_id, raw=raw, actor=actor)
            )
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    return answers


@transaction.atomic
def save_improvement_areas(
    *, assessment: Assessment, areas: Sequence[str], actor: User
) -> Assessment:
    assessment = _locked(assessment)
    _require_editable(assessment)
    cleaned = [clean_improvement_area(a) for a in list(areas)[:3]] + ["", "", ""]
    (
        assessment.improvement_area_1,
        assessment.improvement_area_2,
        assessment.improvement_area_3,
    ) = cleaned[:3]
    assessment.save()
    return assessment


@transaction.atomic
def save_form(
    *,
    assessment: Assessment,
    raw_by_indicator: dict[int, str],
    areas: Sequence[str],
    actor: User,
) -> Assessment:
    """ "Save all" of the assessment page: the answers and the improvement areas together, all
    or nothing; every problem is reported, not only the first."""
    errors = []
    # Each step is atomic itself (a savepoint here), so a refused one can be caught and the
    # other still checked; raising at the end rolls back whatever did succeed.
    try:
        save_answers(assessment=assessment, raw_by_indicator=raw_by_indicator, actor=actor)
    except ValidationError as exc:
        errors.extend(exc.messages)
    try:
        assessment = save_improvement_areas(assessment=assessment, areas=areas, actor=actor)
    except ValidationError as exc:
        errors.extend(exc.messages)
    if errors:
        raise ValidationError(list(dict.fromkeys(errors)))  # "cannot be changed" only once
    return assessment


@transaction.atomic
def add_evidence(*, assessment: Assessment, indicator_id: int, upload, actor: User) -> Evidence:
    assessment = _locked(assessment)
    _require_editable(assessment)
    indicator = _indicator_of(assessment, indicator_id)
    validate_evidence_file(upload)
    answer, _created = Answer.objects.get_or_create(assessment=assessment, indicator=indicator)
    # The storage name is random (models.evidence_path); the original name is for display.
    return Evidence.objects.create(
        answer=answer, file=upload, name=Path(upload.name).name[:200], uploaded_by=actor
    )


def missing_for_submission(assessment: Assessment) -> list[str]:
    problems = []
    for dimension in dimensions_with_answers(assessment):
        for indicator in dimension.indicators.all():
            answer = indicator.answer
            if indicator.required and (answer is None or answer.value == ""):
                problems.append(
                    _("Answer “%(indicator)s”.") % {"indicator": indicator.display_name}
                )
            if indicator.evidence_required and (answer is None or not answer.evidence.all()):
                problems.append(
                    _("Attach evidence for “%(indicator)s”.")
                    % {"indicator": indicator.display_name}
                )
    return problems


@transaction.atomic
def submit_assessment(*, assessment: Assessment, actor: User) -> Assessment:
    assessment = _locked(assessment)
    _require_editable(assessment)
    problems = missing_for_submission(assessment)
    if problems:
        raise ValidationError(
            [
                ngettext(
                    "The benchmark cannot be submitted yet (%(count)d to do):",
                    "The benchmark cannot be submitted yet (%(count)d to do):",
                    len(problems),
                )
                % {"count": len(problems)},
                *problems,
            ]
        )
    assessment.status = Assessment.Status.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.save()
    assessors = User.objects.filter(assessor__active=True).exclude(
        memberships__organisation=assessment.organisation
    )
    notify(
        users=list(assessors),
        kind="benchmarking.submitted",
        params={"organisation": assessment.organisation.name},
        url=assessment.get_absolute_url(),
    )
    return assessment


def _require_submitted(assessment: Assessment) -> None:
    if assessment.status != Assessment.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted benchmark can be reviewed."))


@transaction.atomic
def comment_answer(
    *, assessment: Assessment, indicator_id: int, comment: str, assessor: User
) -> Answer:
    assessment = _locked(assessment)
    _require_assessor(assessment, assessor)
    _require_submitted(assessment)
    indicator = _indicator_of(assessment, indicator_id)
    comment = comment.strip()
    if len(comment) > 2000:
        raise ValidationError(
            _("A comment is at most %(limit)s characters.") % {"limit": _number(2000)}
        )
    answer, _created = Answer.objects.get_or_create(assessment=assessment, indicator=indicator)
    answer.assessor_comment = comment
    answer.commented_by = assessor
    answer.save(update_fields=["assessor_comment", "commented_by", "updated_at"])
    return answer


@transaction.atomic
def request_changes(*, assessment: Assessment, assessor: User, note: str) -> Assessment:
    assessment = _locked(assessment)
    _require_assessor(assessment, assessor)
    _require_submitted(assessment)
    note = note.strip()
    if not note:
        raise ValidationError(_("Say what should be changed."))
    validate_review_note(note)
    assessment.status = Assessment.Status.CHANGES_REQUESTED
    assessment.review_note = note
    assessment.save()
    audit.record(
        actor=assessor,
        action="benchmarking.changes_requested",
        obj=assessment,
        organisation=assessment.organisation_id,
        changes={"note": note},
    )
    notify(
        users=_org_admins(assessment.organisation),
        kind="benchmarking.changes_requested",
        params={"organisation": assessment.organisation.name, "note": note},
        url=assessment.get_absolute_url(),
    )
    return assessment


@transaction.atomic
def validate_assessment(
    *, assessment: Assessment, assessor: User, audited: bool = False, note: str = ""
) -> Assessment:
    """Validate, store the scores, and award Bronze (see services.labels)."""
    from clusterbridge.benchmarking.services.labels import award_bronze_on_validation

    assessment = _locked(assessment)
    _require_assessor(assessment, assessor)
    _require_submitted(assessment)
    validate_review_note(note.strip())
    scores = compute_scores(dimensions_with_answers(assessment))
    assessment.status = Assessment.Status.VALIDATED
    assessment.validated_on = timezone.localdate()
    assessment.validated_by = assessor
    assessment.validated_by_former = False
    assessment.audited = audited
    assessment.review_note = note.strip()
    assessment.overall_score = scores.overall
    assessment.dimension_scores = scores.dimensions
    assessment.save()
    audit.record(
        actor=assessor,
        action="benchmarking.validated",
        obj=assessment,
        organisation=assessment.organisation_id,
        changes={"overall_score": scores.overall, "audited": audited},
    )
    award_bronze_on_validation(assessment=assessment, actor=assessor)
    notify(
        users=_org_admins(assessment.organisation),
        kind="benchmarking.validated"
        if scores.overall is not None
        else "benchmarking.validated_without_score",
        params={"organisation": assessment.organisation.name, "score": scores.overall},
        url=assessment.get_absolute_url(),
    )
    return assessment


@transaction.atomic
def confirm_as_second_assessor(*, assessment: Assessment, assessor: User) -> Assessment:
    """A second assessor confirms a validated benchmark (needed for Gold)."""
    assessment = _locked(assessment)
    _require_assessor(assessment, assessor)
    if assessment.status != Assessment.Status.VALIDATED:
        raise ValidationError(_("A second assessor confirms a benchmark once it is validated."))
    if assessment.validated_by_id == assessor.pk:
        raise ValidationError(_("The second assessor must be another person than the first."))
    if assessment.has_second_assessor:
        raise ValidationError(_("A second assessor has already confirmed this benchmark."))
    assessment.second_assessor = assessor
    assessment.save()
    return assessment


REVIEW_ACTIONS = ("validate", "changes", "second")


@transaction.atomic
def review(
    *,
    assessment: Assessment,
    assessor: User,
    action: str,
    comments: dict[int, str],
    audited: bool = False,
    note: str = "",
) -> Assessment:
    """The assessor's review form in one transaction: the comments on answers, then validate,
    request changes or confirm as second assessor. If that last step is refused, the comments
    are not saved either (the assessor sees the form's error and sends it again)."""
    if action not in REVIEW_ACTIONS:
        raise ValidationError(_("Choose to validate or to request changes."))
    for indicator_id, comment in comments.items():
        if comment.strip():
            comment_answer(
                assessment=assessment, indicator_id=indicator_id, comment=comment, assessor=assessor
            )
    if action == "validate":
        return validate_assessment(
            assessment=assessment, assessor=assessor, audited=audited, note=note
        )
    if action == "changes":
        return request_changes(assessment=assessment, assessor=assessor, note=note)
    return confirm_as_second_assessor(assessment=assessment, assessor=assessor)
