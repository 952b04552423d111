"""Joint-call benchmark: a call with 2,000 submitted proposals, evaluated.

    python bench/bench_calls.py --database sqlite
    python bench/bench_calls.py --database postgres

It builds a fresh database (see harness.py), generates demo organisations and a joint call of
five agencies with ``--proposals`` submitted proposals of demo clusters (two partners each),
three criteria, two submitted reviews per proposal and a consensus score for each — the rows
the services write, inserted in bulk. Then it times, as a person of one of the agencies, the
pages and API answers an agency uses on such a call: the ranking page (first and a middle
page), the API's list of the call's proposals and its ranking, one proposal's evaluation page
and the call page with its figures, against a minimal API request measured in the same run.
Target: p95 < 200 ms.
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
from decimal import Decimal

import harness

PG_NAME = "clusterbridge_bench_calls"


def build(proposals: int, seed: int):
    """The call, its agencies' officer, and the ids of a few proposals to open."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from clusterbridge.calls.models import (
        Call,
        CallAgency,
        CallStage,
        CallStatus,
        ConsensusScore,
        EvaluationCriterion,
        Proposal,
        ProposalPartner,
        ProposalStatus,
        ReviewAssignment,
        ReviewScore,
        ReviewState,
    )
    from clusterbridge.organisations.models import Membership, Organisation, OrganisationKind

    rng = random.Random(seed)
    now = timezone.now()
    countries = ["FR", "DE", "ES", "IT", "PL"]
    agencies_orgs = [
        Organisation.objects.create(
            name=f"Bench agency {code}",
            slug=f"bench-agency-{code.lower()}",
            kind=OrganisationKind.PUBLIC_AUTHORITY,
            country=code,
            status="published",
        )
        for code in countries
    ]
    officer = get_user_model().objects.create_user("officer@bench.example", "x", name="Officer")
    Membership.objects.create(user=officer, organisation=agencies_orgs[0], role="admin")
    call = Call.objects.create(
        title="Bench joint call",
        slug="bench-joint-call",
        funder_names="Bench agencies",
        organisation=agencies_orgs[0],
        level="international",
        kind="grant",
        status=CallStatus.PUBLISHED,
        is_joint=True,
        published_at=now - datetime.timedelta(days=90),
    )
    CallStage.objects.create(call=call, number=1, deadline=now - datetime.timedelta(days=5))
    agencies = [
        CallAgency.objects.create(
            call=call,
            organisation=org,
            budget_eur=Decimal(5_000_000),
            beneficiary_kinds=["cluster", "sme"],
            countries=[str(org.country)],
        )
        for org in agencies_orgs
    ]
    criteria = EvaluationCriterion.objects.bulk_create(
        EvaluationCriterion(call=call, number=n, name=name, weight=Decimal(w), max_score=5)
        for n, (name, w) in enumerate([("Relevance", 30), ("Quality", 40), ("Impact", 30)], start=1)
    )
    clusters = list(
        Organisation.objects.filter(kind=OrganisationKind.CLUSTER, status="published").order_by(
            "pk"
        )
    )
    reviewers = [
        get_user_model().objects.create_user(f"reviewer{i}@bench.example", "x", name=f"R {i}")
        for i in range(40)
    ]
    rows = []
    for index in range(proposals):
        coordinator = clusters[index % len(clusters)]
        rows.append(
            Proposal(
                call=call,
                coordinator=coordinator,
                title=f"Bench proposal {index}",
                status=ProposalStatus.SUBMITTED,
                submitted_at=now - datetime.timedelta(days=6, minutes=index),
                score=Decimal(rng.randint(3000, 9900)) / 100,
                evaluation_summary="Bench summary.",
                consensus_at=now - datetime.timedelta(days=1),
            )
        )
    made = Proposal.objects.bulk_create(rows, batch_size=500)
    if made[0].pk is None:  # SQLite before returning ids: read them back
        made = list(Proposal.objects.filter(call=call).order_by("pk"))
    partners, assignments = [], []
    for index, proposal in enumerate(made):
        coordinator = clusters[index % len(clusters)]
        other = clusters[(index * 7 + 3) % len(clusters)]
        for organisation in {coordinator.pk: coordinator, other.pk: other}.values():
            partners.append(
                ProposalPartner(
                    proposal=proposal,
                    organisation=organisation,
                    agency=agencies[index % len(agencies)],
                    budget_eur=Decimal(40_000),
                    grant_eur=Decimal(rng.randrange(5_000, 30_000, 1_000)),
                )
            )
        for reviewer in rng.sample(reviewers, 2):
            assignments.append(
                ReviewAssignment(
                    proposal=proposal,
                    reviewer=reviewer,
                    state=ReviewState.SUBMITTED,
                    declared_at=now,
                    submitted_at=now,
                )
            )
    ProposalPartner.objects.bulk_create(partners, batch_size=1000)
    ReviewAssignment.objects.bulk_create(assignments, batch_size=1000)
    saved = ReviewAssignment.objects.filter(proposal__call=call).only("pk")
    ReviewScore.objects.bulk_create(
        (
            ReviewScore(assignment=a, criterion=c, score=Decimal(rng.randint(4, 10)) / 2)
            for a in saved
            for c in criteria
        ),
        batch_size=2000,
    )
    ConsensusScore.objects.bulk_create(
        (
            ConsensusScore(proposal_id=p.pk, criterion=c, score=Decimal(rng.randint(4, 10)) / 2)
            for p in made
            for c in criteria
        ),
        batch_size=2000,
    )
    return call, officer, [p.pk for p in made]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--organisations", type=int, default=2000)
    parser.add_argument("--proposals", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=100, help="timed requests per scenario")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pg-name", default=PG_NAME)
    args = parser.parse_args(argv)
    if not args.pg_name.isidentifier() or args.pg_name in ("postgres", "template0", "template1"):
        parser.error(f"--pg-name {args.pg_name!r}: not a database this benchmark may recreate")

    harness.setup_django(database=args.database, pg_name=args.pg_name, no_cache=False)
    from django.test import Client

    from clusterbridge.demo.generator import generate_demo

    generate_demo(organisations=args.organisations, seed=args.seed, with_accounts=False)
    call, officer, proposal_ids = build(args.proposals, args.seed)
    harness.analyze_if_postgres(args.database)
    rng = random.Random(args.seed)
    client = Client()
    client.force_login(officer)
    middle = max(1, args.proposals // 200)
    scenarios = {
        harness.BASELINE: lambda: harness.BASELINE_URL,
        "ranking page (first 100)": lambda: f"/calls/{call.slug}/evaluation/",
        "ranking page (a middle page)": lambda: f"/calls/{call.slug}/evaluation/?page={middle}",
        "API: the call's proposals (agency)": lambda: (
            f"/api/v1/calls/{call.slug}/proposals/?page={rng.randint(1, 20)}"
        ),
        "API: ranking (agency)": lambda: f"/api/v1/calls/{call.slug}/ranking/",
        "a proposal's evaluation page": lambda: (
            f"/calls/proposals/{rng.choice(proposal_ids)}/evaluation/"
        ),
        "call page with its figures": lambda: f"/calls/{call.slug}/",
    }
    results = harness.time_scenarios(
        {name: (lambda: client, make_url) for name, make_url in scenarios.items()}, args.requests
    )
    harness.print_table(
        f"{args.database}, joint call: {args.proposals} submitted proposals, 5 agencies, "
        f"2 reviews each, {args.organisations} organisations, {args.requests} requests per scenario",
        results,
        target_ms=200,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
