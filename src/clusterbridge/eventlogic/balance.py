"""Selection after the deadline with a balanced geographic distribution.

Rule (issue 4): as many countries as possible are represented, and no country takes more than
its fair share while others still wait. This is water-filling: every country gets
``min(applicants, level)`` places for the highest level the capacity allows; the few places left
over (fewer than the countries still waiting) go to the countries whose next applicant
registered earliest. Within a country, registration order decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Applicant:
    id: int
    country: str
    # Anything sortable that orders registrations (a timestamp, a sequence number).
    registered: object


def country_quotas(counts: dict[str, int], capacity: int) -> dict[str, int]:
    """Places per country by water-filling, before the left-over places are handed out."""
    if capacity <= 0:
        return dict.fromkeys(counts, 0)
    if sum(counts.values()) <= capacity:
        return dict(counts)
    # Highest level L with sum(min(n, L)) <= capacity; at most max(counts) iterations of a
    # binary search, so cheap even for thousands of applicants.
    lo, hi = 0, max(counts.values())
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sum(min(n, mid) for n in counts.values()) <= capacity:
            lo = mid
        else:
            hi = mid - 1
    return {c: min(n, lo) for c, n in counts.items()}


def select_balanced(applicants: Sequence[Applicant], capacity: int) -> list[int]:
    """Ids of the selected applicants, in registration order."""
    ordered = sorted(applicants, key=lambda a: (a.registered, a.id))
    by_country: dict[str, list[Applicant]] = {}
    for a in ordered:
        by_country.setdefault(a.country, []).append(a)
    quotas = country_quotas({c: len(v) for c, v in by_country.items()}, capacity)
    left = capacity - sum(quotas.values())
    if left > 0:
        # Countries with more applicants than their quota compete for the remaining places; the
        # one whose next applicant registered first wins (one extra place each at most, since
        # fewer places are left than such countries — otherwise the level would be higher).
        waiting = sorted(
            (by_country[c][q] for c, q in quotas.items() if len(by_country[c]) > q),
            key=lambda a: (a.registered, a.id),
        )
        for a in waiting[:left]:
            quotas[a.country] += 1
    chosen = {a.id for c, rows in by_country.items() for a in rows[: quotas[c]]}
    return [a.id for a in ordered if a.id in chosen]
