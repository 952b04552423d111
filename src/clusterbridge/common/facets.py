"""Facets shared by the searches (directory, marketplace): values with counts, built one way."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# Part of cache keys under which facets are stored: change it when these classes change, so
# that a shared cache (Redis) never hands old pickles to new code.
FACETS_FORMAT = "f3"


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str  # attribute of the query object
    label: str
    param: str  # URL parameter
    values: list[FacetValue] = field(default_factory=list)
    single: bool = False  # one value at a time (radio buttons)
    any_label: str = ""  # for a single facet, the choice that selects nothing ("Any time")

    @property
    def has_selection(self) -> bool:
        return any(value.selected for value in self.values)


def build_facet(
    *,
    name: str,
    label: str,
    param: str,
    counts: Mapping[str, int],
    labels: Mapping[str, str],
    selected: Iterable[str],
    order: str = "count",
    limit: int | None = None,
) -> Facet:
    """Values with counts; selected values always stay visible, even at zero or past the limit.

    ``order``: "count" (most first, then by label), "label", or "declared" (the order of
    ``labels``; values without a label last)."""
    selected = tuple(selected)
    items = [
        FacetValue(value=v, label=labels.get(v, v), count=counts.get(v, 0), selected=v in selected)
        for v in set(counts) | set(selected)
    ]
    if order == "count":
        items.sort(key=lambda item: (-item.count, item.label))
    elif order == "label":
        items.sort(key=lambda item: item.label)
    elif order == "declared":
        position = {value: i for i, value in enumerate(labels)}
        items.sort(key=lambda item: position.get(item.value, len(position)))
    if limit is not None:
        items = items[:limit] + [item for item in items[limit:] if item.selected]
    return Facet(name=name, label=label, param=param, values=items)
