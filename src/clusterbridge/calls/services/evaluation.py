"""Evaluation of joint-call proposals and the funding decision: the one write path.

The poster sets the call's criteria (fixed once the evaluation has started); the agencies'
people assign reviewers to submitted proposals — never a person of the consortium, nor, when
the call says so, of the agency of a partner's country (``callrules.evaluation.conflicts``,
checked at assignment and again at each review). A reviewer declares a conflict of interest
(the assignment is then declined) or its absence, scores every criterion and submits (final).
The agencies agree a consensus score per criterion and a summary for the applicants; the
poster then decides the funding once, for the whole call, with ``callrules.funding.decide``
within every agency's budget, and the applicants are told the result.

State of a review: ``TRANSITIONS``; of a proposal: ``proposals.TRANSITIONS``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterbridge.callrules import funding, rank, weighted_score
from clusterbridge.calls import validators, wording
from clusterbridge.calls.models import (
    Call,
    ConsensusScore,
    DecisionReason,
    EvaluationCriterion,
    FundingDecision,
    FundingObjective,
    Proposal,
    ProposalStatus,
    ReviewAssignment,
    ReviewScore,
    ReviewState,
)
from clusterbridge.calls.queries import evaluation as queries
from clusterbridge.calls.queries import joint
from clusterbridge.calls.services.proposals import move_proposal
from clusterbridge.common import audit
from clusterbridge.common.permissions import require
from clusterbridge.notifications.services.notify import notify
from clusterbridge.organisations.queries import memberships

TRANSITIONS = {
    ReviewState.ASSIGNED: {ReviewState.DECLINED, ReviewState.SUBMITTED},
    ReviewState.DECLINED: set(),
    ReviewState.SUBMITTED: set(),
}

# Score sheets: criterion id -> (score, comment).
Sheet = Mapping[int, tuple[Decimal | None, str]]


def _move_review(assignment: ReviewAssignment, state: str) -> None:
    if state not in TRANSITIONS[ReviewState(assignment.state)]:
        raise ValidationError(
            _("A review that is “{current}” cannot become “{new}”.").format(
                current=assignment.get_state_display(), new=ReviewState(state).label
            ),
            code="transition",
        )
    assignment.state = state


def _require_not_decided(call: Call) -> None:
    if FundingDecision.objects.filter(call_id=call.pk).exists():
        raise ValidationError(
            _("The funding of this call is decided: the evaluation is closed."), code="decided"
        )


def _require_criteria_open(call: Call) -> None:
    if queries.evaluation_started(call):
        raise ValidationError(
            _("The evaluation has started: the criteria can no longer change."),
            code="evaluation_started",
        )


# --- Criteria ---------------------------------------------------------------------------------


def add_criterion(
    *,
    actor,
    call: Call,
    name: str,
    weight: Decimal,
    max_score: int = 5,
    description: str = "",
) -> EvaluationCriterion:
    require(actor, "calls.change_call", call, message=_("You cannot change this call."))
    if not call.is_joint:
        raise ValidationError(_("Only joint calls are evaluated here."), code="not_joint")
    validators.validate_required_text(name, _("The criterion"))
    validators.validate_title(name)
    validators.validate_summary(description)
    validators.validate_weight(weight)
    validators.validate_max_score(max_score)
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        _require_criteria_open(call)
        existing = queries.criteria_of(call)
        if len(existing) >= validators.MAX_CRITERIA:
            raise ValidationError(
                _("A call has at most {limit} criteria.").format(limit=validators.MAX_CRITERIA),
                code="too_many",
            )
        criterion = EvaluationCriterion.objects.create(
            call=call,
            number=max((c.number for c in existing), default=0) + 1,
            name=name.strip(),
            description=description.strip(),
            weight=weight,
            max_score=max_score,
        )
        audit.record(
            actor=actor,
            action="calls.criterion_added",
            obj=call,
            organisation=call.organisation_id,
            changes={"criterion": criterion.name, "weight": str(weight), "max": max_score},
        )
    return criterion


def remove_criterion(*, actor, criterion: EvaluationCriterion) -> None:
    call = criterion.call
    require(actor, "calls.change_call", call, message=_("You cannot change this call."))
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        _require_criteria_open(call)
        EvaluationCriterion.objects.filter(pk=criterion.pk).delete()
        audit.record(
            actor=actor,
            action="calls.criterion_removed",
            obj=call,
            organisation=call.organisation_id,
            changes={"criterion": criterion.name},
        )


# --- Reviewers --------------------------------------------------------------------------------


def _require_no_conflict(user, proposal: Proposal, *, who: str) -> None:
    found = queries.conflicts_of(user, proposal)
    if found:
        raise ValidationError(
            [wording.conflict(code, organisation.name, who=who) for code, organisation in found],
            code="conflict",
        )


def assign_reviewer(
    *, actor, proposal: Proposal, reviewer, now: datetime | None = None
) -> ReviewAssignment:
    call = proposal.call
    require(
        actor,
        "calls.manage_evaluation",
        call,
        message=_("Reviewers are assigned by the people of the call's agencies."),
    )
    if reviewer is None or not reviewer.is_active:
        raise ValidationError(_("This person has no active account."), code="reviewer")
    if proposal.status == ProposalStatus.DRAFT:
        raise ValidationError(_("Only submitted proposals are reviewed."), code="not_submitted")
    if not queries.criteria_of(call):
        raise ValidationError(
            _("The call has no evaluation criteria yet: its poster sets them first."),
            code="no_criteria",
        )
    _require_no_conflict(reviewer, proposal, who=str(reviewer))
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().select_related("call").get(pk=proposal.pk)
        _require_not_decided(proposal.call)
        if ReviewAssignment.objects.filter(proposal=proposal, reviewer=reviewer).exists():
            raise ValidationError(
                _("{name} is already a reviewer of this proposal.").format(name=str(reviewer)),
                code="duplicate",
            )
        assignment = ReviewAssignment.objects.create(
            proposal=proposal, reviewer=reviewer, assigned_by=actor
        )
        audit.record(
            actor=actor,
            action="calls.reviewer_assigned",
            obj=proposal,
            organisation=proposal.coordinator_id,
            changes={"reviewer": str(reviewer)},
        )
        notify(
            users=[reviewer],
            kind="calls.review_assigned",
            params={"proposal": proposal.title, "call": proposal.call.title},
            url=assignment_url(assignment),
        )
    return assignment


def assignment_url(assignment: ReviewAssignment) -> str:
    return reverse("calls:review", kwargs={"pk": assignment.pk})


def remove_reviewer(*, actor, assignment: ReviewAssignment) -> None:
    proposal = assignment.proposal
    require(
        actor,
        "calls.manage_evaluation",
        proposal.call,
        message=_("Reviewers are assigned by the people of the call's agencies."),
    )
    with transaction.atomic():
        assignment = ReviewAssignment.objects.select_for_update().get(pk=assignment.pk)
        if assignment.state == ReviewState.SUBMITTED:
            raise ValidationError(
                _("A submitted review stays part of the evaluation."), code="submitted"
            )
        assignment.delete()
        audit.record(
            actor=actor,
            action="calls.reviewer_removed",
            obj=proposal,
            organisation=proposal.coordinator_id,
            changes={"reviewer": str(assignment.reviewer)},
        )


def _locked_assignment(assignment: ReviewAssignment) -> ReviewAssignment:
    return (
        ReviewAssignment.objects.select_for_update()
        .select_related("proposal__call", "reviewer")
        .get(pk=assignment.pk)
    )


def declare_interest(
    *,
    actor,
    assignment: ReviewAssignment,
    has_conflict: bool,
    note: str = "",
    now: datetime | None = None,
) -> ReviewAssignment:
    """The reviewer's declaration: a conflict declines the assignment (the agencies are told);
    no conflict opens the proposal to them."""
    require(actor, "calls.review", assignment, message=_("This review is not yours."))
    validators.validate_summary(note)
    now = now or timezone.now()
    with transaction.atomic():
        assignment = _locked_assignment(assignment)
        proposal = assignment.proposal
        _require_not_decided(proposal.call)
        if assignment.declared_at is not None:
            raise ValidationError(_("You have already made your declaration."), code="declared")
        assignment.declared_at = now
        if has_conflict:
            if not note.strip():
                raise ValidationError(
                    _("Say briefly what the conflict of interest is."), code="note_required"
                )
            _move_review(assignment, ReviewState.DECLINED)
            assignment.conflict_note = note.strip()
        else:
            _require_no_conflict(actor, proposal, who=str(actor))
        assignment.save(update_fields=["declared_at", "state", "conflict_note", "updated_at"])
        audit.record(
            actor=actor,
            action="calls.conflict_declared" if has_conflict else "calls.no_conflict_declared",
            obj=proposal,
            organisation=proposal.coordinator_id,
            changes={"note": assignment.conflict_note} if has_conflict else {},
        )
        if has_conflict and assignment.assigned_by_id:
            notify(
                users=[assignment.assigned_by],
                kind="calls.review_declined",
                params={
                    "reviewer": str(actor),
                    "proposal": proposal.title,
                    "call": proposal.call.title,
                },
                url=evaluation_url(proposal),
            )
    return assignment


def evaluation_url(proposal: Proposal) -> str:
    return reverse("calls:proposal_evaluation", kwargs={"pk": proposal.pk})


def _clean_sheet(criteria: list[EvaluationCriterion], sheet: Sheet, *, complete: bool):
    """The sheet's scores checked against the criteria: known criteria, within their scale,
    every criterion scored when ``complete``."""
    known = {c.pk: c for c in criteria}
    unknown = [key for key in sheet if key not in known]
    if unknown:
        raise ValidationError(_("Unknown criterion."), code="criterion")
    clean: dict[int, tuple[Decimal, str]] = {}
    missing = []
    for criterion in criteria:
        score, comment = sheet.get(criterion.pk, (None, ""))
        validators.validate_summary(comment or "")
        if score is None:
            missing.append(criterion.name)
            continue
        validators.validate_score(score, criterion.max_score, criterion.name)
        clean[criterion.pk] = (Decimal(score), (comment or "").strip())
    if complete and missing:
        raise ValidationError(
            _("Score every criterion: {names}.").format(names=", ".join(missing)),
            code="incomplete",
        )
    return clean


def save_review(
    *,
    actor,
    assignment: ReviewAssignment,
    sheet: Sheet,
    comment: str = "",
    submit: bool = False,
    now: datetime | None = None,
) -> ReviewAssignment:
    """Save the reviewer's scores (a draft they may change), or submit them (final)."""
    require(actor, "calls.review", assignment, message=_("This review is not yours."))
    validators.validate_summary(comment)
    now = now or timezone.now()
    with transaction.atomic():
        assignment = _locked_assignment(assignment)
        proposal = assignment.proposal
        _require_not_decided(proposal.call)
        if assignment.declared_at is None:
            raise ValidationError(
                _("Declare first whether you have a conflict of interest."), code="undeclared"
            )
        if assignment.state != ReviewState.ASSIGNED:
            raise ValidationError(
                _("The review is “{state}”: it can no longer be changed.").format(
                    state=assignment.get_state_display()
                ),
                code="closed",
            )
        # Memberships change: the rule is checked again at each review.
        _require_no_conflict(actor, proposal, who=str(actor))
        clean = _clean_sheet(queries.criteria_of(proposal.call), sheet, complete=submit)
        ReviewScore.objects.filter(assignment=assignment).exclude(criterion_id__in=clean).delete()
        for criterion_id, (score, text) in clean.items():
            ReviewScore.objects.update_or_create(
                assignment=assignment,
                criterion_id=criterion_id,
                defaults={"score": score, "comment": text},
            )
        assignment.comment = comment.strip()
        fields = ["comment", "updated_at"]
        if submit:
            _move_review(assignment, ReviewState.SUBMITTED)
            assignment.submitted_at = now
            fields += ["state", "submitted_at"]
        assignment.save(update_fields=fields)
        audit.record(
            actor=actor,
            action="calls.review_submitted" if submit else "calls.review_saved",
            obj=proposal,
            organisation=proposal.coordinator_id,
            changes={"scores": {str(k): str(v[0]) for k, v in clean.items()}},
        )
    return assignment


