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
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def prepare_database(kind: str) -> str:
    if kind == "sqlite":
        path = Path(tempfile.mkdtemp(prefix="cb-bench-")) / "bench.sqlite3"
        return f"sqlite:///{path}"
    import psycopg

    with psycopg.connect(
        PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True
    ) as conn:
        conn.execute("DROP DATABASE IF EXISTS clusterbridge_bench")
        conn.execute("CREATE DATABASE clusterbridge_bench")
    return "postgres://postgres@127.0.0.1:5432/clusterbridge_bench"


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


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
    from django.core.management import call_command
    from django.test import Client

    from clusterbridge.demo.generator import generate_demo
    from clusterbridge.organisations.models import Organisation

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    generate_demo(organisations=args.organisations, seed=args.seed, with_accounts=False)
    if args.database == "postgres":
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
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
        "baseline: minimal API request": lambda: "/api/v1/taxonomies/technologies/",
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
    results = {}
    for name, make_url in scenarios.items():
        for _ in range(5):  # warm caches and connections
            client.get(make_url())
        samples = []
        for _ in range(args.requests):
            url = make_url()
            t0 = time.perf_counter()
            response = client.get(url)
            samples.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        results[name] = (percentile(samples, 50), percentile(samples, 95))
    base_p50 = results["baseline: minimal API request"][0]
    print(
        f"\n{args.database}, {args.organisations} organisations, {args.requests} requests per scenario"
    )
    print(f"{'scenario':40} {'p50 ms':>8} {'p95 ms':>8} {'p95/base p50':>13}  target p95<100ms")
    for name, (p50, p95) in results.items():
        verdict = "" if name.startswith("baseline") else ("met" if p95 < 100 else "MISSED")
        print(f"{name:40} {p50:8.1f} {p95:8.1f} {p95 / base_p50:12.1f}x  {verdict}")
    print(
        f"(mean of all samples across scenarios: {statistics.mean(v[0] for v in results.values()):.1f} ms p50)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
