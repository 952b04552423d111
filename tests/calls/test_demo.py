import pytest

from clusterbridge.calls import demo
from clusterbridge.calls.models import Call, CallAgency, CallLevel, Proposal, ProposalStatus
from clusterbridge.calls.queries.search import CALLS
from clusterbridge.demo.generator import generate_demo, remove_demo

pytestmark = pytest.mark.django_db


def _snapshot():
    return list(
        Call.objects.order_by("slug").values_list("slug", "level", "kind", "budget_eur", "is_joint")
    ) + list(Proposal.objects.order_by("title").values_list("title", "status"))


def test_demo_calls_are_deterministic_and_labelled():
    generate_demo(organisations=150, seed=3)
    summary = demo.generate(seed=3)
    calls = Call.objects.all()
    assert calls.count() == 41
    assert all(c.is_demo for c in calls)
    assert set(calls.values_list("level", flat=True)) == set(CallLevel.values)
    joint = Call.objects.get(is_joint=True)
    agencies = CallAgency.objects.filter(call=joint).count()
    proposals = Proposal.objects.filter(call=joint)
    assert 2 <= agencies <= 5
    assert summary == (
        f"Calls: 40 calls, one joint call with {agencies} agencies and "
        f"{proposals.count()} proposals."
    )
    assert proposals.filter(status=ProposalStatus.SUBMITTED).exists()
    assert proposals.filter(status=ProposalStatus.DRAFT).exists()
    assert all(p.is_demo for p in proposals)
    # The public list shows them, sorted by next deadline, open ones first.
    results, _facets = CALLS.run(CALLS.Query(deadline="open"))
    assert results.count() >= 1
    first = _snapshot()
    demo.generate(seed=3)  # again: the same rows, nothing doubled
    assert _snapshot() == first
    remove_demo()
    assert not Call.objects.exists()
    assert not Proposal.objects.exists()
