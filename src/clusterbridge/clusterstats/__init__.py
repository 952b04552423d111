"""Regional cluster statistics (no Django): the indicator engine of the cluster observatory.

- ``table``: the input, (region, category, year) → employment, enterprises, wages, GVA, plus
  optional region totals (employment of all activities);
- ``indicators``: location quotients and the four cluster stars (size, specialisation, focus,
  productivity) against a chosen reference area, with named thresholds;
- ``aggregate``: sums up the NUTS tree (NUTS 2 → 1 → country);
- ``reports``: a region's portfolio, a category's scoreboard, trends, growth over a period and
  the comparison of 2–5 regions;
- ``readers`` and ``nace``: the file formats (Eurostat TSV and SDMX-CSV, a plain CSV, NACE Rev. 2
  → cluster category mappings), reporting problems by line and code for the app to word;
- ``geometry``: point-in-polygon and outline simplification for the region shapes.

See docs/observatory.md for the method and the formulas.
"""

from clusterbridge.clusterstats.aggregate import aggregate, ancestor, level_of
from clusterbridge.clusterstats.indicators import (
    Indicator,
    Thresholds,
    evaluate,
    location_quotient,
)
from clusterbridge.clusterstats.reports import (
    Comparison,
    Growth,
    compare,
    growth,
    portfolio,
    scoreboard,
    trend,
)
from clusterbridge.clusterstats.table import MEASURES, Figures, Table

__all__ = [
    "MEASURES",
    "Comparison",
    "Figures",
    "Growth",
    "Indicator",
    "Table",
    "Thresholds",
    "aggregate",
    "ancestor",
    "compare",
    "evaluate",
    "growth",
    "level_of",
    "location_quotient",
    "portfolio",
    "scoreboard",
    "trend",
]
