"""Marketplace benchmark: p50/p95 server time at 100,000 opportunities, on SQLite or PostgreSQL.

    python bench/bench_marketplace.py --opportunities 100000 --database sqlite
    python bench/bench_marketplace.py --opportunities 100000 --database postgres

It builds a fresh database (a temporary SQLite file, or the PostgreSQL database
``clusterbridge_bench_marketplace`` which it drops and recreates), fills it with the demo
generator's 10,000 organisations and bulk-created opportunities, and times requests through
Django's full stack with the test client. A minimal request (the technologies list of the API)
is timed in the same run as the baseline; every scenario is also reported as a ratio to it.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import timedelta

import harness

PG_NAME = "clusterbridge_bench_marketplace"


def fill(count: int, seed: int) -> None:
    from django.utils import timezone

    from clusterbridge.common.text import fold
    from clusterbridge.marketplace.models import (
        KIND_PREFIX,
        Opportunity,
        OpportunityKind,
        OpportunityStatus,
        PartnershipType,
    )
    from clusterbridge.organisations.models import Organisation

    rng = random.Random(seed)
    orgs = list(
        Organisation.objects.filter(status="published").values_list("id", "country", "kind", "name")
    )
    org_sectors: dict[int, list[int]] = {}
    for oid, sid in Organisation.sectors.through.objects.values_list(
        "organisation_id", "clustercategory_id"
    ):
        org_sectors.setdefault(oid, []).append(sid)
    org_tech: dict[int, list[int]] = {}
    for oid, tid in Organisation.technologies.through.objects.values_list(
        "organisation_id", "technology_id"
    ):
        org_tech.setdefault(oid, []).append(tid)
    kinds = list(OpportunityKind)
    words = [
        "laser",
        "sensor",
        "hydrogen",
        "battery",
        "robot",
        "food",
        "software",
        "textile",
        "wood",
        "drone",
    ]
    now = timezone.now()
    rows, topics = [], []
    for i in range(count):
        oid, country, okind, name = rng.choice(orgs)
        kind = kinds[i % len(kinds)]
        title = f"{rng.choice(words).title()} {rng.choice(words)} cooperation {i}"
        published = now - timedelta(days=rng.randint(0, 360), minutes=i % 1000)
        rows.append(
            Opportunity(
                reference=f"CB-{KIND_PREFIX[kind]}-2026-{i + 1:06d}",
                organisation_id=oid,
                kind=kind,
                status=OpportunityStatus.PUBLISHED
                if rng.random() < 0.9
                else OpportunityStatus.EXPIRED,
                title=title,
                summary=f"{name} looks for partners on {title.lower()}.",
                keywords=rng.sample(words, 2),
                target_countries=rng.sample(["DE", "FR", "IT", "ES", "PL"], rng.randint(0, 2)),
                partnership_types=rng.sample(PartnershipType.values, 2),
                country=country,
                organisation_kind=okind,
                published_at=published,
                expires_at=published + timedelta(days=365),
                search_document=fold(f"{title} {name}"),
            )
        )
        sectors = org_sectors.get(oid, [])
        topics.append(
            (
                rng.sample(sectors, min(len(sectors), rng.randint(1, 2))),
                rng.sample(org_tech.get(oid, []), min(len(org_tech.get(oid, [])), 1)),
            )
        )
    created = Opportunity.objects.bulk_create(rows, batch_size=2000)
    Opportunity.sectors.through.objects.bulk_create(
        [
            Opportunity.sectors.through(opportunity_id=o.pk, clustercategory_id=s)
            for o, (ss, _) in zip(created, topics, strict=True)
            for s in ss
        ],
        batch_size=5000,
    )
    Opportunity.technologies.through.objects.bulk_create(
        [
            Opportunity.technologies.through(opportunity_id=o.pk, technology_id=t)
            for o, (_, ts) in zip(created, topics, strict=True)
            for t in ts
        ],
        batch_size=5000,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--opportunities", type=int, default=100_000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--requests", type=int, default=100, help="timed requests per scenario")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--no-cache", action="store_true", help="measure without the facet/ranking cache"
    )
    args = parser.parse_args(argv)

    harness.setup_django(database=args.database, pg_name=PG_NAME, no_cache=args.no_cache)
    from django.contrib.auth import get_user_model
    from django.test import Client

    from clusterbridge.demo.generator import generate_demo
    from clusterbridge.marketplace.models import Opportunity
    from clusterbridge.organisations.models import Membership, Organisation

    started = time.perf_counter()
    generate_demo(organisations=args.organisations, seed=args.seed, with_accounts=False)
    fill(args.opportunities, args.seed)
    harness.analyze_if_postgres(args.database)
    print(
        f"{args.database}: {Organisation.objects.count()} organisations, "
        f"{Opportunity.objects.count()} opportunities generated in {time.perf_counter() - started:.1f} s"
    )

    rng = random.Random(args.seed)
    # "For you" is per organisation: 20 members of different organisations take turns.
    member_clients = []
    for i, org in enumerate(Organisation.objects.filter(status="published").order_by("id")[:20]):
        user = get_user_model().objects.create_user(f"bench{i}@example.org", "x")
        Membership.objects.create(user=user, organisation=org, role="admin")
        member_client = Client()
        member_client.force_login(user)
        member_clients.append(member_client)
    client = Client()
    references = list(
        Opportunity.objects.filter(status="published").values_list("reference", flat=True)[:5000]
    )
    countries = ["DE", "FR", "IT", "ES", "PL", "NL", "SE", "AT", "BE", "PT"]
    kinds = ["technology_offer", "technology_request", "business_offer", "rd_partner"]
    sectors = [
        "automotive",
        "biopharmaceuticals",
        "medical-devices",
        "transportation-and-logistics",
    ]
    words = [
        "laser",
        "sensor",
        "hydrogen",
        "battery",
        "robot",
        "food",
        "software",
        "textile",
        "wood",
        "drone",
    ]
    scenarios = {
        harness.BASELINE: (client, lambda: harness.BASELINE_URL),
        "search: text + 3 filters + facets": (
            client,
            lambda: (
                f"/marketplace/?q={rng.choice(words)}&country={rng.choice(countries)}"
                f"&kind={rng.choice(kinds)}&sector={rng.choice(sectors)}"
            ),
        ),
        "search: first page, no filter": (client, lambda: "/marketplace/"),
        "search: kind + posted within": (
            client,
            lambda: f"/marketplace/?kind={rng.choice(kinds)}&within=30",
        ),
        "for you": (None, lambda: "/marketplace/for-you/"),
        "opportunity page": (client, lambda: f"/marketplace/{rng.choice(references)}/"),
        "API search with facets": (
            client,
            lambda: f"/api/v1/opportunities/?q={rng.choice(words)}&country={rng.choice(countries)}",
        ),
    }
    results = harness.time_scenarios(
        {
            name: ((lambda c=fixed: c) if fixed else (lambda: rng.choice(member_clients)), make_url)
            for name, (fixed, make_url) in scenarios.items()
        },
        args.requests,
    )
    harness.print_table(
        f"{args.database}, {args.organisations} organisations, {args.opportunities} opportunities, "
        f"{args.requests} requests per scenario",
        results,
        target_ms=150,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
