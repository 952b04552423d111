"""The read side of the statistics: map values, portfolios, scoreboards, trends, comparisons.

Against Europe (every region of the dataset) the indicators were computed at import and are
read as stored. Against a country, they are computed on the fly by ``clusterbridge.clusterstats``
from the stored figures of that country's regions (a few thousand rows at most). Each function
makes a fixed number of queries, whatever the size of the data.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Sum

from clusterbridge.clusterstats import Indicator, Table, evaluate, reports
from clusterbridge.clusterstats.table import Figures
from clusterbridge.observatory.method import THRESHOLDS
from clusterbridge.observatory.models import Dataset, Statistic
from clusterbridge.taxonomy.models import ClusterCategory, NutsRegion

EUROPE = ""  # the reference area "every region of the dataset"
INDICATOR_FIELDS = (
    "employment",
    "enterprises",
    "wages",
    "gva",
    "share",
    "lq",
    "productivity",
    "size_rank",
    "size_star",
    "specialisation_star",
    "focus_star",
    "productivity_star",
)
MEASURES = ("lq", "employment", "stars", "share", "productivity")


@dataclass(frozen=True)
class Row:
    """An indicator with the names people read."""

    indicator: Indicator
    region_code: str
    region_name: str
    category_code: str
    category: ClusterCategory | None = None
    flags: str = ""

    def value(self, measure: str):
        if measure == "stars":
            return self.indicator.stars
        return getattr(self.indicator, measure)


def stored_rows(queryset, *, year: int | None = None) -> list[Row]:
    """Rows from stored statistics (``queryset`` of Statistic with one category each): plain
    values, not model instances (hundreds of rows per page), and the categories in one query."""
    values = list(
        queryset.values_list(
            "region__code", "region__name", "category_id", "year", "flags", *INDICATOR_FIELDS
        )
    )
    categories = ClusterCategory.objects.in_bulk({v[2] for v in values})
    rows = []
    for code, name, category_id, row_year, flags, *figures in values:
        category = categories[category_id]
        rows.append(
            Row(
                indicator=Indicator(
                    code,
                    category.code,
                    row_year,
                    **dict(zip(INDICATOR_FIELDS, figures, strict=True)),
                ),
                region_code=code,
                region_name=name,
                category_code=category.code,
                category=category,
                flags=flags,
            )
        )
    return rows


def table_for(
    dataset: Dataset,
    year: int,
    *,
    level: int,
    country: str,
    category: ClusterCategory | None = None,
) -> tuple[Table, dict[str, str]]:
    """The figures of a country's regions at ``level`` (one category, or all) and their names."""
    base = Statistic.objects.filter(
        dataset=dataset, year=year, level=level, region__country_code=country
    )
    cells = base.filter(category__isnull=False)
    if category is not None:
        cells = cells.filter(category=category)
    table = Table()
    names: dict[str, str] = {}
    for code, name, cat, employment, enterprises, wages, gva in cells.values_list(
        "region__code",
        "region__name",
        "category__code",
        "employment",
        "enterprises",
        "wages",
        "gva",
    ):
        table.set(code, cat, year, Figures(employment, enterprises, wages, gva))
        names[code] = name
    for code, employment in base.filter(category__isnull=True).values_list(
        "region__code", "employment"
    ):
        if employment is not None:
            table.totals[(code, year)] = employment
    return table, names


def _computed_rows(
    table: Table, year: int, names: dict[str, str], categories: dict[str, ClusterCategory]
) -> list[Row]:
    return [
        Row(
            indicator=indicator,
            region_code=region,
            region_name=names.get(region, region),
            category_code=category,
            category=categories.get(category),
        )
        for (region, category), indicator in evaluate(table, year, thresholds=THRESHOLDS).items()
    ]


def _categories(codes) -> dict[str, ClusterCategory]:
    return {c.code: c for c in ClusterCategory.objects.filter(code__in=set(codes))}


def map_rows(
    dataset: Dataset, *, category: ClusterCategory, year: int, reference: str = EUROPE
) -> list[Row]:
    """The NUTS-2 regions' indicators for one category and year (the map and its table)."""
    if reference == EUROPE:
        return stored_rows(
            Statistic.objects.filter(dataset=dataset, category=category, year=year, level=2)
        )
    table, names = table_for(dataset, year, level=2, country=reference, category=category)
    return _computed_rows(table, year, names, {category.code: category})


