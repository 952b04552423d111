"""The input of the engine: figures per (region, category, year), plus region totals.

Employment, enterprises, wages and GVA are *totals of the cell*: persons employed, number of
enterprises, the wage bill (wages and salaries) and gross value added of that category in that
region and year. Averages (wage per employee, GVA per employee) are derived by the indicators,
never stored, so that figures add up the NUTS tree.

A region's total employment (all activities, traded and local) may be given separately
(``totals``); without it, the region's employment is the sum over its categories.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields

MEASURES = ("employment", "enterprises", "wages", "gva")

Key = tuple[str, str, int]  # (region code, category code, year)


@dataclass(frozen=True, slots=True)
class Figures:
    employment: float | None = None
    enterprises: float | None = None
    wages: float | None = None
    gva: float | None = None

    def get(self, measure: str) -> float | None:
        return getattr(self, measure)

    def scaled(self, factor: float) -> Figures:
        return Figures(
            **{
                f.name: None if getattr(self, f.name) is None else getattr(self, f.name) * factor
                for f in fields(self)
            }
        )


class Table:
    """Cells (region, category, year) → Figures and totals (region, year) → employment."""

    def __init__(
        self,
        cells: Mapping[Key, Figures] | Iterable[tuple[Key, Figures]] = (),
        totals: Mapping[tuple[str, int], float] | None = None,
    ):
        self.cells: dict[Key, Figures] = dict(
            cells.items() if isinstance(cells, Mapping) else cells
        )
        self.totals: dict[tuple[str, int], float] = dict(totals or {})

    def __len__(self) -> int:
        return len(self.cells)

    def __iter__(self) -> Iterator[tuple[Key, Figures]]:
        return iter(self.cells.items())

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Table) and self.cells == other.cells and self.totals == other.totals
        )

    def set(self, region: str, category: str, year: int, figures: Figures) -> None:
        self.cells[(region, category, year)] = figures

    def get(self, region: str, category: str, year: int) -> Figures | None:
        return self.cells.get((region, category, year))

    def years(self) -> list[int]:
        return sorted({year for _, _, year in self.cells} | {year for _, year in self.totals})

    def regions(self) -> list[str]:
        return sorted({region for region, _, _ in self.cells} | {r for r, _ in self.totals})

    def categories(self) -> list[str]:
        return sorted({category for _, category, _ in self.cells})

    def measures(self) -> set[str]:
        """The measures that have at least one value."""
        return {
            m for figures in self.cells.values() for m in MEASURES if figures.get(m) is not None
        }

    def year(self, year: int) -> dict[tuple[str, str], Figures]:
        """The cells of one year, by (region, category)."""
        return {(r, c): figures for (r, c, y), figures in self.cells.items() if y == year}

    def region_employment(self, year: int) -> dict[str, float]:
        """Each region's total employment in ``year``: the given total, else the sum of its
        categories (regions with no employment figure at all are left out)."""
        summed: dict[str, float] = {}
        for (region, _category, y), figures in self.cells.items():
            if y == year and figures.employment is not None:
                summed[region] = summed.get(region, 0.0) + figures.employment
        given = {region: value for (region, y), value in self.totals.items() if y == year}
        return {**summed, **given}

    def scaled(self, factor: float) -> Table:
        """Every figure (and total) multiplied by ``factor``: a change of unit."""
        return Table(
            {key: figures.scaled(factor) for key, figures in self.cells.items()},
            {key: value * factor for key, value in self.totals.items()},
        )

    def only(self, regions: Iterable[str]) -> Table:
        keep = set(regions)
        return Table(
            {key: f for key, f in self.cells.items() if key[0] in keep},
            {key: v for key, v in self.totals.items() if key[0] in keep},
        )
