"""Evaluation of proposals: weighted scores, the reviewers' average, the ranking, and the
conflict-of-interest rule (plain Python, no Django).

A call has criteria, each with a weight and a maximum score. A proposal's score is the
weighted share of the maximum, in percent with two decimals::

    score = 100 × Σ weight_i × score_i / max_i  /  Σ weight_i

so criteria marked on different scales (0–5, 0–10) count by their weight only. Reviewers
score every criterion; the consensus starts from their average per criterion, and the
agencies may change it (the consensus is what counts). The ranking is by score, highest
first; equal scores share a rank ("1, 2, 2, 4").
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

SCORE_PLACES = Decimal("0.01")
AVERAGE_PLACES = Decimal("0.1")

# Why a person may not review a proposal.
CONSORTIUM_MEMBER = "consortium_member"
SAME_COUNTRY_AGENCY = "same_country_agency"


@dataclass(frozen=True)
class Criterion:
    key: Hashable
    weight: Decimal
    max_score: int


def _check_score(criterion: Criterion, score: Decimal) -> None:
    if not (Decimal(0) <= Decimal(str(score)) <= Decimal(criterion.max_score)):
        raise ValueError(f"score {score} of {criterion.key!r} is outside 0..{criterion.max_score}")


def weighted_score(scores: Mapping[Hashable, Decimal], criteria: Sequence[Criterion]) -> Decimal:
    """The proposal's score in percent (see the module doc). Every criterion must be scored."""
    if not criteria:
        raise ValueError("a call needs criteria to be scored")
    total_weight = sum((Decimal(str(c.weight)) for c in criteria), Decimal(0))
    if total_weight <= 0:
        raise ValueError("the criteria's weights must add up to more than zero")
    points = Decimal(0)
    for criterion in criteria:
        if criterion.key not in scores:
            raise ValueError(f"criterion {criterion.key!r} is not scored")
        score = Decimal(str(scores[criterion.key]))
        _check_score(criterion, score)
        points += Decimal(str(criterion.weight)) * score / Decimal(criterion.max_score)
    return (100 * points / total_weight).quantize(SCORE_PLACES, rounding=ROUND_HALF_UP)


def average_scores(
    reviews: Iterable[Mapping[Hashable, Decimal]], criteria: Sequence[Criterion]
) -> dict[Hashable, Decimal]:
    """Per criterion, the average of the reviews that scored it (one decimal); criteria no
    review scored are left out."""
    sums: dict[Hashable, Decimal] = {}
    counts: dict[Hashable, int] = {}
    for review in reviews:
        for criterion in criteria:
            if criterion.key in review:
                sums[criterion.key] = sums.get(criterion.key, Decimal(0)) + Decimal(
                    str(review[criterion.key])
                )
                counts[criterion.key] = counts.get(criterion.key, 0) + 1
    return {
        key: (sums[key] / counts[key]).quantize(AVERAGE_PLACES, rounding=ROUND_HALF_UP)
        for key in sums
    }


def spread(
    reviews: Iterable[Mapping[Hashable, Decimal]], criteria: Sequence[Criterion]
) -> dict[Hashable, Decimal]:
    """Per criterion, the highest minus the lowest review score (where the reviewers disagree,
    the consensus meeting has something to discuss)."""
    seen: dict[Hashable, list[Decimal]] = {}
    for review in reviews:
        for criterion in criteria:
            if criterion.key in review:
                seen.setdefault(criterion.key, []).append(Decimal(str(review[criterion.key])))
    return {key: max(values) - min(values) for key, values in seen.items()}


def rank(scored: Sequence[tuple[Hashable, Decimal | None]]) -> dict[Hashable, int | None]:
    """Competition ranking by score, highest first ("1, 2, 2, 4"); unscored items get None.
    The input order breaks no ties: equal scores share their rank."""
    ordered = sorted(
        (item for item in scored if item[1] is not None), key=lambda item: -Decimal(str(item[1]))
    )
    ranks: dict[Hashable, int | None] = {key: None for key, score in scored if score is None}
    previous, previous_rank = None, 0
    for position, (key, score) in enumerate(ordered, start=1):
        value = Decimal(str(score))
        if value != previous:
            previous, previous_rank = value, position
        ranks[key] = previous_rank
    return ranks


@dataclass(frozen=True)
class Affiliation:
    """An organisation a would-be reviewer belongs to."""

    organisation: Hashable
    country: str
    is_call_agency: bool = False


def conflicts(
    affiliations: Iterable[Affiliation],
    *,
    consortium: Iterable[Hashable],
    consortium_countries: Iterable[str],
    exclude_same_country_agency: bool,
) -> list[tuple[str, Hashable]]:
    """Why this person may not review the proposal: ``(code, organisation)`` pairs, empty when
    they may. A person of a consortium organisation never may; a person of one of the call's
    agencies located in a consortium organisation's country may not when the call says so."""
    members = set(consortium)
    countries = {country for country in consortium_countries if country}
    found = []
    for affiliation in affiliations:
        if affiliation.organisation in members:
            found.append((CONSORTIUM_MEMBER, affiliation.organisation))
        elif (
            exclude_same_country_agency
            and affiliation.is_call_agency
            and affiliation.country in countries
        ):
            found.append((SAME_COUNTRY_AGENCY, affiliation.organisation))
    return found
