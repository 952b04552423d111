"""Datasets for the observatory's tests, written through the import service's own path."""

from __future__ import annotations

from clusterbridge.clusterstats import Figures, Table
from clusterbridge.observatory.services.imports import Target, store_table

AUTO = "automotive"
FOOD = "food-processing-and-manufacturing"


def small_table(years=(2020, 2021), scale: float = 1.0) -> Table:
    """DE11 strong in automotive, DE12 in food, FR10 in neither (see tests/clusterstats):
    LQ(DE11, automotive) = (300 / 1000) / (500 / 4000) = 2.4 in every year."""
    table = Table()
    for year in years:
        for region, auto, food, total, auto_wages in (
            ("DE11", 300, 100, 1000, 15_000_000),
            ("DE12", 100, 300, 1000, 4_000_000),
            ("FR10", 100, 100, 2000, 6_000_000),
        ):
            grow = 1 + 0.1 * (year - years[0])
            table.set(
                region, AUTO, year, Figures(auto * scale * grow, 10, auto_wages * scale * grow)
            )
            table.set(
                region, FOOD, year, Figures(food * scale * grow, 20, food * 30_000 * scale * grow)
            )
            table.totals[(region, year)] = total * scale * grow
    return table


def make_dataset(*, slug="test-statistics", name="Test statistics", table=None, **target):
    target.setdefault("source", "Tests")
    target.setdefault("make_default", True)
    return store_table(target=Target(slug=slug, name=name, **target), table=table or small_table())
