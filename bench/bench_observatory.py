"""Observatory benchmark: every NUTS-2 region × 61 cluster categories × 10 years.

    python bench/bench_observatory.py --database sqlite
    python bench/bench_observatory.py --database postgres

It builds a fresh database (a temporary SQLite file, or a PostgreSQL database dropped and
recreated: ``--pg-name``, else the name in ``DATABASE_URL`` when it is a PostgreSQL URL, else
``clusterbridge_bench_observatory``), generates demo organisations, writes
the statistics table as a plain CSV file (328 × 61 × 10 = 200,080 figures with employment,
enterprises and wages, plus the regions' totals) and imports it through the import service —
the path of the upload page and the command line, timed — then times requests through Django's
full stack with the test client: the map data, a region page and a category scoreboard, against
a minimal API request measured in the same run (see harness.py). Targets: import < 30 s,
p95 < 100 ms.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import harness

PG_NAME = "clusterbridge_bench_observatory"
YEARS = tuple(range(2015, 2025))


def default_pg_name() -> str:
    """The database named in a PostgreSQL ``DATABASE_URL``, else ``PG_NAME``."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        name = url.rsplit("/", 1)[-1].split("?", 1)[0]
        if name.isidentifier():
            return name
    return PG_NAME


def write_table(path: Path, table) -> int:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["nuts", "category", "year", "employment", "enterprises", "wages"])
        rows = 0
        for (region, category, year), f in sorted(table.cells.items()):
            writer.writerow(
                [
                    region,
                    category,
                    year,
                    f"{f.employment:g}",
                    f"{f.enterprises:g}",
                    f"{f.wages:.0f}",
                ]
            )
            rows += 1
        for (region, year), total in sorted(table.totals.items()):
            writer.writerow([region, "total", year, f"{total:g}", "", ""])
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--organisations", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=100, help="timed requests per scenario")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--pg-name",
        default=default_pg_name(),
        help="PostgreSQL database to drop and recreate (default: from DATABASE_URL, else %(default)s)",
    )
    args = parser.parse_args(argv)
    if not args.pg_name.isidentifier() or args.pg_name in ("postgres", "template0", "template1"):
        parser.error(f"--pg-name {args.pg_name!r}: not a database this benchmark may recreate")

    harness.setup_django(database=args.database, pg_name=args.pg_name, no_cache=False)
    from django.core.files import File
    from django.test import Client

    from clusterbridge.demo.generator import generate_demo
    from clusterbridge.observatory import demo
    from clusterbridge.observatory.models import Statistic
    from clusterbridge.observatory.services.imports import import_now
    from clusterbridge.taxonomy.models import ClusterCategory, NutsRegion

    generate_demo(organisations=args.organisations, seed=args.seed, with_accounts=False)
    regions = sorted(NutsRegion.objects.filter(level=2).values_list("code", flat=True))
    categories = sorted(ClusterCategory.objects.values_list("code", flat=True))
    table = demo.build_table(
        seed=args.seed,
        regions=regions,
        categories=categories,
        clusters=demo._cluster_counts(),
        years=YEARS,
    )
    path = Path(tempfile.mkdtemp(prefix="cb-bench-obs-")) / "statistics.csv"
    rows = write_table(path, table)
    started = time.perf_counter()
    with path.open("rb") as handle:
        job = import_now(
            actor=None,
            slug="bench",
            name="Benchmark statistics",
            source="Generated for the benchmark",
            format="plain_csv",
            files={"plain": File(handle, name="statistics.csv")},
            make_default=True,
        )
    import_seconds = time.perf_counter() - started
    assert job.status == "done", (job.status, job.problems[:3], job.error)
    harness.analyze_if_postgres(args.database)
    print(
        f"{args.database}: imported {rows:,} figures ({path.stat().st_size / 1e6:.1f} MB CSV, "
        f"{len(regions)} regions × {len(categories)} categories × {len(YEARS)} years) into "
        f"{Statistic.objects.count():,} statistics rows in {import_seconds:.1f} s "
        f"(target < 30 s: {'met' if import_seconds < 30 else 'MISSED'})"
    )

    rng = random.Random(args.seed)
    client = Client()
    measures = ["lq", "employment", "stars", "share", "productivity"]
    scenarios = {
        harness.BASELINE: lambda: harness.BASELINE_URL,
        "map data (category, measure, year)": lambda: (
            f"/observatory/map.json?category={rng.choice(categories)}"
            f"&measure={rng.choice(measures)}&year={rng.choice(YEARS)}"
        ),
        "map page with its table": lambda: f"/observatory/?category={rng.choice(categories)}",
        "region page (NUTS 2)": lambda: f"/observatory/regions/{rng.choice(regions)}/",
        "category scoreboard": lambda: (
            f"/observatory/categories/{rng.choice(categories)}/?year={rng.choice(YEARS)}"
        ),
        "API: region portfolio": lambda: (
            f"/api/v1/observatory/regions/{rng.choice(regions)}/portfolio/"
        ),
    }
    results = harness.time_scenarios(
        {name: (lambda: client, make_url) for name, make_url in scenarios.items()}, args.requests
    )
    harness.print_table(
        f"{args.database}, observatory: {len(regions)} regions × {len(categories)} categories × "
        f"{len(YEARS)} years, {args.organisations} organisations, {args.requests} requests per scenario",
        results,
        target_ms=100,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
