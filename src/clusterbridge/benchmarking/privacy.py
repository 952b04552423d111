"""Personal data of the benchmarking app (see clusterbridge.common.privacy).

Benchmarks, their answers, evidence and labels belong to the organisation, not to the people
who worked on them: they stay when an account is deleted. What happens to the person's traces:

* The assessor role (``Assessor``) goes with the user row (``on_delete=CASCADE``).
* Who started a benchmark, saved an answer, uploaded evidence or wrote an assessor comment is
  dropped (``SET_NULL``); the benchmark, the answer, the file and the comment stay.
* A validation or second-assessor confirmation keeps the *fact* that an assessor took part
  (``Assessment.validated_by_former`` / ``second_assessor_former``), because the Gold label
  needs two assessors and an old benchmark must not lose its eligibility when one leaves.
* A label decision keeps who decided only as a role ("a former assessor", "a former staff
  member", "a former member of the organisation", in ``LabelDecision.decided_by_former``): the
  decision history is the organisation's record of why it holds a label, and an empty
  ``decided_by`` alone would read as a decision of the platform (such as an expiry).

No foreign key to the user is ``PROTECT``, so deleting the row never fails on benchmarking data.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q

from clusterbridge.benchmarking.models import (
    Answer,
    Assessment,
    Assessor,
    Evidence,
    LabelDecision,
)


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _assessment(a: Assessment) -> dict[str, Any]:
    return {
        "id": a.pk,
        "organisation": a.organisation.name,
        "status": a.status,
        "indicator_set_version": a.indicator_set.version,
        "created_at": _iso(a.created_at),
        "submitted_at": _iso(a.submitted_at),
        "validated_on": _iso(a.validated_on),
    }


def export(user) -> dict[str, Any]:
    assessments = Assessment.objects.select_related("organisation", "indicator_set").order_by(
        "created_at", "id"
    )
    answers = Answer.objects.select_related("assessment__organisation", "indicator").order_by(
        "assessment_id", "indicator__code", "id"
    )
    assessor = Assessor.objects.filter(user=user).first()
    return {
        "assessor_role": {
            "active": assessor.active,
            "since": _iso(assessor.created_at),
        }
        if assessor
        else None,
        "assessments_started": [_assessment(a) for a in assessments.filter(started_by=user)],
        "answers_saved": [
            {
                "assessment": a.assessment_id,
                "organisation": a.assessment.organisation.name,
                "indicator": a.indicator.code,
                "question": a.indicator.name,
                "value": a.value,
                "saved_at": _iso(a.updated_at),
            }
            for a in answers.filter(answered_by=user)
        ],
        "evidence_uploaded": [
            {
                "assessment": e.answer.assessment_id,
                "organisation": e.answer.assessment.organisation.name,
                "indicator": e.answer.indicator.code,
                "file_name": e.name,
                "uploaded_at": _iso(e.created_at),
            }
            for e in Evidence.objects.filter(uploaded_by=user)
            .select_related("answer__assessment__organisation", "answer__indicator")
            .order_by("created_at", "id")
        ],
        "assessments_assessed": [
            {
                **_assessment(a),
                "role": "validated" if a.validated_by_id == user.pk else "second assessor",
                "audited": a.audited,
                "review_note": a.review_note,
            }
            for a in assessments.filter(Q(validated_by=user) | Q(second_assessor=user))
        ],
        "assessor_comments": [
            {
                "assessment": a.assessment_id,
                "organisation": a.assessment.organisation.name,
                "indicator": a.indicator.code,
                "comment": a.assessor_comment,
                "at": _iso(a.updated_at),
            }
            for a in answers.filter(commented_by=user)
        ],
        "label_decisions": [
            {
                "organisation": d.organisation.name,
                "kind": d.kind,
                "level": d.level,
                "reason": d.reason,
                "decided_at": _iso(d.decided_at),
            }
            for d in LabelDecision.objects.filter(decided_by=user)
            .select_related("organisation")
            .order_by("decided_at", "id")
        ],
    }


def former_role(user) -> str:
    """How a deleted person's decisions are signed: by the role, not the name."""
    if Assessor.objects.filter(user=user).exists():
        return "a former assessor"
    if user.is_staff:
        return "a former staff member"
    return "a former member of the organisation"


@transaction.atomic
def erase(user) -> None:
    """Keep, without the person, what the organisation's record needs (see the module text)."""
    role = former_role(user)
    # Bronze awarded on validation used to be explained "… validated on <date> by <name>.".
    signed = f" by {user}."
    for decision in LabelDecision.objects.filter(decided_by=user, reason__endswith=signed):
        decision.reason = decision.reason.removesuffix(signed) + f" by {role}."
        decision.save(update_fields=["reason"])
    LabelDecision.objects.filter(decided_by=user).update(decided_by=None, decided_by_former=role)
    Assessment.objects.filter(validated_by=user).update(validated_by=None, validated_by_former=True)
    Assessment.objects.filter(second_assessor=user).update(
        second_assessor=None, second_assessor_former=True
    )
