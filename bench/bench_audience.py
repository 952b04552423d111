"""Audience benchmark: what counting adds to a request, and the audience page on a large table.

    python bench/bench_audience.py --database sqlite
    python bench/bench_audience.py --database postgres

It builds a fresh database (see harness.py) and stores a year of audience counts standing for
``--page-views`` page views (1,000,000 by default: buckets per day × page group × country,
as the counting writes them). Then it times:

- the same page (the home page) with counting off and with counting on, each request a new
  visitor (so every request also counts a session), the buffer written after the responses as
  in production; the difference of the p95s is what counting adds (target < 1 ms);
- staff's audience page and the API's audience answer for the last 30 and 365 days, against a
  minimal API request measured in the same run (target p95 < 300 ms).
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import time

import harness

PG_NAME = "clusterbridge_bench_audience"
PAGES = [f"app{a}:page{p}" for a in range(12) for p in range(6)]  # 72 page groups
COUNTRIES = ["ES", "FR", "DE", "IT", "PL", "BE", "NL", "PT", "AT", "SE", "US", "KR", ""]


def build(page_views: int, seed: int) -> int:
    """Rows standing for ``page_views`` views over the last 365 days; the rows written."""
    from django.utils import timezone

    from clusterbridge.analytics.models import AudienceCount, CountKind

    rng = random.Random(seed)
    today = timezone.localdate()
    per_day = page_views // 365
    rows = []
    for offset in range(365):
        day = today - datetime.timedelta(days=offset)
        left = per_day
        for country in COUNTRIES:
            sessions = max(1, per_day // (3 * len(COUNTRIES)))
            rows.append(
                AudienceCount(day=day, kind=CountKind.SESSION, country=country, count=sessions)
            )
            for page in rng.sample(PAGES, 24):
                n = max(1, min(left, per_day // (24 * len(COUNTRIES))))
                left -= n
                rows.append(
                    AudienceCount(day=day, kind=CountKind.VIEW, key=page, country=country, count=n)
                )
            rows.append(
                AudienceCount(
                    day=day,
                    kind=CountKind.REFERRER,
                    key=f"site{rng.randrange(40)}.example",
                    country=country,
                    count=rng.randint(1, 50),
                )
            )
    AudienceCount.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)
    return len(rows)


def counting_cost(requests: int) -> dict[str, tuple[float, float]]:
    """The home page with counting off and on, alternately (so that the machine's drift
    weighs on both alike), a new visitor each time."""
    from django.conf import settings
    from django.test import Client

    from clusterbridge.analytics import counting

    client = Client()
    samples: dict[str, list[float]] = {"home page, counting off": [], "home page, counting on": []}
    for _ in range(20):
        client.get("/", HTTP_USER_AGENT="Mozilla/5.0 warm-up", REMOTE_ADDR="192.0.2.1")
    for index in range(requests):
        address = f"10.{index // 65536 % 256}.{index // 256 % 256}.{index % 256}"
        for label, on in (("home page, counting off", False), ("home page, counting on", True)):
            settings.AUDIENCE_COUNTING = on
            started = time.perf_counter()
            response = client.get(
                "/", HTTP_USER_AGENT="Mozilla/5.0 (bench) Firefox/150", REMOTE_ADDR=address
            )
            samples[label].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
    # Counting's own time, without the rest of the request around it: the middleware's call
    # on a real request and response, the buffer written as in production.
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse
    from django.test import RequestFactory
    from django.urls import resolve

    settings.AUDIENCE_COUNTING = True
    factory, match = RequestFactory(), resolve("/")
    own = []
    for index in range(requests * 5):
        request = factory.get(
            "/",
            HTTP_USER_AGENT="Mozilla/5.0 (bench) Firefox/150",
            REMOTE_ADDR=f"10.9.{index % 250}.{index // 250 % 250}",
        )
        request.user, request.resolver_match = AnonymousUser(), match
        response = HttpResponse("<p>page</p>", content_type="text/html; charset=utf-8")
        started = time.perf_counter()
        counting.count(request, response)
        counting.flush_if_due()
        own.append((time.perf_counter() - started) * 1000)
    counting.flush()
    settings.AUDIENCE_COUNTING = False
    results = {
        label: (harness.percentile(values, 50), harness.percentile(values, 95))
        for label, values in samples.items()
    }
    results["counting alone (middleware call + flushes)"] = (
        harness.percentile(own, 50),
        harness.percentile(own, 95),
    )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--page-views", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=100, help="timed requests per scenario")
    parser.add_argument("--counting-requests", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pg-name", default=PG_NAME)
    args = parser.parse_args(argv)
    if not args.pg_name.isidentifier() or args.pg_name in ("postgres", "template0", "template1"):
        parser.error(f"--pg-name {args.pg_name!r}: not a database this benchmark may recreate")

    harness.setup_django(database=args.database, pg_name=args.pg_name, no_cache=False)
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone

    rows = build(args.page_views, args.seed)
    harness.analyze_if_postgres(args.database)
    cost = counting_cost(args.counting_requests)
    off, on = cost["home page, counting off"][1], cost["home page, counting on"][1]
    print(
        f"\n{args.database}: counting, {args.counting_requests} requests each, a new visitor "
        f"every request"
    )
    for label, (p50, p95) in cost.items():
        print(f"{label:44} p50 {p50:7.3f} ms  p95 {p95:7.3f} ms")
    alone = cost["counting alone (middleware call + flushes)"][1]
    print(
        f"counting adds {on - off:+.2f} ms at p95 to the page (noise included), and takes "
        f"{alone:.3f} ms at p95 on its own (target < 1 ms: {'met' if alone < 1 else 'MISSED'})"
    )

    staff = get_user_model().objects.create_user(
        "staff@bench.example", "x", name="Staff", is_staff=True
    )
    client = Client()
    client.force_login(staff)
    today = timezone.localdate()
    month = f"start={today - datetime.timedelta(days=29)}&end={today}"
    year = f"start={today - datetime.timedelta(days=364)}&end={today}"
    scenarios = {
        harness.BASELINE: lambda: harness.BASELINE_URL,
        "audience page, 30 days": lambda: f"/staff/analytics/audience/?{month}",
        "audience page, 365 days": lambda: f"/staff/analytics/audience/?{year}",
        "API: audience, 365 days": lambda: f"/api/v1/analytics/audience/?{year}",
    }
    results = harness.time_scenarios(
        {name: (lambda: client, make_url) for name, make_url in scenarios.items()}, args.requests
    )
    harness.print_table(
        f"{args.database}, audience: {rows:,} count rows standing for {args.page_views:,} page "
        f"views over 365 days, {args.requests} requests per scenario",
        results,
        target_ms=300,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
