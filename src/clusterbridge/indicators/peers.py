"""Percentile ranks of an organisation's values against all assessments and a peer group."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Fewer peers than this make a percentile meaningless; it is then not given.
MIN_PEERS = 5


def percentile_rank(value: float, population: Sequence[float]) -> float | None:
    """Share of the population below the value, counting ties half (0–100, one decimal).

    The population includes the organisation itself, as it is one of the validated assessments.
    """
    if not population:
        return None
    below = sum(1 for v in population if v < value)
    equal = sum(1 for v in population if v == value)
    return round(100.0 * (below + 0.5 * equal) / len(population), 1)


@dataclass(frozen=True)
class Profile:
    """What the peer group is defined by."""

    key: object
    country: str
    sectors: frozenset[str]
    size_band: str


def is_peer(target: Profile, other: Profile) -> bool:
    """Same country, at least one shared sector, same member-size band."""
    return (
        other.country == target.country
        and other.size_band == target.size_band
        and bool(target.sectors & other.sectors)
    )


def peer_keys(target: Profile, population: Iterable[Profile]) -> set[object]:
    return {p.key for p in population if is_peer(target, p)}


def peer_percentile(
    value: float, peer_values: Sequence[float], minimum: int = MIN_PEERS
) -> float | None:
    if len(peer_values) < minimum:
        return None
    return percentile_rank(value, peer_values)


def histogram(values: Sequence[float], bins: int = 10) -> tuple[list[float], list[int]]:
    """Equal-width bins over the range of the values: (lower edges, counts)."""
    if not values:
        return [], []
    low, high = min(values), max(values)
    if high == low:
        return [low], [len(values)]
    width = (high - low) / bins
    counts = [0] * bins
    for v in values:
        counts[min(int((v - low) / width), bins - 1)] += 1
    return [round(low + i * width, 2) for i in range(bins)], counts