# --- Consensus and decision -------------------------------------------------------------------


def set_consensus(
    *,
    actor,
    proposal: Proposal,
    sheet: Sheet,
    summary: str,
    now: datetime | None = None,
) -> Proposal:
    """The agreed score per criterion and the summary the applicants receive; it may be
    changed until the funding is decided."""
    require(
        actor,
        "calls.manage_evaluation",
        proposal.call,
        message=_("The consensus is agreed by the people of the call's agencies."),
    )
    validators.validate_required_text(summary, _("The evaluation summary"))
    validators.validate_summary(summary)
    now = now or timezone.now()
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().select_related("call").get(pk=proposal.pk)
        _require_not_decided(proposal.call)
        if proposal.status == ProposalStatus.DRAFT:
            raise ValidationError(_("Only submitted proposals are reviewed."), code="not_submitted")
        if not proposal.reviews.filter(state=ReviewState.SUBMITTED).exists():
            raise ValidationError(
                _("The consensus needs at least one submitted review."), code="no_review"
            )
        criteria = queries.criteria_of(proposal.call)
        clean = _clean_sheet(criteria, sheet, complete=True)
        ConsensusScore.objects.filter(proposal=proposal).delete()
        ConsensusScore.objects.bulk_create(
            ConsensusScore(proposal=proposal, criterion_id=key, score=score, comment=text)
            for key, (score, text) in clean.items()
        )
        proposal.score = weighted_score(
            {key: score for key, (score, _text) in clean.items()}, queries.as_criteria(criteria)
        )
        proposal.evaluation_summary = summary.strip()
        proposal.consensus_at = now
        proposal.consensus_by = actor
        proposal.save(
            update_fields=[
                "score",
                "evaluation_summary",
                "consensus_at",
                "consensus_by",
                "updated_at",
            ]
        )
        audit.record(
            actor=actor,
            action="calls.consensus_set",
            obj=proposal,
            organisation=proposal.coordinator_id,
            changes={"score": str(proposal.score)},
        )
    return proposal


