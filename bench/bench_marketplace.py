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
import os
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PG_NAME = "clusterbridge_bench_marketplace"


def prepare_database(kind: str) -> str:
    if kind == "sqlite":
        path = Path(tempfile.mkdtemp(prefix="cb-bench-")) / "bench.sqlite3"
        return f"sqlite:///{path}"
    import psycopg

    with psycopg.connect(
        PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True
    ) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_NAME}")
        conn.execute(f"CREATE DATABASE {PG_NAME}")
    return f"postgres://postgres@127.0.0.1:5432/{PG_NAME}"


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


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

    os.environ["DATABASE_URL"] = prepare_database(args.database)
    os.environ.setdefault("CLUSTERBRIDGE_DATA_DIR", tempfile.mkdtemp(prefix="cb-bench-data-"))
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterbridge.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    if args.no_cache:
        from django.conf import settings

        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from clusterbridge.demo.generator import generate_demo
    from clusterbridge.marketplace.models import Opportunity
    from clusterbridge.organisations.models import Membership, Organisation

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    generate_demo(organisations=args.organisations, seed=args.seed, with_accounts=False)
    fill(args.opportunities, args.seed)
    if args.database == "postgres":
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
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
        "baseline: minimal API request": (client, lambda: "/api/v1/taxonomies/technologies/"),
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
    results = {}
    for name, (fixed_client, make_url) in scenarios.items():

        def pick(fixed_client=fixed_client):
            return fixed_client or rng.choice(member_clients)

        for _ in range(5):
            pick().get(make_url())
        samples = []
        for _ in range(args.requests):
            url, who = make_url(), pick()
            t0 = time.perf_counter()
            response = who.get(url)
            samples.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        results[name] = (percentile(samples, 50), percentile(samples, 95))
    base_p50 = results["baseline: minimal API request"][0]
    print(
        f"\n{args.database}, {args.organisations} organisations, {args.opportunities} opportunities, {args.requests} requests per scenario"
    )
    print(f"{'scenario':40} {'p50 ms':>8} {'p95 ms':>8} {'p95/base p50':>13}  target p95<150ms")
    for name, (p50, p95) in results.items():
        verdict = "" if name.startswith("baseline") else ("met" if p95 < 150 else "MISSED")
        print(f"{name:40} {p50:8.1f} {p95:8.1f} {p95 / base_p50:12.1f}x  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
