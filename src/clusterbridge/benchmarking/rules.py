"""Object permissions for benchmarking, declared once (django-rules)."""

import rules

from clusterbridge.benchmarking.models import Assessment, Assessor
from clusterbridge.organisations.rules import is_org_admin, is_org_member


@rules.predicate
def is_assessor(user) -> bool:
    return user.is_authenticated and Assessor.objects.filter(user=user, active=True).exists()


@rules.predicate
def is_assessment_member(user, assessment) -> bool:
    return assessment is not None and is_org_member(user, assessment.organisation)


@rules.predicate
def is_assessment_admin(user, assessment) -> bool:
    return assessment is not None and is_org_admin(user, assessment.organisation)


@rules.predicate
def is_submitted_for_review(user, assessment) -> bool:
    """A draft is private to its organisation; assessors see a benchmark once it has been
    submitted for review (and afterwards: changes requested, validated)."""
    return assessment is not None and assessment.status != Assessment.Status.DRAFT


@rules.predicate
def is_assigned_assessor(user, assessment) -> bool:
    """The assessor who validated the benchmark or confirmed it as second assessor."""
    return (
        assessment is not None
        and user.is_authenticated
        and user.pk in (assessment.validated_by_id, assessment.second_assessor_id)
    )


@rules.predicate
def is_cluster(user, organisation) -> bool:
    return organisation is not None and organisation.kind == "cluster"


is_staff = rules.is_staff

rules.add_perm("benchmarking.start_assessment", is_org_admin & is_cluster)
rules.add_perm(
    "benchmarking.view_assessment",
    is_assessment_member
    | (is_assessor & (is_submitted_for_review | is_assigned_assessor))
    | is_staff,
)
rules.add_perm("benchmarking.edit_assessment", is_assessment_admin)
# Assessing one's own organisation is refused by the service with a clear message.
rules.add_perm("benchmarking.review_assessment", is_assessor & is_submitted_for_review)
rules.add_perm("benchmarking.award_label", is_assessment_admin | is_assessor | is_staff)
# Staff and assessors may withdraw a label; the service refuses an assessor who is a member
# of the label's organisation (as it refuses assessing one's own organisation).
rules.add_perm("benchmarking.withdraw_label", is_staff | is_assessor)
# Who decided what about an organisation's labels, and why (object: the organisation).
rules.add_perm("benchmarking.view_label_decisions", is_org_admin | is_assessor | is_staff)
rules.add_perm("benchmarking.assessor_queue", is_assessor)
rules.add_perm("benchmarking.list_assessments", is_org_member | is_staff)
