"""Demo calls: 40 calls of every level and type (some two-stage, some closed) and one open
joint call of up to five demo agencies with draft and submitted proposals of demo clusters, and
one closed joint call of the same agencies, evaluated (criteria, two reviews per proposal by
demo people of research bodies, consensus) and decided within the agencies' budgets. Each
proposal targets other demo clusters and names its SMEs involved and activities (no demo
attachments).

Deterministic for the seed (titles, funders, levels, types, amounts, agencies, proposals);
deadlines are counted from the day the demo is generated (midnight UTC) so the board always
has open calls. Everything is marked ``is_demo``; rows are inserted directly (no
notifications). Calls whose poster is a demo organisation cascade with it; ``remove``
deletes the rest.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from clusterbridge.callrules import (
    Candidate,
    Criterion,
    average_scores,
    decide,
    rank,
    weighted_score,
    whole,
)
from clusterbridge.calls.models import (
    Activity,
    Call,
    CallAgency,
    CallLevel,
    CallStage,
    CallStatus,
    CallType,
    ConsensusScore,
    DecisionReason,
    EvaluationCriterion,
    FundingDecision,
    Proposal,
    ProposalPartner,
    ProposalStatus,
    ProposalVersion,
    ReviewAssignment,
    ReviewScore,
    ReviewState,
)
from clusterbridge.calls.queries.search import bump_calls_version
from clusterbridge.calls.services import proposals as proposal_services
from clusterbridge.calls.services.calls import next_deadline
from clusterbridge.common.slugs import save_with_unique_slug
from clusterbridge.common.text import fold
from clusterbridge.organisations.models import (
    Membership,
    Organisation,
    OrganisationKind,
    ProfileStatus,
)
from clusterbridge.taxonomy.models import ClusterCategory, IndustrialEcosystem, Technology

CALLS = 40
MAX_AGENCIES = 5
MAX_PROPOSALS = 20
CLOSED_PROPOSALS = 14
CRITERIA = [
    ("Relevance", "Fit with the call's aims and the clusters' strategies.", Decimal(30)),
    ("Quality of the cooperation", "Work plan, partners' roles, resources.", Decimal(40)),
    ("Impact on SMEs", "SMEs reached, expected results, dissemination.", Decimal(30)),
]
FUNDERS = {
    CallLevel.REGIONAL: [
        ("Région Auvergne-Rhône-Alpes", "Pack Ambition Recherche"),
        ("Baden-Württemberg Stiftung", "Innovationsgutscheine"),
        ("Región de Murcia — INFO", "Cheques de innovación"),
        ("Regione Lombardia", "Bando Smart Factory"),
        ("Mazowiecka Jednostka Wdrażania Programów Unijnych", "Bony na innowacje"),
    ],
    CallLevel.NATIONAL: [
        ("Bpifrance", "Concours d'innovation i-Nov"),
        ("Bundesministerium für Wirtschaft", "ZIM — Zentrales Innovationsprogramm Mittelstand"),
        ("Business Finland", "Co-Innovation"),
        ("CDTI", "Proyectos de I+D"),
        ("Enterprise Ireland", "Innovation Partnership Programme"),
    ],
    CallLevel.EU: [
        ("European Innovation Council and SMEs Executive Agency", "Single Market Programme"),
        ("European Commission — DG GROW", "Euroclusters"),
        ("European Health and Digital Executive Agency", "Digital Europe"),
        ("CINEA", "LIFE Clean Energy Transition"),
        ("European Commission — DG RTD", "Horizon Europe"),
    ],
    CallLevel.INTERNATIONAL: [
        ("EUREKA", "Eurostars-3"),
        ("Interreg Alpine Space", "Fourth call"),
        ("Nordic Innovation", "Nordic Smart Cities"),
        ("EIT Manufacturing", "Innovation Call"),
        ("ERA-NET Cofund", "M-ERA.NET"),
    ],
}
SUBJECTS = [
    "Digital transformation of manufacturing SMEs",
    "Green hydrogen value chains",
    "Circular economy in textiles",
    "Artificial intelligence for health",
    "Resilient agrifood supply chains",
    "Advanced materials for batteries",
    "Cluster internationalisation",
    "Smart mobility pilots",
]
TYPES = list(CallType.values)
LEVELS = list(CallLevel.values)


def _midnight() -> datetime.datetime:
    now = timezone.now().astimezone(datetime.UTC)
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def _save_call(call: Call, deadlines, names=()) -> Call:
    call.search_document = fold(
        " ".join(p for p in (call.title, call.programme, call.funder_names, call.summary) if p)
    )
    save_with_unique_slug(call, call.title, fallback="call")
    CallStage.objects.bulk_create(
        CallStage(
            call=call,
            number=n,
            name=(list(names) + [""] * 2)[n - 1],
            deadline=d,
        )
        for n, d in enumerate(deadlines, start=1)
    )
    return call


@transaction.atomic
def generate(*, seed: int) -> str:
    rng = random.Random(seed)
    remove()
    start = _midnight()
    sectors = list(ClusterCategory.objects.order_by("code"))
    ecosystems = list(IndustrialEcosystem.objects.order_by("code"))
    technologies = list(Technology.objects.order_by("code"))
    for index in range(CALLS):
        level = LEVELS[index % len(LEVELS)]
        funder, programme = FUNDERS[level][(index // len(LEVELS)) % len(FUNDERS[level])]
        subject = SUBJECTS[index % len(SUBJECTS)]
        first = start + datetime.timedelta(days=rng.randint(-90, 180), hours=12)
        deadlines = [first]
        if index % 5 == 0:
            deadlines.append(first + datetime.timedelta(days=rng.randint(60, 120)))
        call = Call(
            title=f"{subject} {2026 + index % 2} ({programme})",
            programme=programme,
            funder_names=funder,
            level=level,
            kind=TYPES[index % len(TYPES)],
            status=CallStatus.PUBLISHED,
            summary=(
                f"Demo call: {funder} funds projects on {subject.lower()}. "
                "Applicants describe their consortium, work plan and expected impact."
            ),
            budget_eur=Decimal(rng.randrange(200_000, 20_000_000, 100_000)),
            funding_rate=Decimal(rng.choice([50, 60, 70, 100])),
            eligible_kinds=rng.choice(
                [[], ["sme"], ["cluster"], ["cluster", "sme"], ["sme", "rto", "university"]]
            ),
            eligible_countries=[],
            link="https://example.org/calls/demo-" + str(index + 1),
            next_deadline=next_deadline(deadlines, timezone.now()),
            published_at=start - datetime.timedelta(days=rng.randint(10, 120)),
            is_demo=True,
        )
        _save_call(call, deadlines, names=("Short proposal", "Full proposal")[: len(deadlines)])
        if sectors:
            call.sectors.set(rng.sample(sectors, min(2, len(sectors))))
        if ecosystems:
            call.ecosystems.set(rng.sample(ecosystems, 1))
        if technologies and index % 2:
            call.technologies.set(rng.sample(technologies, 1))
    agencies, proposals, closed = _joint(rng, start)
    transaction.on_commit(bump_calls_version)
    return (
        f"Calls: {CALLS} calls, one joint call with {agencies} agencies and {proposals} proposals, "
        f"one closed joint call with {closed} evaluated proposals."
    )


def _joint(rng: random.Random, start) -> tuple[int, int, int]:
    # One agency per country (each funds the beneficiaries of its own country).
    # Agencies of the countries with demo clusters first, so the proposals have coordinators.
    cluster_countries = {
        str(code)
        for code in Organisation.objects.filter(
            is_demo=True, kind=OrganisationKind.CLUSTER, status=ProfileStatus.PUBLISHED
        ).values_list("country", flat=True)
    }
    candidates = list(
        Organisation.objects.filter(
            is_demo=True, kind=OrganisationKind.PUBLIC_AUTHORITY, status=ProfileStatus.PUBLISHED
        ).order_by("pk")
    )
    candidates.sort(key=lambda org: str(org.country) not in cluster_countries)
    agency_orgs, seen = [], set()
    for org in candidates:
        if str(org.country) not in seen and len(agency_orgs) < MAX_AGENCIES:
            seen.add(str(org.country))
            agency_orgs.append(org)
    if len(agency_orgs) < 2:
        return 0, 0, 0
    open_call = _joint_call(
        rng,
        start,
        agency_orgs,
        cluster_countries,
        title="Innovation Express — joint call (demo)",
        deadline=start + datetime.timedelta(days=75, hours=17),
    )
    made = _proposals(rng, start, open_call, MAX_PROPOSALS, submitted_every=2)
    closed_call = _joint_call(
        rng,
        start,
        agency_orgs,
        cluster_countries,
        title="Innovation Express 2025 — closed joint call (demo)",
        deadline=start - datetime.timedelta(days=120, hours=7),
    )
    evaluated = _proposals(
        rng, start - datetime.timedelta(days=121), closed_call, CLOSED_PROPOSALS, submitted_every=1
    )
    _evaluate(rng, closed_call, start - datetime.timedelta(days=60))
    return len(agency_orgs), made, evaluated


def _joint_call(rng, start, agency_orgs, cluster_countries, *, title, deadline) -> Call:
    call = Call(
        title=title,
        programme="Innovation Express",
        funder_names=", ".join(o.name for o in agency_orgs),
        organisation=agency_orgs[0],
        level=CallLevel.INTERNATIONAL,
        kind=CallType.GRANT,
        status=CallStatus.PUBLISHED,
        is_joint=True,
        exclude_same_country_reviewers=True,
        summary=(
            "Demo joint call: each agency keeps its own rules and funds its own beneficiaries; "
            "the call is organised in common. Cluster organisations prepare and submit the "
            "proposals for their consortium."
        ),
        budget_eur=Decimal(0),
        next_deadline=deadline if deadline > timezone.now() else None,
        published_at=deadline - datetime.timedelta(days=95),
        is_demo=True,
    )
    _save_call(call, [deadline])
    # Each agency funds its own country and a share of the countries of the demo clusters
    # (demo data have few agencies).
    countries = {org.pk: [str(org.country)] for org in agency_orgs}
    taken = {str(org.country) for org in agency_orgs}
    for index, code in enumerate(sorted(cluster_countries - taken)):
        countries[agency_orgs[index % len(agency_orgs)].pk].append(code)
    agencies = []
    for org in agency_orgs:
        agencies.append(
            CallAgency.objects.create(
                call=call,
                organisation=org,
                budget_eur=Decimal(rng.randrange(100_000, 600_000, 50_000)),
                beneficiary_kinds=["cluster", "sme"],
                countries=countries[org.pk],
                max_grant_eur=Decimal(rng.choice([30_000, 50_000, 60_000])),
                funding_rate=Decimal(rng.choice([50, 70])),
            )
        )
    call.budget_eur = sum((a.budget_eur for a in agencies), Decimal(0))
    call.save(update_fields=["budget_eur"])
    EvaluationCriterion.objects.bulk_create(
        EvaluationCriterion(
            call=call, number=n, name=name, description=text, weight=weight, max_score=5
        )
        for n, (name, text, weight) in enumerate(CRITERIA, start=1)
    )
    return call


def _proposals(rng, start, call: Call, limit: int, *, submitted_every: int) -> int:
    agencies = list(call.agencies.select_related("organisation"))
    by_country = {str(code): a for a in agencies for code in a.countries}
    clusters = list(
        Organisation.objects.filter(
            is_demo=True,
            kind=OrganisationKind.CLUSTER,
            status=ProfileStatus.PUBLISHED,
            country__in=list(by_country),
        ).order_by("pk")
    )
    made = 0
    for index, coordinator in enumerate(clusters[:limit]):
        submitted = index % submitted_every == 0
        proposal = Proposal.objects.create(
            call=call,
            coordinator=coordinator,
            title=f"{SUBJECTS[index % len(SUBJECTS)]} — {coordinator.name}",
            summary="Demo proposal: joint cooperation activities of the consortium.",
            status=ProposalStatus.SUBMITTED if submitted else ProposalStatus.DRAFT,
            submitted_at=(start - datetime.timedelta(days=index)) if submitted else None,
            is_demo=True,
        )
        agency = by_country[str(coordinator.country)]
        grant = Decimal(rng.randrange(5_000, int(agency.max_grant_eur), 1_000))
        partners = [(coordinator, agency, grant)]
        others = [c for c in clusters if c.pk != coordinator.pk]
        if others:
            other = others[rng.randrange(len(others))]
            other_agency = by_country[str(other.country)]
            partners.append((other, other_agency, Decimal(rng.randrange(5_000, 20_000, 1_000))))
        ProposalPartner.objects.bulk_create(
            ProposalPartner(
                proposal=proposal,
                organisation=org,
                agency=agency_of,
                grant_eur=amount,
                budget_eur=amount * 2,
            )
            for org, agency_of, amount in partners
        )
        _content(call, proposal, index, clusters, {org.pk for org, _a, _g in partners})
        made += 1
    return made


def _content(call: Call, proposal: Proposal, index: int, clusters, consortium: set[int]) -> None:
    """Targeted clusters (other demo clusters), SMEs involved and activities, from a random
    generator of its own (the other demo figures stay as they were), and the first version."""
    rng = random.Random(f"{call.title}-{index}")
    others = [c for c in clusters if c.pk not in consortium]
    targeted = rng.sample(others, k=min(len(others), rng.randrange(1, 5)))
    proposal.smes_involved = rng.randrange(3, 40)
    chosen = set(rng.sample(Activity.values, k=rng.randrange(2, 5)))
    proposal.activities = [a for a in Activity.values if a in chosen]
    proposal.save(update_fields=["smes_involved", "activities"])
    proposal.targeted_clusters.set(targeted)
    data = proposal_services.snapshot(proposal)
    ProposalVersion.objects.create(
        proposal=proposal,
        number=proposal.version,
        created_at=proposal.submitted_at or proposal.created_at,
        action="calls.proposal_started",
        snapshot=data,
        sha256=proposal_services.digest(data),
    )


def _evaluate(rng: random.Random, call: Call, decided_at) -> None:
    """Two reviews per proposal by demo people of research bodies outside its consortium, the
    consensus (the reviewers' average, to the half point) and the decision, as the services
    would make them (``callrules`` computes the scores, the ranking and the funded set)."""
    criteria = list(call.criteria.order_by("number"))
    plain = [Criterion(c.pk, c.weight, c.max_score) for c in criteria]
    pool = list(
        Membership.objects.filter(
            organisation__is_demo=True,
            organisation__kind__in=[OrganisationKind.UNIVERSITY, OrganisationKind.RTO],
        )
        .select_related("user")
        .order_by("pk")
    )
    proposals = list(call.proposals.order_by("pk"))
    consortia = {
        p.pk: {p.coordinator_id} | {pp.organisation_id for pp in p.partners.all()}
        for p in proposals
    }
    for proposal in proposals:
        fit = [m for m in pool if m.organisation_id not in consortia[proposal.pk]]
        sheets = []
        for membership in rng.sample(fit, min(2, len(fit))):
            assignment = ReviewAssignment.objects.create(
                proposal=proposal,
                reviewer=membership.user,
                state=ReviewState.SUBMITTED,
                declared_at=decided_at - datetime.timedelta(days=30),
                submitted_at=decided_at - datetime.timedelta(days=20),
                comment="Demo review: clear objectives; the SME involvement could be wider.",
            )
            sheet = {c.pk: Decimal(rng.randint(4, 10)) / 2 for c in criteria}
            ReviewScore.objects.bulk_create(
                ReviewScore(assignment=assignment, criterion_id=key, score=score)
                for key, score in sheet.items()
            )
            sheets.append(sheet)
        if not sheets:
            continue
        agreed = {
            key: (value * 2).to_integral_value() / 2
            for key, value in average_scores(sheets, plain).items()
        }
        ConsensusScore.objects.bulk_create(
            ConsensusScore(proposal=proposal, criterion_id=key, score=score)
            for key, score in agreed.items()
        )
        proposal.score = weighted_score(agreed, plain)
        proposal.evaluation_summary = (
            "Demo summary: a relevant cooperation plan with a credible work programme."
        )
        proposal.consensus_at = decided_at - datetime.timedelta(days=10)
    scored = [p for p in proposals if p.score is not None]
    requests: dict[int, dict[int, int]] = {}
    for partner in ProposalPartner.objects.filter(proposal__call=call):
        wanted = requests.setdefault(partner.proposal_id, {})
        wanted[partner.agency_id] = wanted.get(partner.agency_id, 0) + whole(partner.grant_eur)
    # The closed call was oversubscribed: each agency's budget covers about 60 % of what was
    # asked of it, so the decision has to choose.
    agencies = list(call.agencies.all())
    for agency in agencies:
        asked = sum(wanted.get(agency.pk, 0) for wanted in requests.values())
        agency.budget_eur = Decimal(max(10_000, int(asked * 0.6) // 5_000 * 5_000))
    CallAgency.objects.bulk_update(agencies, ["budget_eur"])
    call.budget_eur = sum((a.budget_eur for a in agencies), Decimal(0))
    call.save(update_fields=["budget_eur"])
    budgets = {a.pk: whole(a.budget_eur) for a in agencies}
    result = decide([Candidate(p.pk, p.score, requests.get(p.pk, {})) for p in scored], budgets)
    ranks = rank([(p.pk, p.score) for p in scored])
    for proposal in scored:
        funded = proposal.pk in result.funded
        proposal.status = ProposalStatus.FUNDED if funded else ProposalStatus.NOT_FUNDED
        proposal.rank = ranks[proposal.pk]
        proposal.decision_reason = DecisionReason.FUNDED if funded else DecisionReason.NOT_SELECTED
    Proposal.objects.bulk_update(
        proposals,
        ["score", "evaluation_summary", "consensus_at", "status", "rank", "decision_reason"],
    )
    FundingDecision.objects.create(
        call=call,
        objective="score",
        optimal=result.optimal,
        total_score=result.total_score,
        decided_at=decided_at,
    )


def remove() -> None:
    Proposal.objects.filter(call__is_demo=True).delete()
    Proposal.objects.filter(is_demo=True).delete()
    Call.objects.filter(is_demo=True).delete()
    transaction.on_commit(bump_calls_version)
