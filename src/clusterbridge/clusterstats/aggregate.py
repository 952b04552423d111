"""Aggregation up the NUTS tree: NUTS 2 → NUTS 1 → country.

A NUTS code is its country's two letters followed by one character per level ("DE", "DE1",
"DE11"), so a region's ancestor at level k is its code's first 2 + k characters.

Every figure of a parent is the sum of its children's figures (employment, enterprises, the
wage bill, GVA are totals of their cells). When a child present in the table lacks a figure
for a measure, the parent's figure for that measure is unknown (None) rather than understated.
The input must hold regions of one level: mixing a region with its own children would count
them twice.
"""

from __future__ import annotations

from clusterbridge.clusterstats.table import MEASURES, Figures, Table


def level_of(code: str) -> int:
    return len(code) - 2


def ancestor(code: str, level: int) -> str:
    """The code of the region's ancestor at ``level`` (the region itself at its own level)."""
    if level < 0 or level > level_of(code):
        raise ValueError(f"{code} has no ancestor at level {level}")
    return code[: 2 + level]


def aggregate(table: Table, level: int) -> Table:
    """The table summed to NUTS ``level`` (0: countries)."""
    sums: dict[tuple[str, str, int], dict[str, float | None]] = {}
    for (region, category, year), figures in table.cells.items():
        key = (ancestor(region, level), category, year)
        current = sums.get(key)
        if current is None:
            sums[key] = {m: figures.get(m) for m in MEASURES}
            continue
        for measure in MEASURES:
            value, so_far = figures.get(measure), current[measure]
            current[measure] = None if value is None or so_far is None else so_far + value
    totals: dict[tuple[str, int], float] = {}
    if table.totals:
        for year in table.years():
            for region, value in table.region_employment(year).items():
                key = (ancestor(region, level), year)
                totals[key] = totals.get(key, 0.0) + value
    return Table({key: Figures(**values) for key, values in sums.items()}, totals)
