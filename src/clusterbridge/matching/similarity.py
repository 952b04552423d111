"""'Similar organisations': shared sectors and technologies, preferring partners abroad.

Cluster cooperation is mostly about finding peers elsewhere, so an organisation in another
country ranks above an equally similar one at home; every suggestion explains itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from clusterbridge.matching.text import Reason, name_list

SECTOR_WEIGHT = 3.0
TECHNOLOGY_WEIGHT = 2.0
ECOSYSTEM_WEIGHT = 1.0
KEYWORD_WEIGHT = 0.5
OTHER_COUNTRY_FACTOR = 1.25


@dataclass(frozen=True)
class Profile:
    id: int
    country: str
    sectors: frozenset[str] = field(default_factory=frozenset)
    technologies: frozenset[str] = field(default_factory=frozenset)
    ecosystems: frozenset[str] = field(default_factory=frozenset)
    keywords: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Suggestion:
    id: int
    score: float
    reasons: tuple[Reason, ...]


def score_pair(
    target: Profile,
    candidate: Profile,
    *,
    labels: Mapping[str, str] | None = None,
    country_names: Mapping[str, str] | None = None,
) -> Suggestion | None:
    """Score one candidate against the target; None when they share neither sector nor technology."""
    labels = labels or {}
    shared_sectors = target.sectors & candidate.sectors
    shared_technologies = target.technologies & candidate.technologies
    if not shared_sectors and not shared_technologies:
        return None
    shared_ecosystems = target.ecosystems & candidate.ecosystems
    shared_keywords = target.keywords & candidate.keywords
    score = (
        SECTOR_WEIGHT * len(shared_sectors)
        + TECHNOLOGY_WEIGHT * len(shared_technologies)
        + ECOSYSTEM_WEIGHT * len(shared_ecosystems)
        + KEYWORD_WEIGHT * len(shared_keywords)
    )
    reasons = []
    if shared_sectors:
        reasons.append(
            Reason(
                "sectors",
                f"Shares sectors: {name_list(shared_sectors, labels)}",
                codes=tuple(sorted(shared_sectors)),
            )
        )
    if shared_technologies:
        reasons.append(
            Reason(
                "technologies",
                f"Shares technologies: {name_list(shared_technologies, labels)}",
                codes=tuple(sorted(shared_technologies)),
            )
        )
    if shared_ecosystems:
        reasons.append(
            Reason(
                "ecosystems",
                f"Same industrial ecosystems: {name_list(shared_ecosystems, labels)}",
                codes=tuple(sorted(shared_ecosystems)),
            )
        )
    if shared_keywords:
        reasons.append(
            Reason(
                "keywords",
                f"Common keywords: {name_list(shared_keywords, {})}",
                words=tuple(sorted(shared_keywords)),
            )
        )
    if candidate.country != target.country:
        score *= OTHER_COUNTRY_FACTOR
        country = (country_names or {}).get(candidate.country, candidate.country)
        reasons.append(
            Reason("abroad", f"A potential partner abroad ({country})", country=candidate.country)
        )
    return Suggestion(id=candidate.id, score=round(score, 4), reasons=tuple(reasons))


def similar_profiles(
    target: Profile,
    candidates: Iterable[Profile],
    *,
    limit: int = 6,
    labels: Mapping[str, str] | None = None,
    country_names: Mapping[str, str] | None = None,
) -> list[Suggestion]:
    """The ``limit`` best candidates, best first; ties broken by id so results are stable."""
    suggestions = [
        suggestion
        for candidate in candidates
        if candidate.id != target.id
        and (
            suggestion := score_pair(target, candidate, labels=labels, country_names=country_names)
        )
    ]
    suggestions.sort(key=lambda s: (-s.score, s.id))
    return suggestions[:limit]
