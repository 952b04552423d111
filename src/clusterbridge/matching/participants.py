"""Participants worth meeting at a matchmaking event, each with the reasons for the suggestion.

Builds on :func:`clusterbridge.matching.similarity.score_pair` (shared sectors and technologies,
partners abroad) and adds what only an event card knows: the countries a participant is
interested in, and words of what one seeks that appear in what the other offers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from clusterbridge.matching.similarity import Profile, score_pair
from clusterbridge.matching.text import Reason

COUNTRY_OF_INTEREST_BONUS = 2.0
OFFER_MATCH_WEIGHT = 1.5
MIN_WORD_LENGTH = 5
STOP_WORDS = frozenset({"about", "their", "which", "other", "these", "those", "where", "looking"})


@dataclass(frozen=True)
class Card:
    id: int
    country: str
    sectors: frozenset[str] = field(default_factory=frozenset)
    technologies: frozenset[str] = field(default_factory=frozenset)
    interest_countries: frozenset[str] = field(default_factory=frozenset)
    offer: str = ""
    seek: str = ""
    # The participant's organisation: colleagues are never suggested to each other.
    organisation: int | None = None


@dataclass(frozen=True)
class Recommendation:
    id: int
    score: float
    reasons: tuple[Reason, ...]


def _words(text: str) -> set[str]:
    return {
        w
        for w in re.findall(r"[a-zà-ÿ]+", text.lower())
        if len(w) >= MIN_WORD_LENGTH and w not in STOP_WORDS
    }


def score_card(
    target: Card,
    other: Card,
    *,
    labels: Mapping[str, str] | None = None,
    country_names: Mapping[str, str] | None = None,
) -> Recommendation | None:
    names = country_names or {}
    base = score_pair(
        Profile(target.id, target.country, target.sectors, target.technologies),
        Profile(other.id, other.country, other.sectors, other.technologies),
        labels=labels,
        country_names=names,
    )
    score = base.score if base else 0.0
    reasons = list(base.reasons) if base else []
    if other.country in target.interest_countries:
        score += COUNTRY_OF_INTEREST_BONUS
        reasons.append(
            Reason(
                "country_of_interest",
                f"From {names.get(other.country, other.country)}, a country you look at",
                country=other.country,
            )
        )
    matched = sorted(_words(target.seek) & _words(other.offer))
    if matched:
        score += OFFER_MATCH_WEIGHT * len(matched)
        reasons.append(
            Reason(
                "offers_sought",
                f"Offers what you seek: {', '.join(matched[:3])}",
                words=tuple(matched[:3]),
            )
        )
    if score <= 0:
        return None
    return Recommendation(id=other.id, score=round(score, 4), reasons=tuple(reasons))


def recommend(
    target: Card,
    others: Iterable[Card],
    *,
    limit: int = 10,
    labels: Mapping[str, str] | None = None,
    country_names: Mapping[str, str] | None = None,
) -> list[Recommendation]:
    """The ``limit`` best other participants, best first; ties broken by id (stable).
    People of the target's own organisation are left out: they meet at home."""
    out = [
        r
        for o in others
        if o.id != target.id
        and (target.organisation is None or o.organisation != target.organisation)
        and (r := score_card(target, o, labels=labels, country_names=country_names))
    ]
    out.sort(key=lambda r: (-r.score, r.id))
    return out[:limit]
