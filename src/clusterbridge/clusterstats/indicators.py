"""Location quotients and the cluster stars of the European Cluster Observatory.

For a region r, a category c and a reference area (all regions evaluated together):

- E_rc employment of c in r, E_r employment of r (all activities), E_c employment of c in the
  reference area, E employment of the reference area;
- location quotient LQ = (E_rc / E_r) / (E_c / E): above 1, the category weighs more in the
  region than in the reference area;
- **size** star: the region is in the top ``size_top_share`` (10 %) of the reference area's
  regions by E_rc;
- **specialisation** star: LQ ≥ ``specialisation_lq`` (2);
- **focus** star: the share E_rc / E_r is in the top ``focus_top_share`` (10 %) of the regions'
  shares for that category;
- **productivity** star: wage (or GVA) per employee in c is in the top
  ``productivity_top_share`` (quarter) of the regions for that category — only where the data
  has wages or GVA.

"Top 10 % of n regions" means a rank ≤ ceil(0.10 × n) (at least 1), ranking only the regions
with a positive figure; equal figures share a rank. Ranks, shares and LQs do not change when
every figure is multiplied by the same factor (a change of unit), so neither do the stars.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from dataclasses import dataclass

from clusterbridge.clusterstats.table import Table

PRODUCTIVITY_MEASURES = ("auto", "wages", "gva")


@dataclass(frozen=True)
class Thresholds:
    size_top_share: float = 0.10
    specialisation_lq: float = 2.0
    focus_top_share: float = 0.10
    productivity_top_share: float = 0.25
    # "wages": wage bill per employee; "gva": GVA per employee; "auto": wages when the data
    # has any, else GVA.
    productivity_measure: str = "auto"

    def __post_init__(self) -> None:
        for name in ("size_top_share", "focus_top_share", "productivity_top_share"):
            value = getattr(self, name)
            if not 0 < value <= 1:
                raise ValueError(f"{name} must be in (0, 1], not {value!r}")
        if self.specialisation_lq <= 0:
            raise ValueError(f"specialisation_lq must be positive, not {self.specialisation_lq!r}")
        if self.productivity_measure not in PRODUCTIVITY_MEASURES:
            raise ValueError(f"productivity_measure must be one of {PRODUCTIVITY_MEASURES}")


@dataclass(frozen=True, slots=True)
class Indicator:
    region: str
    category: str
    year: int
    employment: float | None = None
    enterprises: float | None = None
    wages: float | None = None
    gva: float | None = None
    region_employment: float | None = None  # E_r
    share: float | None = None  # E_rc / E_r
    lq: float | None = None
    productivity: float | None = None  # wage or GVA per employee
    size_rank: int | None = None  # 1: most employment in the category among the regions
    size_star: bool = False
    specialisation_star: bool = False
    focus_star: bool = False
    productivity_star: bool = False

    @property
    def stars(self) -> int:
        return sum(
            (self.size_star, self.specialisation_star, self.focus_star, self.productivity_star)
        )


def location_quotient(
    e_rc: float | None, e_r: float | None, e_c: float | None, e: float | None
) -> float | None:
    """(E_rc / E_r) / (E_c / E); None when a figure is missing or a denominator is not positive."""
    if e_rc is None or e_r is None or e_c is None or e is None:
        return None
    if e_r <= 0 or e_c <= 0 or e <= 0:
        return None
    return (e_rc / e_r) / (e_c / e)


def top_cutoff(count: int, share: float) -> int:
    """The number of places that make "the top ``share``" of ``count`` regions (at least one)."""
    if count <= 0:
        return 0
    # The epsilon keeps 0.1 × 30 = 3.0000000000000004 from becoming 4 places.
    return max(1, math.ceil(count * share - 1e-9))


def ranks(values: dict[str, float | None]) -> tuple[dict[str, int], int]:
    """Competition ranks (1, 2, 2, 4) of the positive values, largest first, and their count."""
    ordered = sorted(
        ((value, key) for key, value in values.items() if value is not None and value > 0),
        key=lambda item: (-item[0], item[1]),
    )
    result: dict[str, int] = {}
    previous, rank = None, 0
    for position, (value, key) in enumerate(ordered, start=1):
        if value != previous:
            rank, previous = position, value
        result[key] = rank
    return result, len(ordered)


def _in_top(values: dict[str, float | None], share: float) -> tuple[set[str], dict[str, int]]:
    ranked, count = ranks(values)
    cutoff = top_cutoff(count, share)
    return {key for key, rank in ranked.items() if rank <= cutoff}, ranked


Reference = Callable[[str], bool] | Collection[str] | None


def _keep(reference: Reference) -> Callable[[str], bool]:
    if reference is None:
        return lambda region: True
    if callable(reference):
        return reference
    allowed = set(reference)
    return allowed.__contains__


def productivity_measure(table: Table, thresholds: Thresholds) -> str | None:
    if thresholds.productivity_measure != "auto":
        return thresholds.productivity_measure
    measures = table.measures()
    if "wages" in measures:
        return "wages"
    if "gva" in measures:
        return "gva"
    return None


def evaluate(
    table: Table,
    year: int,
    *,
    reference: Reference = None,
    thresholds: Thresholds | None = None,
) -> dict[tuple[str, str], Indicator]:
    """The indicators of every (region, category) of ``year`` among the regions of the
    reference area (``None``: every region of the table; else a collection of codes or a
    predicate). The table holds regions of one NUTS level (see ``aggregate``)."""
    thresholds = thresholds or Thresholds()
    keep = _keep(reference)
    cells = {key: f for key, f in table.year(year).items() if keep(key[0])}
    region_totals = {r: v for r, v in table.region_employment(year).items() if keep(r)}
    total = sum(region_totals.values())
    measure = productivity_measure(table, thresholds)

    by_category: dict[str, dict[str, float | None]] = {}
    category_totals: dict[str, float] = {}
    shares: dict[str, dict[str, float | None]] = {}
    productivity: dict[str, dict[str, float | None]] = {}
    for (region, category), figures in cells.items():
        employment = figures.employment
        by_category.setdefault(category, {})[region] = employment
        if employment is not None:
            category_totals[category] = category_totals.get(category, 0.0) + employment
        e_r = region_totals.get(region)
        shares.setdefault(category, {})[region] = (
            employment / e_r if employment is not None and e_r else None
        )
        value = figures.get(measure) if measure else None
        productivity.setdefault(category, {})[region] = (
            value / employment if value is not None and employment else None
        )

    result: dict[tuple[str, str], Indicator] = {}
    for category, employment_by_region in by_category.items():
        size_top, size_ranks = _in_top(employment_by_region, thresholds.size_top_share)
        focus_top, _ = _in_top(shares[category], thresholds.focus_top_share)
        productive_top, _ = _in_top(productivity[category], thresholds.productivity_top_share)
        e_c = category_totals.get(category)
        for region in employment_by_region:
            figures = cells[(region, category)]
            lq = location_quotient(figures.employment, region_totals.get(region), e_c, total)
            result[(region, category)] = Indicator(
                region=region,
                category=category,
                year=year,
                employment=figures.employment,
                enterprises=figures.enterprises,
                wages=figures.wages,
                gva=figures.gva,
                region_employment=region_totals.get(region),
                share=shares[category][region],
                lq=lq,
                productivity=productivity[category][region],
                size_rank=size_ranks.get(region),
                size_star=region in size_top,
                specialisation_star=lq is not None and lq >= thresholds.specialisation_lq,
                focus_star=region in focus_top,
                productivity_star=region in productive_top,
            )
    return result


def reference_lq(table: Table, year: int, *, reference: Reference = None) -> dict[str, float]:
    """The location quotient of the reference area itself, per category: the whole area
    treated as one region (always 1 where defined; a check of the arithmetic)."""
    keep = _keep(reference)
    cells = {key: f for key, f in table.year(year).items() if keep(key[0])}
    total = sum(v for r, v in table.region_employment(year).items() if keep(r))
    per_category: dict[str, float] = {}
    for (_region, category), figures in cells.items():
        if figures.employment is not None:
            per_category[category] = per_category.get(category, 0.0) + figures.employment
    return {
        category: lq
        for category, e_c in per_category.items()
        if (lq := location_quotient(e_c, total, e_c, total)) is not None
    }
