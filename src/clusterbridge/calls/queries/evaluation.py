"""Read side of the evaluation: criteria, reviews, conflicts of interest (gathered here,
judged by ``callrules.evaluation``), the ranking and the decision's figures per agency."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from clusterbridge.callrules import Affiliation, Criterion, average_scores, conflicts, spread
from clusterbridge.callrules.funding import whole
from clusterbridge.calls.models import (
    Call,
    EvaluationCriterion,
    Proposal,
    ProposalPartner,
    ProposalStatus,
    ReviewAssignment,
    ReviewScore,
    ReviewState,
)
from clusterbridge.organisations.models import Organisation
from clusterbridge.organisations.queries import memberships


def criteria_of(call: Call | int) -> list[EvaluationCriterion]:
    call_id = call.pk if isinstance(call, Call) else call
    return list(EvaluationCriterion.objects.filter(call_id=call_id).order_by("number"))


def as_criteria(criteria: list[EvaluationCriterion]) -> list[Criterion]:
    return [Criterion(c.pk, c.weight, c.max_score) for c in criteria]


def evaluation_started(call: Call | int) -> bool:
    """Once a review is submitted or a consensus agreed, the criteria are fixed."""
    call_id = call.pk if isinstance(call, Call) else call
    return (
        ReviewAssignment.objects.filter(
            proposal__call_id=call_id, state=ReviewState.SUBMITTED
        ).exists()
        or Proposal.objects.filter(call_id=call_id, score__isnull=False).exists()
    )


def consortium_of(proposal: Proposal) -> list[Organisation]:
    ids = set(
        ProposalPartner.objects.filter(proposal_id=proposal.pk).values_list(
            "organisation_id", flat=True
        )
    )
    ids.add(proposal.coordinator_id)
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def consortium_ids(proposals: list[Proposal]) -> dict[int, set[int]]:
    """Per proposal, its coordinator's and partners' organisation ids (one query)."""
    found = {p.pk: {p.coordinator_id} for p in proposals}
    for proposal_id, organisation_id in ProposalPartner.objects.filter(
        proposal_id__in=list(found)
    ).values_list("proposal_id", "organisation_id"):
        found[proposal_id].add(organisation_id)
    return found


def conflicts_of(user, proposal: Proposal) -> list[tuple[str, Organisation]]:
    """Why ``user`` may not review ``proposal`` (empty: they may), with the organisation."""
    consortium = consortium_of(proposal)
    agency_ids = set(proposal.call.agencies.values_list("organisation_id", flat=True))
    theirs = {o.pk: o for o in memberships.organisations_of(user)}
    found = conflicts(
        [
            Affiliation(o.pk, str(o.country), is_call_agency=o.pk in agency_ids)
            for o in theirs.values()
        ],
        consortium=[o.pk for o in consortium],
        consortium_countries=[str(o.country) for o in consortium],
        exclude_same_country_agency=proposal.call.exclude_same_country_reviewers,
    )
    return [(code, theirs[pk]) for code, pk in found]


def reviews_of(proposal: Proposal) -> list[ReviewAssignment]:
    return list(
        proposal.reviews.select_related("reviewer")
        .prefetch_related(
            Prefetch("scores", queryset=ReviewScore.objects.select_related("criterion"))
        )
        .order_by("id")
    )


def scores_by_criterion(assignment: ReviewAssignment) -> dict[int, ReviewScore]:
    return {score.criterion_id: score for score in assignment.scores.all()}


@dataclass(frozen=True)
class ReviewSummary:
    averages: dict[int, Decimal]
    spreads: dict[int, Decimal]
    submitted: int
    pending: int


def review_summary(
    reviews: list[ReviewAssignment], criteria: list[EvaluationCriterion]
) -> ReviewSummary:
    done = [r for r in reviews if r.state == ReviewState.SUBMITTED]
    sheets = [{s.criterion_id: s.score for s in r.scores.all()} for r in done]
    plain = as_criteria(criteria)
    return ReviewSummary(
        averages=average_scores(sheets, plain),
        spreads=spread(sheets, plain),
        submitted=len(done),
        pending=sum(1 for r in reviews if r.state == ReviewState.ASSIGNED),
    )


def assignments_of(user) -> QuerySet[ReviewAssignment]:
    """The reviewer's assignments, newest call first."""
    if not user.is_authenticated:
        return ReviewAssignment.objects.none()
    return (
        ReviewAssignment.objects.filter(reviewer=user)
        .select_related("proposal__call", "proposal__coordinator")
        .order_by("-proposal__call__created_at", "proposal_id")
    )


def ranking(call: Call) -> QuerySet[Proposal]:
    """The call's submitted proposals with their review counts and requested grants, best
    consensus score first (proposals without a consensus yet last)."""
    return (
        Proposal.objects.filter(call=call)
        .exclude(status=ProposalStatus.DRAFT)
        .select_related("coordinator")
        .annotate(
            reviews_submitted=Count(
                "reviews", filter=Q(reviews__state=ReviewState.SUBMITTED), distinct=True
            ),
            reviews_assigned=Count(
                "reviews", filter=~Q(reviews__state=ReviewState.DECLINED), distinct=True
            ),
        )
        .order_by("rank", "-score", "submitted_at", "id")
    )


def waiting_for_consensus(call: Call) -> int:
    return (
        Proposal.objects.filter(call=call, score__isnull=True)
        .exclude(status=ProposalStatus.DRAFT)
        .count()
    )


def requested_grants(call: Call) -> dict[int, dict[int, int]]:
    """Per submitted proposal, the whole euros it asks of each agency (CallAgency id)."""
    rows = (
        ProposalPartner.objects.filter(proposal__call=call)
        .exclude(proposal__status=ProposalStatus.DRAFT)
        .values("proposal_id", "agency_id")
        .annotate(total=Sum("grant_eur"))
    )
    requests: dict[int, dict[int, int]] = {}
    for row in rows:
        requests.setdefault(row["proposal_id"], {})[row["agency_id"]] = whole(row["total"])
    return requests


def granted_by_agency(call: Call) -> dict[int, Decimal]:
    """The grants committed by each agency to the funded proposals."""
    rows = (
        ProposalPartner.objects.filter(proposal__call=call, proposal__status=ProposalStatus.FUNDED)
        .values("agency_id")
        .annotate(total=Sum("grant_eur"))
    )
    return {row["agency_id"]: row["total"] for row in rows}
