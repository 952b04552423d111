"""Demo audience: 90 days of counts (views per page group and country, sessions, referring
sites), deterministic for the seed, marked ``is_demo``; the real counts are never touched."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from clusterbridge.analytics.models import AudienceCount, CountKind

DAYS = 90
COUNTRIES = [  # a European platform's audience, with some from beyond
    ("ES", 11), ("FR", 10), ("DE", 10), ("IT", 9), ("PL", 6), ("BE", 5), ("NL", 4), ("PT", 4),
    ("AT", 3), ("SE", 3), ("CZ", 3), ("RO", 3), ("GR", 2), ("DK", 2), ("FI", 2), ("IE", 2),
    ("US", 3), ("KR", 1), ("TW", 1), ("JP", 1), ("CA", 1), ("IN", 1), ("", 4),
]  # fmt: skip
PAGES = [
    ("home", 20), ("organisations:directory", 18), ("organisations:detail", 16),
    ("marketplace:index", 9), ("marketplace:opportunity", 8), ("events:index", 7),
    ("events:detail", 6), ("calls:index", 6), ("calls:detail", 4), ("observatory:index", 3),
    ("partnerships:index", 2), ("benchmarking:labels", 1),
]  # fmt: skip
REFERRERS = [
    ("www.google.com", 6),
    ("www.linkedin.com", 3),
    ("ec.europa.eu", 2),
    ("duckduckgo.com", 1),
]


def remove() -> None:
    AudienceCount.objects.filter(is_demo=True).delete()


@transaction.atomic
def generate(*, seed: int) -> str:
    rng = random.Random(seed)
    remove()
    today = timezone.localdate()
    rows = []
    total_views = 0
    for offset in range(DAYS):
        day = today - datetime.timedelta(days=DAYS - offset)
        weekday = day.weekday() < 5
        daily_sessions = int(rng.randint(1800, 2600) * (1 if weekday else 0.45))
        for country, weight in COUNTRIES:
            sessions = max(1, round(daily_sessions * weight / 100 * rng.uniform(0.8, 1.2)))
            rows.append(
                AudienceCount(
                    day=day, kind=CountKind.SESSION, country=country, count=sessions, is_demo=True
                )
            )
            views = round(sessions * rng.uniform(2.5, 4.0))
            total_views += views
            for page, share in PAGES:
                rows.append(
                    AudienceCount(
                        day=day,
                        kind=CountKind.VIEW,
                        key=page,
                        country=country,
                        count=max(1, round(views * share / 100)),
                        is_demo=True,
                    )
                )
            for host, share in REFERRERS:
                rows.append(
                    AudienceCount(
                        day=day,
                        kind=CountKind.REFERRER,
                        key=host,
                        country=country,
                        count=max(1, round(sessions * share / 100)),
                        is_demo=True,
                    )
                )
    AudienceCount.objects.bulk_create(rows, batch_size=2000)
    return f"Audience: {DAYS} days, about {total_views:,} page views."
