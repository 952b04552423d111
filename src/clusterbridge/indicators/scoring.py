"""Rating answers against thresholds, and dimension / overall scores."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class Rating(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


# Points per rating; a score is the mean of points, so it reads as a percentage.
POINTS = {Rating.GREEN: 100.0, Rating.YELLOW: 50.0, Rating.RED: 0.0}

NUMERIC_TYPES = frozenset({"number", "percentage"})


@dataclass(frozen=True)
class Thresholds:
    """``green_at`` / ``yellow_at`` are the lowest values (or highest, when lower is better)
    still earning that colour. Choice answers map each option to a rating instead."""

    green_at: float | None = None
    yellow_at: float | None = None
    higher_is_better: bool = True
    choice_ratings: Mapping[str, str] | None = None


def rate(answer_type: str, value: object, thresholds: Thresholds) -> Rating | None:
    """The colour of one answer, or None when the answer is missing or not rated (text, date)."""
    if value is None or value == "":
        return None
    if answer_type == "yes_no":
        return Rating.GREEN if value is True else Rating.RED
    if answer_type == "choice":
        rating = (thresholds.choice_ratings or {}).get(str(value))
        return Rating(rating) if rating else None
    if answer_type not in NUMERIC_TYPES:
        return None
    if thresholds.green_at is None or thresholds.yellow_at is None:
        return None
    number = float(value)  # type: ignore[arg-type]
    if thresholds.higher_is_better:
        if number >= thresholds.green_at:
            return Rating.GREEN
        return Rating.YELLOW if number >= thresholds.yellow_at else Rating.RED
    if number <= thresholds.green_at:
        return Rating.GREEN
    return Rating.YELLOW if number <= thresholds.yellow_at else Rating.RED


def mean_points(ratings: Iterable[Rating | None]) -> float | None:
    points = [POINTS[r] for r in ratings if r is not None]
    return round(sum(points) / len(points), 1) if points else None


@dataclass(frozen=True)
class Scores:
    dimensions: dict[str, float | None]
    overall: float | None


def score(ratings_by_dimension: Mapping[str, Iterable[Rating | None]]) -> Scores:
    """Dimension score = mean points of its rated indicators; overall = mean of the dimension
    scores, so each of the six dimensions weighs the same whatever its number of indicators."""
    dimensions = {code: mean_points(ratings) for code, ratings in ratings_by_dimension.items()}
    rated = [s for s in dimensions.values() if s is not None]
    overall = round(sum(rated) / len(rated), 1) if rated else None
    return Scores(dimensions=dimensions, overall=overall)
