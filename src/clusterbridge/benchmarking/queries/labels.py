"""Label read side: facts for the rules, the public list of labelled organisations."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from clusterbridge.benchmarking.models import Answer, Assessment, Indicator, Label, LabelDecision
from clusterbridge.indicators.labels import AssessmentFacts, QualityAnswer


def assessment_facts(assessment: Assessment) -> AssessmentFacts:
    answers = (
        Answer.objects.filter(assessment=assessment)
        .select_related("indicator")
        .prefetch_related("evidence")
    )
    by_indicator = {a.indicator_id: a for a in answers}
    quality, red_minimum = [], []
    for indicator in Indicator.objects.filter(dimension__indicator_set=assessment.indicator_set_id):
        answer = by_indicator.get(indicator.pk)
        if indicator.quality:
            quality.append(
                QualityAnswer(
                    code=indicator.code,
                    answered=bool(answer and answer.value),
                    has_evidence=bool(answer and answer.evidence.all()),
                )
            )
        if indicator.minimum_requirement and answer and answer.rating == "red":
            red_minimum.append(indicator.name)
    # Validator and second assessor are different people (services.assessments); an assessor
    # whose account was deleted still counts (benchmarking.privacy.erase).
    assessor_count = int(assessment.has_validator) + int(assessment.has_second_assessor)
    return AssessmentFacts(
        validated_on=assessment.validated_on
        if assessment.status == Assessment.Status.VALIDATED
        else None,
        overall_score=assessment.overall_score,
        improvement_areas=assessment.improvement_areas,
        audited=assessment.audited,
        assessor_count=assessor_count,
        red_minimum_requirements=red_minimum,
        quality_answers=quality,
    )


def previous_validated_on(assessment: Assessment) -> datetime.date | None:
    """The organisation's previous validated benchmark, which a Silver benchmark repeats."""
    return (
        Assessment.objects.filter(
            organisation=assessment.organisation_id, status=Assessment.Status.VALIDATED
        )
        .exclude(pk=assessment.pk)
        .filter(validated_on__lt=assessment.validated_on or datetime.date.max)
        .order_by("-validated_on")
        .values_list("validated_on", flat=True)
        .first()
    )


def current_labels(today: datetime.date) -> QuerySet[Label]:
    """Labels valid today on published organisations."""
    return Label.objects.filter(
        status=Label.Status.ACTIVE,
        valid_from__lte=today,
        valid_until__gte=today,
        organisation__status="published",
    )


def public_labels(
    *, today: datetime.date, levels=(), countries=(), text: str = ""
) -> QuerySet[Label]:
    queryset = current_labels(today).select_related("organisation")
    if levels:
        queryset = queryset.filter(level__in=levels)
    if countries:
        queryset = queryset.filter(organisation__country__in=countries)
    if text:
        queryset = queryset.filter(
            Q(organisation__name__icontains=text) | Q(organisation__acronym__icontains=text)
        )
    return queryset.order_by("organisation__name", "id")


def current_label_of(organisation, today: datetime.date) -> Label | None:
    return current_labels(today).filter(organisation=organisation).first()


def decision_history(organisation) -> QuerySet[LabelDecision]:
    """Every label decision about the organisation, newest first, with who decided (one query)."""
    return (
        LabelDecision.objects.filter(organisation=organisation)
        .select_related("decided_by")
        .order_by("-decided_at", "-id")
    )


def active_label_of(organisation) -> Label | None:
    """The organisation's active label (the one that can be withdrawn), even if past its date."""
    return Label.objects.filter(organisation=organisation, status=Label.Status.ACTIVE).first()
