"""Read side of joint calls: agencies, proposals, and eligibility through ``callrules``.

The rules of each agency and the partners of a proposal are handed to
:func:`clusterbridge.callrules.check_proposal` as plain data; the app words the failures
(``calls.wording``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from clusterbridge.callrules import AgencyRules, Partner, ProposalCheck, check_proposal
from clusterbridge.calls.models import (
    Activity,
    Call,
    CallAgency,
    CallStatus,
    Proposal,
    ProposalAttachment,
    ProposalPartner,
    ProposalStatus,
    ProposalVersion,
)
from clusterbridge.organisations.models import Organisation
from clusterbridge.organisations.queries import memberships


def agencies_of(call: Call) -> list[CallAgency]:
    return list(call.agencies.select_related("organisation").order_by("id"))


def submission_deadline(call: Call) -> datetime | None:
    """Proposals to a joint call are due at its first stage's deadline."""
    stage = call.stages.order_by("number").first()
    return stage.deadline if stage else None


def accepts_proposals(call: Call, now: datetime) -> bool:
    deadline = submission_deadline(call)
    return (
        call.is_joint
        and call.status == CallStatus.PUBLISHED
        and deadline is not None
        and now <= deadline
    )


def agency_rules(agency: CallAgency) -> AgencyRules:
    return AgencyRules(
        beneficiary_kinds=frozenset(agency.beneficiary_kinds),
        countries=frozenset(str(code) for code in agency.countries),
        regions=frozenset(agency.regions),
        max_grant=agency.max_grant_eur,
        funding_rate=agency.funding_rate,
        call_budget=agency.budget_eur,
    )


def partners_of(proposal: Proposal) -> list[ProposalPartner]:
    return list(
        proposal.partners.select_related(
            "organisation", "organisation__nuts_region", "agency__organisation"
        ).order_by("id")
    )


def check(proposal: Proposal, partners=None, agencies=None) -> ProposalCheck:
    """Each partner against its own agency's rules, then each agency's share."""
    partners = partners_of(proposal) if partners is None else partners
    agencies = agencies_of(proposal.call) if agencies is None else agencies
    rules = {agency.pk: agency_rules(agency) for agency in agencies}
    return check_proposal(
        [
            Partner(
                key=p.pk,
                agency=p.agency_id,
                kind=p.organisation.kind,
                country=str(p.organisation.country),
                region=p.organisation.nuts_region.code if p.organisation.nuts_region else "",
                budget=p.budget_eur,
                grant=p.grant_eur,
            )
            for p in partners
        ],
        rules,
    )


def proposals_of(user, call: Call) -> QuerySet[Proposal]:
    """The user's consortium's proposals to ``call`` (as coordinator or partner)."""
    ids = memberships.organisation_ids_of(user) if user.is_authenticated else []
    return (
        Proposal.objects.filter(call=call)
        .filter(Q(coordinator_id__in=ids) | Q(partners__organisation_id__in=ids))
        .select_related("coordinator")
        .distinct()
        .order_by("-updated_at", "-id")
    )


def submitted_proposals(call: Call) -> QuerySet[Proposal]:
    return (
        Proposal.objects.filter(call=call)
        .exclude(status=ProposalStatus.DRAFT)
        .select_related("coordinator")
        .order_by("submitted_at", "id")
    )


def requested_by_agency(call: Call) -> dict[int, Decimal]:
    """Grants requested of each agency by the submitted proposals."""
    rows = (
        ProposalPartner.objects.filter(proposal__call=call)
        .exclude(proposal__status=ProposalStatus.DRAFT)
        .values("agency_id")
        .annotate(total=Sum("grant_eur"))
    )
    return {row["agency_id"]: row["total"] for row in rows}


def visible_proposals(user, call: Call) -> QuerySet[Proposal]:
    """The proposals to ``call`` that ``user`` may see (as ``calls.view_proposal``): the
    consortium's own, drafts too; once submitted also for the people of the call's agencies
    and of its poster, and for staff."""
    if not user.is_authenticated:
        return Proposal.objects.none()
    ids = memberships.organisation_ids_of(user)
    agency_ids = list(call.agencies.values_list("organisation_id", flat=True))
    if call.organisation_id is not None:
        agency_ids.append(call.organisation_id)
    seen = Q(coordinator_id__in=ids) | Q(partners__organisation_id__in=ids)
    if user.is_staff or set(ids) & set(agency_ids):
        seen |= ~Q(status=ProposalStatus.DRAFT)
    pks = Proposal.objects.filter(call=call).filter(seen).values("pk")
    return (
        Proposal.objects.filter(pk__in=pks)
        .select_related("call", "coordinator")
        .order_by("-updated_at", "-id")
    )


# --- A proposal's content, attachments and versions ---------------------------------------------


@dataclass(frozen=True)
class ProposalContent:
    targeted_clusters: list[Organisation]
    smes_involved: int
    sme_organisations: list[Organisation]
    activities: list[str]  # labels, in the call's order


def activity_labels(codes) -> list[str]:
    return [str(label) for value, label in Activity.choices if value in codes]


def content_of(proposal: Proposal) -> ProposalContent:
    return ProposalContent(
        targeted_clusters=list(proposal.targeted_clusters.order_by("name")),
        smes_involved=proposal.smes_involved,
        sme_organisations=list(proposal.sme_organisations.order_by("name")),
        activities=activity_labels(proposal.activities),
    )


def attachments_of(proposal: Proposal) -> list[ProposalAttachment]:
    return list(ProposalAttachment.objects.filter(proposal=proposal).order_by("id"))


def versions_of(proposal: Proposal) -> list[ProposalVersion]:
    """Newest first, without their snapshots (the history list)."""
    return list(
        ProposalVersion.objects.filter(proposal=proposal)
        .select_related("created_by")
        .defer("snapshot")
        .order_by("-number")
    )
