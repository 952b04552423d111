"""Benchmarking factories and helpers: a fully answered assessment in one call."""

from __future__ import annotations

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from clusterbridge.benchmarking.models import Assessor, Indicator
from clusterbridge.benchmarking.services import assessments as services
from clusterbridge.benchmarking.services.indicator_sets import ensure_default_set
from tests.factories import MembershipFactory, UserFactory

GOOD = {
    "number": "1000000",
    "percentage": "60",
    "yes_no": "yes",
    "text": "Our region",
    "date": "2010-05-01",
}


class AssessorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessor

    user = factory.SubFactory(UserFactory)


def good_value(indicator: Indicator) -> str:
    if indicator.answer_type == "choice":
        return next(c["value"] for c in indicator.choices if c["rating"] == "green")
    if indicator.code == "public-dependence":  # lower is better
        return "10"
    if indicator.answer_type == "number" and indicator.max_value is not None:
        return f"{min(indicator.max_value, max(indicator.green_at or 0, 1) * 2):g}"
    return GOOD[indicator.answer_type]


def answered_assessment(organisation, admin, *, evidence=True, values=None):
    """An assessment with every indicator answered (green unless `values` says otherwise)."""
    indicator_set = ensure_default_set()
    assessment = services.start_assessment(organisation=organisation, actor=admin)
    values = values or {}
    indicators = Indicator.objects.filter(dimension__indicator_set=indicator_set)
    services.save_answers(
        assessment=assessment,
        raw_by_indicator={i.pk: values.get(i.code, good_value(i)) for i in indicators},
        actor=admin,
    )
    if evidence:
        for indicator in indicators:
            if indicator.evidence_required or indicator.quality:
                services.add_evidence(
                    assessment=assessment,
                    indicator_id=indicator.pk,
                    upload=SimpleUploadedFile("proof.pdf", b"%PDF-1.4 proof"),
                    actor=admin,
                )
    services.save_improvement_areas(
        assessment=assessment, areas=["Services", "Financing", "Internationalisation"], actor=admin
    )
    return assessment


def admin_of(organisation):
    return MembershipFactory(organisation=organisation).user


def submitted_assessment(organisation, admin=None):
    """A fully answered benchmark in the review queue (evidence skipped: the status is set)."""
    from clusterbridge.benchmarking.models import Assessment

    assessment = answered_assessment(organisation, admin or admin_of(organisation), evidence=False)
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.SUBMITTED)
    assessment.refresh_from_db()
    return assessment


def validated_assessment(organisation, admin=None, assessor=None):
    """A validated benchmark; validation awards the organisation a Bronze label."""
    assessment = submitted_assessment(organisation, admin)
    return services.validate_assessment(
        assessment=assessment, assessor=assessor or AssessorFactory().user
    )
