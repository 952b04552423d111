"""Demo calls: 40 calls of every level and type (some two-stage, some closed) and one open
joint call of up to five demo agencies with draft and submitted proposals of demo clusters.

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

from clusterbridge.calls.models import (
    Call,
    CallAgency,
    CallLevel,
    CallStage,
    CallStatus,
    CallType,
    Proposal,
    ProposalPartner,
    ProposalStatus,
)
from clusterbridge.calls.queries.search import bump_calls_version
from clusterbridge.calls.services.calls import next_deadline
from clusterbridge.common.slugs import save_with_unique_slug
from clusterbridge.common.text import fold
from clusterbridge.organisations.models import (
    Organisation,
    OrganisationKind,
    ProfileStatus,
)
from clusterbridge.taxonomy.models import ClusterCategory, IndustrialEcosystem, Technology

CALLS = 40
MAX_AGENCIES = 5
MAX_PROPOSALS = 20
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
    agencies, proposals = _joint(rng, start)
    transaction.on_commit(bump_calls_version)
    return (
        f"Calls: {CALLS} calls, one joint call with {agencies} agencies and {proposals} proposals."
    )


def _joint(rng: random.Random, start) -> tuple[int, int]:
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
        return 0, 0
    deadline = start + datetime.timedelta(days=75, hours=17)
    call = Call(
        title="Innovation Express — joint call (demo)",
        programme="Innovation Express",
        funder_names=", ".join(o.name for o in agency_orgs),
        organisation=agency_orgs[0],
        level=CallLevel.INTERNATIONAL,
        kind=CallType.GRANT,
        status=CallStatus.PUBLISHED,
        is_joint=True,
        summary=(
            "Demo joint call: each agency keeps its own rules and funds its own beneficiaries; "
            "the call is organised in common. Cluster organisations prepare and submit the "
            "proposals for their consortium."
        ),
        budget_eur=Decimal(0),
        next_deadline=deadline,
        published_at=start - datetime.timedelta(days=20),
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
    by_country = {code: a for a in agencies for code in countries[a.organisation_id]}
    clusters = list(
        Organisation.objects.filter(
            is_demo=True,
            kind=OrganisationKind.CLUSTER,
            status=ProfileStatus.PUBLISHED,
            country__in=list(by_country),
        ).order_by("pk")
    )
    made = 0
    for index, coordinator in enumerate(clusters[:MAX_PROPOSALS]):
        submitted = index % 2 == 0
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
        made += 1
    return len(agencies), made


def remove() -> None:
    Proposal.objects.filter(call__is_demo=True).delete()
    Proposal.objects.filter(is_demo=True).delete()
    Call.objects.filter(is_demo=True).delete()
    transaction.on_commit(bump_calls_version)
