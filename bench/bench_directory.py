"""Directory benchmark: p50/p95 server time at 10,000 organisations, on SQLite or PostgreSQL.

    python bench/bench_directory.py --organisations 10000 --database sqlite
    python bench/bench_directory.py --organisations 10000 --database postgres

It builds a fresh database (a temporary SQLite file, or the PostgreSQL database
``clusterbridge_bench`` which it drops and recreates), fills it with the demo generator, and
times requests through Django's full stack (middleware, views, templates) with the test
client, so the figures are server time without network. A minimal request (the small
technologies list of the API) is timed in the same run as the baseline, and every scenario is
also reported as a ratio to it.
"""

from __future__ import annotations

import argparse
import random
import sys
import time

import harness

PG_NAME = "clusterbridge_bench"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--requests", type=int, default=100, help="timed requests per scenario")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="measure without the facet/map cache (every request computes everything)",
    )
    args = parser.parse_args(argv)

    harness.setup_django(database=args.database, pg_name=PG_NAME, no_cache=args.no_cache)
    from django.test import Client

    from clusterbridge.demo.generator import generate_demo
    from clusterbridge.organisations.models import Organisation

    started = time.perf_counter()
    generate_demo(organisations=args.organisations, seed=args.seed, with_accounts=False)
    harness.analyze_if_postgres(args.database)
    print(
        f"{args.database}: {Organisation.objects.count()} organisations generated in {time.perf_counter() - started:.1f} s"
    )

    rng = random.Random(args.seed)
    client = Client()
    slugs = list(Organisation.objects.filter(status="published").values_list("slug", flat=True))
    countries = ["DE", "FR", "IT", "ES", "PL", "NL", "SE", "AT", "BE", "PT"]
    sectors = [
        "automotive",
        "food-processing-and-manufacturing",
        "information-technology-and-analytical-instruments",
        "production-technology-and-heavy-machinery",
        "biopharmaceuticals",
        "medical-devices",
        "electric-power-generation-and-transmission",
        "transportation-and-logistics",
    ]
    words = [
        "cluster",
        "energy",
        "digital",
        "innovation",
        "food",
        "robotics",
        "hydrogen",
        "health",
        "research",
        "network",
    ]
    scenarios = {
        harness.BASELINE: lambda: harness.BASELINE_URL,
        "directory: text + 3 filters + facets": lambda: (
            f"/organisations/?q={rng.choice(words)}&country={rng.choice(countries)}"
            f"&country={rng.choice(countries)}&kind=cluster&kind=sme&sector={rng.choice(sectors)}"
        ),
        "directory: first page, no filter": lambda: "/organisations/",
        "map data: all organisations": lambda: "/organisations/map.json",
        "map data: text + filter": lambda: (
            f"/organisations/map.json?q={rng.choice(words)}&country={rng.choice(countries)}"
        ),
        "organisation page": lambda: f"/organisations/{rng.choice(slugs)}/",
        "API search with facets": lambda: (
            f"/api/v1/organisations/?q={rng.choice(words)}&country={rng.choice(countries)}&kind=cluster"
        ),
    }
    results = harness.time_scenarios(
        {name: (lambda: client, make_url) for name, make_url in scenarios.items()}, args.requests
    )
    cache_note = "cache off" if args.no_cache else "facet/map cache on"
    harness.print_table(
        f"{args.database}, {args.organisations} organisations, {args.requests} requests per "
        f"scenario, {cache_note}",
        results,
        target_ms=100,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
