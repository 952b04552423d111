"""The figures of a joint call ("141 targeted clusters in the 70 proposals"): proposals,
organisations by kind, the clusters reached (the targeted clusters and the consortia's own
clusters, each once), the SMEs involved, countries, requested and granted budget per agency,
success rate.
Public once the call is closed (its submission deadline has passed); a fixed number of
queries whatever the number of proposals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, Sum

from clusterbridge.calls.models import (
    Call,
    FundingDecision,
    Proposal,
    ProposalPartner,
    ProposalStatus,
)
from clusterbridge.calls.queries import joint
from clusterbridge.organisations.models import Organisation, OrganisationKind


@dataclass(frozen=True)
class AgencyFigures:
    name: str
    budget_eur: Decimal
    requested_eur: Decimal
    granted_eur: Decimal | None  # None until the funding is decided

    @property
    def oversubscription(self) -> Decimal | None:
        """Requested ÷ budget (2.5 means two and a half times the budget was asked)."""
        if not self.budget_eur:
            return None
        return (self.requested_eur / self.budget_eur).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class CallFigures:
    proposals: int
    organisations: int
    clusters: int  # distinct cluster organisations reached: targeted ones and the consortia's
    targeted_clusters: int  # distinct targeted clusters (outside the consortia)
    smes: int  # SMEs in the consortia
    smes_involved: int  # the SMEs the proposals say they involve, summed
    research: int
    countries: list[str]
    agencies: list[AgencyFigures]
    decided: bool
    funded: int

    @property
    def success_rate(self) -> Decimal | None:
        """Funded ÷ submitted proposals, in percent, once decided."""
        if not self.decided or not self.proposals:
            return None
        return (Decimal(100) * self.funded / self.proposals).quantize(Decimal("0.1"))


def figures_public(call: Call, now: datetime) -> bool:
    deadline = joint.submission_deadline(call)
    return call.is_joint and deadline is not None and now > deadline


def call_figures(call: Call) -> CallFigures:
    submitted = Proposal.objects.filter(call=call).exclude(status=ProposalStatus.DRAFT)
    organisation_ids = set(submitted.values_list("coordinator_id", flat=True)) | set(
        ProposalPartner.objects.filter(proposal__in=submitted).values_list(
            "organisation_id", flat=True
        )
    )
    organisations = Organisation.objects.filter(pk__in=organisation_ids)
    by_kind = dict(organisations.values_list("kind").annotate(n=Count("pk")).order_by())
    countries = sorted(
        {str(code) for code in organisations.values_list("country", flat=True) if code}
    )
    requested = dict(
        ProposalPartner.objects.filter(proposal__in=submitted)
        .values_list("agency_id")
        .annotate(total=Sum("grant_eur"))
        .order_by()
    )
    decided = FundingDecision.objects.filter(call=call).exists()
    granted = (
        dict(
            ProposalPartner.objects.filter(
                proposal__call=call, proposal__status=ProposalStatus.FUNDED
            )
            .values_list("agency_id")
            .annotate(total=Sum("grant_eur"))
            .order_by()
        )
        if decided
        else {}
    )
    counts = dict(submitted.values_list("status").annotate(n=Count("pk")).order_by())
    targeted = set(
        Proposal.targeted_clusters.through.objects.filter(proposal__in=submitted).values_list(
            "organisation_id", flat=True
        )
    )
    consortium_clusters = set(
        organisations.filter(kind=OrganisationKind.CLUSTER).values_list("pk", flat=True)
    )
    smes_involved = submitted.aggregate(total=Sum("smes_involved"))["total"] or 0
    return CallFigures(
        proposals=sum(counts.values()),
        organisations=len(organisation_ids),
        clusters=len(targeted | consortium_clusters),
        targeted_clusters=len(targeted),
        smes=by_kind.get(OrganisationKind.SME, 0),
        smes_involved=smes_involved,
        research=by_kind.get(OrganisationKind.RTO, 0) + by_kind.get(OrganisationKind.UNIVERSITY, 0),
        countries=countries,
        agencies=[
            AgencyFigures(
                name=agency.organisation.name,
                budget_eur=agency.budget_eur,
                requested_eur=requested.get(agency.pk, Decimal(0)),
                granted_eur=granted.get(agency.pk, Decimal(0)) if decided else None,
            )
            for agency in joint.agencies_of(call)
        ],
        decided=decided,
        funded=counts.get(ProposalStatus.FUNDED, 0),
    )
