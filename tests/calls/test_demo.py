import pytest

from clusterbridge.calls import demo
from clusterbridge.calls.models import (
    Call,
    CallAgency,
    CallLevel,
    FundingDecision,
    Proposal,
    ProposalPartner,
    ProposalStatus,
    ReviewAssignment,
)
from clusterbridge.calls.queries.search import CALLS
from clusterbridge.demo.generator import generate_demo, remove_demo

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        list(
            Call.objects.order_by("slug").values_list(
                "slug", "level", "kind", "budget_eur", "is_joint"
            )
        )
        + list(
            Proposal.objects.order_by("title").values_list(
                "title", "status", "smes_involved", "activities"
            )
        )
        + sorted(
            Proposal.targeted_clusters.through.objects.values_list(
                "proposal__title", "organisation__name"
            )
        )
    )


def test_demo_calls_are_deterministic_and_labelled():
    generate_demo(organisations=150, seed=3)
    summary = demo.generate(seed=3)
    calls = Call.objects.all()
    assert calls.count() == 42
    assert all(c.is_demo for c in calls)
    assert set(calls.values_list("level", flat=True)) == set(CallLevel.values)
    joint = Call.objects.get(is_joint=True, next_deadline__isnull=False)
    agencies = CallAgency.objects.filter(call=joint).count()
    proposals = Proposal.objects.filter(call=joint)
    assert 2 <= agencies <= 5
    closed = Call.objects.get(is_joint=True, next_deadline__isnull=True)
    evaluated = Proposal.objects.filter(call=closed)
    assert summary == (
        f"Calls: 40 calls, one joint call with {agencies} agencies and "
        f"{proposals.count()} proposals, one closed joint call with {evaluated.count()} "
        "evaluated proposals."
    )
    # The closed call is evaluated and decided within every agency's budget.
    assert FundingDecision.objects.filter(call=closed).count() == 1
    assert evaluated.filter(status=ProposalStatus.FUNDED).exists()
    assert evaluated.filter(status=ProposalStatus.NOT_FUNDED).exists()
    assert not evaluated.filter(score__isnull=True).exists()
    assert ReviewAssignment.objects.filter(proposal__call=closed).count() == 2 * evaluated.count()
    requests = {
        a.pk: sum(
            p.grant_eur
            for p in ProposalPartner.objects.filter(
                agency=a, proposal__status=ProposalStatus.FUNDED
            )
        )
        for a in closed.agencies.all()
    }
    assert all(requests[a.pk] <= a.budget_eur for a in closed.agencies.all())
    # No reviewer belongs to the consortium they reviewed.
    for assignment in ReviewAssignment.objects.filter(proposal__call=closed).select_related(
        "proposal"
    ):
        consortium = {assignment.proposal.coordinator_id} | set(
            assignment.proposal.partners.values_list("organisation_id", flat=True)
        )
        assert (
            not set(assignment.reviewer.memberships.values_list("organisation_id", flat=True))
            & consortium
        )
    assert proposals.filter(status=ProposalStatus.SUBMITTED).exists()
    assert proposals.filter(status=ProposalStatus.DRAFT).exists()
    assert all(p.is_demo for p in proposals)
    # Each proposal targets other clusters than its consortium's, with SMEs and activities.
    for proposal in proposals.prefetch_related("targeted_clusters", "partners"):
        targeted = {o.pk for o in proposal.targeted_clusters.all()}
        consortium = {proposal.coordinator_id} | {
            p.organisation_id for p in proposal.partners.all()
        }
        assert targeted and not targeted & consortium
        assert 3 <= proposal.smes_involved < 40
        assert 2 <= len(proposal.activities) <= 4
        assert proposal.versions.count() == 1
    # The public list shows them, sorted by next deadline, open ones first.
    results, _facets = CALLS.run(CALLS.Query(deadline="open"))
    assert results.count() >= 1
    first = _snapshot()
    demo.generate(seed=3)  # again: the same rows, nothing doubled
    assert _snapshot() == first
    remove_demo()
    assert not Call.objects.exists()
    assert not Proposal.objects.exists()
