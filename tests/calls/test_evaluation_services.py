"""Evaluation of joint-call proposals through the services: criteria, reviewers and their
conflicts of interest, reviews, consensus, the funding decision within the agencies' budgets,
permissions, and nothing written on bad input."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from clusterbridge.calls.models import (
    DecisionReason,
    FundingDecision,
    Proposal,
    ProposalStatus,
    ReviewAssignment,
    ReviewScore,
    ReviewState,
)
from clusterbridge.calls.services import evaluation as services
from clusterbridge.calls.services import proposals as proposal_services
from clusterbridge.common.models import AuditEntry
from clusterbridge.notifications.models import Notification
from tests.calls.evaluation_setup import consensus as _consensus
from tests.calls.evaluation_setup import new_reviewer as _reviewer
from tests.calls.evaluation_setup import review as _review
from tests.calls.factories import admin_of, posted
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


# --- Criteria -----------------------------------------------------------------------------------


def test_criteria_are_numbered_and_checked(setting, staff):
    excellence, impact = setting["criteria"]
    assert [(c.number, c.name, c.weight, c.max_score) for c in (excellence, impact)] == [
        (1, "Excellence", Decimal(60), 5),
        (2, "Impact", Decimal(40), 10),
    ]
    for weight, max_score, message in [
        (Decimal(0), 5, "The weight is a number above 0 and at most 100."),
        (Decimal(20), 0, "The highest score is a whole number from 1 to 100."),
    ]:
        with pytest.raises(ValidationError) as exc:
            services.add_criterion(
                actor=staff, call=setting["call"], name="X", weight=weight, max_score=max_score
            )
        assert exc.value.messages == [message]
    assert setting["call"].criteria.count() == 2


def test_criteria_only_on_joint_calls_and_by_the_poster(setting, staff):
    with pytest.raises(ValidationError) as exc:
        services.add_criterion(actor=staff, call=posted(actor=staff), name="X", weight=Decimal(1))
    assert exc.value.messages == ["Only joint calls are evaluated here."]
    with pytest.raises(PermissionDenied):
        services.add_criterion(
            actor=setting["officer"], call=setting["call"], name="X", weight=Decimal(1)
        )


def test_criteria_are_fixed_once_a_review_is_submitted(setting, staff):
    _review(setting, setting["proposals"][0], (4, 8))
    with pytest.raises(ValidationError) as exc:
        services.add_criterion(actor=staff, call=setting["call"], name="Late", weight=Decimal(5))
    assert exc.value.messages == ["The evaluation has started: the criteria can no longer change."]
    with pytest.raises(ValidationError):
        services.remove_criterion(actor=staff, criterion=setting["criteria"][0])
    assert setting["call"].criteria.count() == 2


# --- Reviewers and conflicts of interest ----------------------------------------------------------


def test_assigning_a_reviewer_notifies_them(setting):
    reviewer = _reviewer()
    proposal = setting["proposals"][0]
    assignment = services.assign_reviewer(
        actor=setting["officer"], proposal=proposal, reviewer=reviewer
    )
    assert (assignment.state, assignment.assigned_by) == (ReviewState.ASSIGNED, setting["officer"])
    note = Notification.objects.get(user=reviewer)
    assert (note.kind, note.params["proposal"], note.url) == (
        "calls.review_assigned",
        "Proposal 0",
        f"/calls/reviews/{assignment.pk}/",
    )
    assert AuditEntry.objects.filter(action="calls.reviewer_assigned").count() == 1


def test_a_person_of_the_consortium_cannot_review(setting):
    proposal = setting["proposals"][0]
    insider = MembershipFactory(organisation=proposal.coordinator, user__name="Ines").user
    with pytest.raises(ValidationError) as exc:
        services.assign_reviewer(actor=setting["officer"], proposal=proposal, reviewer=insider)
    assert exc.value.messages == [
        "Ines cannot review this proposal: they belong to Cluster 0, an organisation of the "
        "consortium."
    ]
    assert not ReviewAssignment.objects.exists()


def test_same_country_agency_people_are_excluded_only_when_the_call_says_so(setting):
    call = setting["call"]
    proposal = setting["proposals"][0]
    french_officer = MembershipFactory(
        organisation=setting["fr"].organisation, user__name="Fa"
    ).user
    german_officer = MembershipFactory(organisation=setting["de"].organisation).user
    services.assign_reviewer(actor=setting["officer"], proposal=proposal, reviewer=french_officer)
    call.exclude_same_country_reviewers = True
    call.save()
    proposal = Proposal.objects.select_related("call").get(pk=proposal.pk)
    services.assign_reviewer(actor=setting["officer"], proposal=proposal, reviewer=german_officer)
    other = setting["proposals"][1]
    other = Proposal.objects.select_related("call").get(pk=other.pk)
    with pytest.raises(ValidationError) as exc:
        services.assign_reviewer(actor=setting["officer"], proposal=other, reviewer=french_officer)
    assert exc.value.messages == [
        "Fa cannot review this proposal: they belong to Agence FR, the call's agency of a "
        "consortium partner's country, and the call excludes such reviewers."
    ]


def test_assignment_is_refused_twice_for_drafts_and_for_outsiders(setting):
    reviewer = _reviewer()
    proposal = setting["proposals"][0]
    services.assign_reviewer(actor=setting["officer"], proposal=proposal, reviewer=reviewer)
    with pytest.raises(ValidationError) as exc:
        services.assign_reviewer(actor=setting["officer"], proposal=proposal, reviewer=reviewer)
    assert exc.value.messages == [f"{reviewer} is already a reviewer of this proposal."]
    cluster = OrganisationFactory(kind="cluster", country="FR")
    draft = proposal_services.start_proposal(
        actor=admin_of(cluster), call=setting["call"], coordinator=cluster, title="Draft"
    )
    with pytest.raises(ValidationError) as exc:
        services.assign_reviewer(actor=setting["officer"], proposal=draft, reviewer=reviewer)
    assert exc.value.messages == ["Only submitted proposals are reviewed."]
    with pytest.raises(PermissionDenied):
        services.assign_reviewer(actor=UserFactory(), proposal=proposal, reviewer=_reviewer())
    assert ReviewAssignment.objects.count() == 1


def test_declaring_a_conflict_declines_and_tells_the_assigner(setting):
    reviewer = _reviewer(name="Other Org")
    proposal = setting["proposals"][0]
    assignment = services.assign_reviewer(
        actor=setting["officer"], proposal=proposal, reviewer=reviewer
    )
    assert not reviewer.has_perm("calls.view_proposal", proposal)
    with pytest.raises(ValidationError) as exc:
        services.declare_interest(actor=reviewer, assignment=assignment, has_conflict=True)
    assert exc.value.messages == ["Say briefly what the conflict of interest is."]
    services.declare_interest(
        actor=reviewer, assignment=assignment, has_conflict=True, note="Former employer."
    )
    assignment.refresh_from_db()
    assert (assignment.state, assignment.conflict_note) == (
        ReviewState.DECLINED,
        "Former employer.",
    )
    assert Notification.objects.get(user=setting["officer"]).kind == "calls.review_declined"
    assert not reviewer.has_perm("calls.view_proposal", proposal)
    with pytest.raises(PermissionDenied):
        services.save_review(actor=reviewer, assignment=assignment, sheet={}, submit=False)


def test_no_conflict_opens_the_proposal_to_the_reviewer(setting):
    reviewer = _reviewer()
    proposal = setting["proposals"][0]
    assignment = services.assign_reviewer(
        actor=setting["officer"], proposal=proposal, reviewer=reviewer
    )
    services.declare_interest(actor=reviewer, assignment=assignment, has_conflict=False)
    assert reviewer.has_perm("calls.view_proposal", proposal)
    with pytest.raises(ValidationError) as exc:
        services.declare_interest(actor=reviewer, assignment=assignment, has_conflict=False)
    assert exc.value.messages == ["You have already made your declaration."]
    with pytest.raises(PermissionDenied):
        services.declare_interest(actor=UserFactory(), assignment=assignment, has_conflict=False)


# --- Reviews ------------------------------------------------------------------------------------


def test_a_review_is_a_draft_until_submitted_complete(setting):
    reviewer = _reviewer()
    excellence, impact = setting["criteria"]
    assignment = services.assign_reviewer(
        actor=setting["officer"], proposal=setting["proposals"][0], reviewer=reviewer
    )
    with pytest.raises(ValidationError) as exc:
        services.save_review(actor=reviewer, assignment=assignment, sheet={}, submit=False)
    assert exc.value.messages == ["Declare first whether you have a conflict of interest."]
    services.declare_interest(actor=reviewer, assignment=assignment, has_conflict=False)
    services.save_review(
        actor=reviewer, assignment=assignment, sheet={excellence.pk: (Decimal("3.5"), "ok")}
    )
    assert list(ReviewScore.objects.values_list("score", "comment")) == [(Decimal("3.5"), "ok")]
    with pytest.raises(ValidationError) as exc:
        services.save_review(
            actor=reviewer,
            assignment=assignment,
            sheet={excellence.pk: (Decimal(4), "")},
            submit=True,
        )
    assert exc.value.messages == ["Score every criterion: Impact."]
    services.save_review(
        actor=reviewer,
        assignment=assignment,
        sheet={excellence.pk: (Decimal(4), ""), impact.pk: (Decimal(9), "")},
        comment="Good",
        submit=True,
    )
    assignment.refresh_from_db()
    assert assignment.state == ReviewState.SUBMITTED
    assert assignment.submitted_at is not None
    with pytest.raises(PermissionDenied):
        services.remove_reviewer(actor=UserFactory(), assignment=assignment)
    with pytest.raises(ValidationError) as exc:
        services.save_review(actor=reviewer, assignment=assignment, sheet={}, submit=False)
    assert exc.value.messages == ["The review is “Submitted”: it can no longer be changed."]


@pytest.mark.parametrize("score", [Decimal("5.5"), Decimal("-1"), Decimal("2.25")])
def test_scores_outside_the_scale_write_nothing(setting, score):
    reviewer = _reviewer()
    excellence, _impact = setting["criteria"]
    assignment = services.assign_reviewer(
        actor=setting["officer"], proposal=setting["proposals"][0], reviewer=reviewer
    )
    services.declare_interest(actor=reviewer, assignment=assignment, has_conflict=False)
    with pytest.raises(ValidationError) as exc:
        services.save_review(
            actor=reviewer, assignment=assignment, sheet={excellence.pk: (score, "")}
        )
    assert exc.value.messages == ["The score of “Excellence” is from 0 to 5, in steps of 0.5."]
    assert not ReviewScore.objects.exists()


def test_a_reviewer_who_joins_the_consortium_can_no_longer_review(setting):
    reviewer = _reviewer()
    proposal = setting["proposals"][0]
    assignment = services.assign_reviewer(
        actor=setting["officer"], proposal=proposal, reviewer=reviewer
    )
    services.declare_interest(actor=reviewer, assignment=assignment, has_conflict=False)
    MembershipFactory(organisation=proposal.coordinator, user=reviewer)
    with pytest.raises(ValidationError) as exc:
        services.save_review(actor=reviewer, assignment=assignment, sheet={})
    assert exc.value.messages == [
        f"{reviewer} cannot review this proposal: they belong to Cluster 0, an organisation of "
        "the consortium."
    ]


# --- Consensus and decision -------------------------------------------------------------------------


def test_the_consensus_needs_a_submitted_review_and_gives_the_weighted_score(setting):
    proposal = setting["proposals"][0]
    with pytest.raises(ValidationError) as exc:
        _consensus(setting, proposal, (4, 8))
    assert exc.value.messages == ["The consensus needs at least one submitted review."]
    _review(setting, proposal, (4, 8))
    proposal = _consensus(setting, proposal, (Decimal("4.5"), 7))
    # 60 × 4.5/5 + 40 × 7/10 = 54 + 28
    assert (proposal.score, proposal.evaluation_summary) == (
        Decimal("82.00"),
        "Summary of Proposal 0.",
    )
    assert proposal.consensus_by == setting["officer"]


def _evaluate_all(setting, scores):
    for proposal, pair in zip(setting["proposals"], scores, strict=True):
        _review(setting, proposal, pair)
        _consensus(setting, proposal, pair)


def test_the_decision_funds_the_best_proposals_within_the_budgets(setting, staff):
    call = setting["call"]
    # Scores 60 × e/5 + 40 × i/10: 88, 64, 76, 52.
    _evaluate_all(setting, [(5, 7), (3, 7), (4, 7), (2, 7)])
    later = timezone.now() + timedelta(days=40)
    with pytest.raises(ValidationError) as exc:
        services.decide_funding(actor=staff, call=call)
    assert exc.value.messages == ["The funding is decided after the submission deadline."]
    with pytest.raises(PermissionDenied):
        services.decide_funding(actor=setting["officer"], call=call, now=later)
    decision = services.decide_funding(actor=staff, call=call, now=later)
    rows = list(
        Proposal.objects.filter(call=call)
        .order_by("rank")
        .values_list("title", "rank", "status", "decision_reason")
    )
    assert rows == [
        ("Proposal 0", 1, ProposalStatus.FUNDED, DecisionReason.FUNDED),
        ("Proposal 2", 2, ProposalStatus.FUNDED, DecisionReason.FUNDED),
        ("Proposal 1", 3, ProposalStatus.FUNDED, DecisionReason.FUNDED),
        ("Proposal 3", 4, ProposalStatus.NOT_FUNDED, DecisionReason.NOT_SELECTED),
    ]
    assert (decision.total_score, decision.optimal, decision.decided_by) == (
        Decimal("228.00"),
        True,
        staff,
    )
    applicant_notes = Notification.objects.filter(kind="calls.funding_decided")
    assert applicant_notes.count() == 4
    last = applicant_notes.get(params__proposal="Proposal 3")
    assert (last.params["result"], last.params["rank"], last.params["count"]) == (
        "not_funded",
        4,
        4,
    )
    with pytest.raises(ValidationError) as exc:
        services.decide_funding(actor=staff, call=call, now=later)
    assert exc.value.messages == ["The funding of this call is decided: the evaluation is closed."]
    assert FundingDecision.objects.count() == 1


def test_the_threshold_and_the_missing_consensus(setting, staff):
    call = setting["call"]
    later = timezone.now() + timedelta(days=40)
    _review(setting, setting["proposals"][0], (5, 7))
    with pytest.raises(ValidationError) as exc:
        services.decide_funding(actor=staff, call=call, now=later)
    assert exc.value.messages == [
        "Agree the consensus of every proposal first; still missing: Proposal 0, Proposal 1, "
        "Proposal 2, Proposal 3."
    ]
    _consensus(setting, setting["proposals"][0], (5, 7))
    for proposal in setting["proposals"][1:]:
        _review(setting, proposal, (1, 1))
        _consensus(setting, proposal, (1, 1))
    services.decide_funding(actor=staff, call=call, min_score=Decimal(50), now=later)
    reasons = dict(Proposal.objects.filter(call=call).values_list("title", "decision_reason"))
    assert reasons == {
        "Proposal 0": DecisionReason.FUNDED,
        "Proposal 1": DecisionReason.BELOW_THRESHOLD,
        "Proposal 2": DecisionReason.BELOW_THRESHOLD,
        "Proposal 3": DecisionReason.BELOW_THRESHOLD,
    }
    ranks = list(Proposal.objects.filter(call=call).order_by("id").values_list("rank", flat=True))
    assert ranks == [1, 2, 2, 2]
