"""Read side of the audience counts for a period: totals, audience by location (sessions and
share per country), top pages, referring sites and the daily trend. A fixed number of
aggregate queries (two) whatever the number of rows (see bench/bench_audience.py)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum

from clusterbridge.analytics.models import AudienceCount, CountKind

TOP = 20


@dataclass(frozen=True)
class CountryRow:
    country: str  # "" for unknown
    sessions: int
    views: int
    share: Decimal  # percent of the period's sessions, one decimal


@dataclass(frozen=True)
class Audience:
    start: datetime.date
    end: datetime.date
    views: int
    sessions: int
    countries: list[CountryRow]
    pages: list[tuple[str, int]]
    referrers: list[tuple[str, int]]
    days: list[tuple[datetime.date, int, int]]  # day, views, sessions (every day of the period)


def _period(start: datetime.date, end: datetime.date):
    return AudienceCount.objects.filter(day__gte=start, day__lte=end)


def share(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal(0)
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def audience(start: datetime.date, end: datetime.date, *, top: int = TOP) -> Audience:
    """Two aggregate queries: (day, country, kind) for the totals, countries and days, and
    (kind, key) for the pages and referring sites."""
    rows = _period(start, end)
    by_country: dict[str, dict[str, int]] = {}
    per_day: dict[datetime.date, dict[str, int]] = {}
    for day, country, kind, total in (
        rows.exclude(kind=CountKind.REFERRER)
        .values_list("day", "country", "kind")
        .annotate(total=Sum("count"))
        .order_by()
    ):
        counts = by_country.setdefault(country, {})
        counts[kind] = counts.get(kind, 0) + total
        daily = per_day.setdefault(day, {})
        daily[kind] = daily.get(kind, 0) + total
    sessions = sum(c.get(CountKind.SESSION, 0) for c in by_country.values())
    views = sum(c.get(CountKind.VIEW, 0) for c in by_country.values())
    countries = sorted(
        (
            CountryRow(
                country=code,
                sessions=c.get(CountKind.SESSION, 0),
                views=c.get(CountKind.VIEW, 0),
                share=share(c.get(CountKind.SESSION, 0), sessions),
            )
            for code, c in by_country.items()
        ),
        key=lambda row: (-row.sessions, -row.views, row.country == "", row.country),
    )
    keyed: dict[str, list[tuple[str, int]]] = {CountKind.VIEW: [], CountKind.REFERRER: []}
    for kind, key, total in (
        rows.filter(kind__in=[CountKind.VIEW, CountKind.REFERRER])
        .values_list("kind", "key")
        .annotate(total=Sum("count"))
        .order_by()
    ):
        keyed[kind].append((key, total))
    pages, referrers = (
        sorted(keyed[kind], key=lambda item: (-item[1], item[0]))[:top]
        for kind in (CountKind.VIEW, CountKind.REFERRER)
    )
    days = []
    day = start
    while day <= end:
        counts = per_day.get(day, {})
        days.append((day, counts.get(CountKind.VIEW, 0), counts.get(CountKind.SESSION, 0)))
        day += datetime.timedelta(days=1)
    return Audience(
        start=start,
        end=end,
        views=views,
        sessions=sessions,
        countries=countries,
        pages=pages,
        referrers=referrers,
        days=days,
    )
