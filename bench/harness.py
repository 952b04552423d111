"""Shared by the web benchmarks: a fresh database, Django set-up, timing and the report table.

Requests go through Django's whole stack with the test client (middleware, views, templates),
so the figures are server time without the network. A minimal request is timed in the same
run as the baseline and each scenario is also reported as a ratio to it.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
BASELINE = "baseline: minimal API request"
BASELINE_URL = "/api/v1/taxonomies/technologies/"


def prepare_database(kind: str, pg_name: str) -> str:
    """A new empty database: a temporary SQLite file, or PostgreSQL ``pg_name`` (recreated)."""
    if kind == "sqlite":
        return f"sqlite:///{Path(tempfile.mkdtemp(prefix='cb-bench-')) / 'bench.sqlite3'}"
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {pg_name}")
        conn.execute(f"CREATE DATABASE {pg_name}")
    return f"postgres://postgres@127.0.0.1:5432/{pg_name}"


def setup_django(*, database: str, pg_name: str, no_cache: bool) -> None:
    os.environ["DATABASE_URL"] = prepare_database(database, pg_name)
    os.environ.setdefault("CLUSTERBRIDGE_DATA_DIR", tempfile.mkdtemp(prefix="cb-bench-data-"))
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterbridge.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    if no_cache:
        from django.conf import settings

        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def analyze_if_postgres(database: str) -> None:
    if database == "postgres":
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def time_scenarios(
    scenarios: dict[str, tuple[Callable[[], object], Callable[[], str]]], requests: int
) -> dict[str, tuple[float, float]]:
    """p50/p95 in ms per scenario; each scenario is (pick a client, make a URL)."""
    results = {}
    for name, (pick_client, make_url) in scenarios.items():
        for _ in range(5):  # warm caches and connections
            pick_client().get(make_url())
        samples = []
        for _ in range(requests):
            url, client = make_url(), pick_client()
            started = time.perf_counter()
            response = client.get(url)
            samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        results[name] = (percentile(samples, 50), percentile(samples, 95))
    return results


def print_table(title: str, results: dict[str, tuple[float, float]], target_ms: float) -> None:
    base_p50 = results[BASELINE][0]
    print(f"\n{title}")
    print(
        f"{'scenario':40} {'p50 ms':>8} {'p95 ms':>8} {'p95/base p50':>13}  target p95<{target_ms:g}ms"
    )
    for name, (p50, p95) in results.items():
        verdict = "" if name == BASELINE else ("met" if p95 < target_ms else "MISSED")
        print(f"{name:40} {p50:8.1f} {p95:8.1f} {p95 / base_p50:12.1f}x  {verdict}")
