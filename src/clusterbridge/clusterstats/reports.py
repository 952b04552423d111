"""What people read: a region's portfolio, a category's scoreboard, trends, growth, comparisons."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from clusterbridge.clusterstats.indicators import Indicator
from clusterbridge.clusterstats.table import MEASURES, Table

MIN_COMPARED, MAX_COMPARED = 2, 5


def _sort_value(value: float | None) -> float:
    return value if value is not None else float("-inf")


def portfolio(indicators: Iterable[Indicator], region: str) -> list[Indicator]:
    """The region's categories, strongest first: most stars, then highest LQ, then employment."""
    rows = [i for i in indicators if i.region == region]
    return sorted(
        rows,
        key=lambda i: (-i.stars, -_sort_value(i.lq), -_sort_value(i.employment), i.category),
    )


SCOREBOARD_ORDERS = ("employment", "lq", "stars", "share", "productivity")


def scoreboard(
    indicators: Iterable[Indicator], category: str, *, by: str = "employment"
) -> list[Indicator]:
    """The regions of a category ranked by ``by`` (largest first; regions without the figure
    last), ties broken by employment then code."""
    if by not in SCOREBOARD_ORDERS:
        raise ValueError(f"by must be one of {SCOREBOARD_ORDERS}")
    rows = [i for i in indicators if i.category == category]

    def key(i: Indicator):
        value = i.stars if by == "stars" else getattr(i, by)
        return (-_sort_value(value), -_sort_value(i.employment), i.region)

    return sorted(rows, key=key)


def trend(
    table: Table, region: str, category: str | None = None, *, measure: str = "employment"
) -> list[tuple[int, float | None]]:
    """(year, figure) for every year of the table: a category's figure in the region, or the
    region's total employment when ``category`` is None."""
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}")
    result = []
    for year in table.years():
        if category is None:
            value = table.region_employment(year).get(region) if measure == "employment" else None
        else:
            figures = table.get(region, category, year)
            value = figures.get(measure) if figures else None
        result.append((year, value))
    return result


@dataclass(frozen=True)
class Growth:
    start_year: int
    end_year: int
    start: float | None
    end: float | None

    @property
    def change(self) -> float | None:
        if self.start is None or self.end is None:
            return None
        return self.end - self.start

    @property
    def percent(self) -> float | None:
        """Change over the period in per cent of the start."""
        if self.start is None or self.end is None or self.start <= 0:
            return None
        return (self.end / self.start - 1) * 100

    @property
    def annual_percent(self) -> float | None:
        """Compound annual growth rate in per cent."""
        years = self.end_year - self.start_year
        if self.start is None or self.end is None or self.start <= 0 or years <= 0:
            return None
        if self.end < 0:
            return None
        return ((self.end / self.start) ** (1 / years) - 1) * 100


def growth(series: Sequence[tuple[int, float | None]], start: int, end: int) -> Growth:
    """Growth between two years of a (year, figure) series (e.g. from ``trend``)."""
    if end < start:
        raise ValueError("the end year comes before the start year")
    values = dict(series)
    return Growth(start_year=start, end_year=end, start=values.get(start), end=values.get(end))


@dataclass(frozen=True)
class Comparison:
    regions: tuple[str, ...]
    # category → one indicator per compared region (None where the region has no figure),
    # categories in order of the highest LQ among the regions.
    rows: list[tuple[str, tuple[Indicator | None, ...]]]


def compare(indicators: Iterable[Indicator], regions: Sequence[str]) -> Comparison:
    """2–5 distinct regions side by side, category by category."""
    regions = tuple(regions)
    if len(set(regions)) != len(regions):
        raise ValueError("each region may be compared once")
    if not MIN_COMPARED <= len(regions) <= MAX_COMPARED:
        raise ValueError(f"compare {MIN_COMPARED} to {MAX_COMPARED} regions")
    wanted = set(regions)
    found: dict[str, dict[str, Indicator]] = {}
    for indicator in indicators:
        if indicator.region in wanted:
            found.setdefault(indicator.category, {})[indicator.region] = indicator
    rows = [
        (category, tuple(by_region.get(region) for region in regions))
        for category, by_region in found.items()
    ]
    rows.sort(
        key=lambda row: (
            -max(_sort_value(i.lq) if i else float("-inf") for i in row[1]),
            row[0],
        )
    )
    return Comparison(regions=regions, rows=rows)