def scoreboard(
    dataset: Dataset,
    *,
    category: ClusterCategory,
    year: int,
    level: int = 2,
    order: str = "employment",
    reference: str = EUROPE,
) -> list[Row]:
    """The regions of a level ranked for a category (``clusterstats.reports.scoreboard``)."""
    if reference == EUROPE:
        rows = stored_rows(
            Statistic.objects.filter(dataset=dataset, category=category, year=year, level=level)
        )
    else:
        table, names = table_for(dataset, year, level=level, country=reference, category=category)
        rows = _computed_rows(table, year, names, {category.code: category})
    by_region = {row.region_code: row for row in rows}
    ranked = reports.scoreboard([row.indicator for row in rows], category.code, by=order)
    return [by_region[indicator.region] for indicator in ranked]


def portfolio(
    dataset: Dataset, *, region: NutsRegion, year: int, reference: str = EUROPE
) -> list[Row]:
    """The region's categories with their stars, strongest first."""
    if reference == EUROPE:
        rows = stored_rows(
            Statistic.objects.filter(
                dataset=dataset, region=region, year=year, category__isnull=False
            )
        )
    else:
        table, names = table_for(dataset, year, level=region.level, country=reference)
        rows = [
            row
            for row in _computed_rows(table, year, names, _categories(table.categories()))
            if row.region_code == region.code
        ]
    by_category = {row.category_code: row for row in rows}
    ranked = reports.portfolio([row.indicator for row in rows], region.code)
    return [by_category[indicator.category] for indicator in ranked]


def region_total(dataset: Dataset, region: NutsRegion) -> list[tuple[int, float | None]]:
    """(year, employment of all activities) of the region, for every year of the dataset."""
    found = dict(
        Statistic.objects.filter(dataset=dataset, region=region, category__isnull=True).values_list(
            "year", "employment"
        )
    )
    return [(year, found.get(year)) for year in dataset.years]


def region_trends(
    dataset: Dataset, region: NutsRegion, categories: list[str]
) -> dict[str, list[tuple[int, float | None]]]:
    """(year, employment) of some categories in the region."""
    found: dict[str, dict[int, float | None]] = {code: {} for code in categories}
    for code, year, employment in Statistic.objects.filter(
        dataset=dataset, region=region, category__code__in=categories
    ).values_list("category__code", "year", "employment"):
        found[code][year] = employment
    return {code: [(y, years.get(y)) for y in dataset.years] for code, years in found.items()}


def category_trend(dataset: Dataset, category: ClusterCategory) -> list[tuple[int, float | None]]:
    """(year, employment in the whole dataset) of a category: the sum of its country rows."""
    found = dict(
        Statistic.objects.filter(dataset=dataset, category=category, level=0)
        .values("year")
        .annotate(total=Sum("employment"))
        .values_list("year", "total")
    )
    return [(year, found.get(year)) for year in dataset.years]


def growth(series: list[tuple[int, float | None]]) -> reports.Growth | None:
    """Growth between the first and the last year with a figure."""
    known = [(year, value) for year, value in series if value is not None]
    if len(known) < 2:
        return None
    return reports.growth(series, known[0][0], known[-1][0])


@dataclass(frozen=True)
class ComparisonRow:
    category: ClusterCategory
    cells: tuple[Indicator | None, ...]


def comparison(dataset: Dataset, *, regions: list[NutsRegion], year: int) -> list[ComparisonRow]:
    """2–5 regions side by side, category by category (``clusterstats.reports.compare``)."""
    rows = stored_rows(
        Statistic.objects.filter(
            dataset=dataset, region__in=regions, year=year, category__isnull=False
        )
    )
    categories = {row.category_code: row.category for row in rows}
    compared = reports.compare([row.indicator for row in rows], [r.code for r in regions])
    return [ComparisonRow(categories[code], cells) for code, cells in compared.rows]


def reference_countries(dataset: Dataset) -> list[NutsRegion]:
    """The countries of the dataset (possible reference areas)."""
    codes = Statistic.objects.filter(dataset=dataset, level=0, category__isnull=True).values(
        "region_id"
    )
    return list(NutsRegion.objects.filter(pk__in=codes).order_by("code"))


def dataset_categories(dataset: Dataset) -> list[ClusterCategory]:
    """The categories the dataset has figures for, in name order (the active language)."""
    ids = (
        Statistic.objects.filter(dataset=dataset, level=0, year=dataset.last_year or 0)
        .exclude(category__isnull=True)
        .values("category_id")
    )
    return ClusterCategory.objects.filter(pk__in=ids).in_name_order()