_REASONS = {
    funding.BELOW_THRESHOLD: DecisionReason.BELOW_THRESHOLD,
    funding.ABOVE_AGENCY_BUDGET: DecisionReason.ABOVE_AGENCY_BUDGET,
    funding.UNKNOWN_AGENCY: DecisionReason.UNKNOWN_AGENCY,
}


def decide_funding(
    *,
    actor,
    call: Call,
    objective: str = FundingObjective.SCORE,
    min_score: Decimal | None = None,
    now: datetime | None = None,
) -> FundingDecision:
    """Fund the best set of proposals within every agency's budget (once, final), rank the
    proposals and tell every consortium the result with its evaluation summary."""
    require(
        actor,
        "calls.decide_funding",
        call,
        message=_("The funding is decided by the call's poster."),
    )
    if objective not in FundingObjective.values:
        raise ValidationError(_("Unknown objective."), code="objective")
    validators.validate_min_score(min_score)
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        _require_not_decided(call)
        now = now or timezone.now()
        deadline = joint.submission_deadline(call)
        if deadline is None or now <= deadline:
            raise ValidationError(
                _("The funding is decided after the submission deadline."), code="too_early"
            )
        proposals = list(
            Proposal.objects.select_for_update()
            .filter(call=call, status=ProposalStatus.SUBMITTED)
            .order_by("submitted_at", "id")
        )
        if not proposals:
            raise ValidationError(_("The call has no submitted proposal."), code="no_proposal")
        waiting = [p.title for p in proposals if p.score is None]
        if waiting:
            raise ValidationError(
                _("Agree the consensus of every proposal first; still missing: {titles}.").format(
                    titles=", ".join(waiting[:5]) + (" …" if len(waiting) > 5 else "")
                ),
                code="no_consensus",
            )
        requests = queries.requested_grants(call)
        budgets = {a.pk: funding.whole(a.budget_eur) for a in joint.agencies_of(call)}
        result = funding.decide(
            [funding.Candidate(p.pk, p.score, requests.get(p.pk, {})) for p in proposals],
            budgets,
            objective=str(objective),
            min_score=min_score,
        )
        funded = set(result.funded)
        ranks = rank([(p.pk, p.score) for p in proposals])
        for proposal in proposals:
            move_proposal(
                proposal,
                ProposalStatus.FUNDED if proposal.pk in funded else ProposalStatus.NOT_FUNDED,
            )
            proposal.rank = ranks[proposal.pk]
            if proposal.pk in funded:
                proposal.decision_reason = DecisionReason.FUNDED
            else:
                proposal.decision_reason = _REASONS.get(
                    result.excluded.get(proposal.pk), DecisionReason.NOT_SELECTED
                )
        Proposal.objects.bulk_update(proposals, ["status", "rank", "decision_reason"])
        # The row lock on the call and the check above make the decision once; the
        # one-to-one constraint is the database's own guard.
        decision = FundingDecision.objects.create(
            call=call,
            objective=objective,
            min_score=min_score,
            optimal=result.optimal,
            total_score=result.total_score,
            decided_by=actor,
            decided_at=now,
        )
        audit.record(
            actor=actor,
            action="calls.funding_decided",
            obj=call,
            organisation=call.organisation_id,
            changes={
                "objective": str(objective),
                "funded": [p.reference for p in proposals if p.pk in funded],
                "optimal": result.optimal,
            },
        )
        consortia = queries.consortium_ids(proposals)  # one query for every proposal
        for proposal in proposals:
            notify(
                users=memberships.members_of_any(consortia[proposal.pk]),
                kind="calls.funding_decided",
                params={
                    "call": call.title,
                    "proposal": proposal.title,
                    "result": proposal.status,
                    "score": str(proposal.score),
                    "rank": proposal.rank,
                    "count": len(proposals),
                    "summary": proposal.evaluation_summary,
                },
                url=proposal.get_absolute_url(),
            )
    return decision


def set_conflict_rule(*, actor, call: Call, exclude_same_country: bool) -> Call:
    """Whether people of the agency of a partner's country may review (set by the poster
    before the evaluation starts; existing assignments are checked again at each review)."""
    require(actor, "calls.change_call", call, message=_("You cannot change this call."))
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        _require_criteria_open(call)
        call.exclude_same_country_reviewers = bool(exclude_same_country)
        call.save(update_fields=["exclude_same_country_reviewers", "updated_at"])
        audit.record(
            actor=actor,
            action="calls.conflict_rule_set",
            obj=call,
            organisation=call.organisation_id,
            changes={"exclude_same_country_reviewers": call.exclude_same_country_reviewers},
        )
    return call
