"""Demo statistics: every NUTS-2 region × the 61 cluster categories × 6 years, deterministic for
the seed, marked as demo data (the dataset's ``is_demo``, shown on every page that uses it).

Plausible in size: a region's employment follows its real area (from GISCO, in ``data/``), with
dense city regions counted larger; each category has a European weight and a regional spread,
so location quotients range from well below 1 to above 2. Correlated with the demo
organisations: a region where several demo cluster organisations share a category is
specialised in it (location quotient ≥ 2, checked with the engine itself). Wages follow a
country band and the category, enterprises an average firm size per category."""

from __future__ import annotations

import math
import random
from collections import Counter

from clusterbridge.clusterstats import Figures, Table, evaluate
from clusterbridge.observatory import reference
from clusterbridge.observatory.method import SPECIALISED_LQ
from clusterbridge.observatory.models import Dataset
from clusterbridge.observatory.services.correlation import refresh_organisation_strengths
from clusterbridge.observatory.services.imports import Target, store_table
from clusterbridge.organisations.models import Organisation, OrganisationKind
from clusterbridge.taxonomy.models import ClusterCategory, NutsRegion

SLUG = "demo-cluster-statistics"
YEARS = tuple(range(2019, 2025))
# Regions this small (km²) are cities: far more jobs than their area says.
CITY_KM2 = 2500
# Yearly wage per employee (EUR) by country band: the demo's, not Eurostat's.
WAGE_BANDS = {
    70_000: {"CH", "NO", "IS", "LI", "LU"},
    52_000: {"DK", "BE", "NL", "AT", "DE", "SE", "FI", "IE", "FR", "UK"},
    36_000: {"IT", "ES", "SI", "MT", "CY"},
    22_000: {"PT", "EL", "EE", "CZ", "SK", "LT", "LV", "HR", "PL", "HU"},
    12_000: {"RO", "BG", "RS", "ME", "MK", "AL", "TR"},
}
STRONG_AT = 2  # demo cluster organisations sharing a category make their region specialised


def _wage_level(country: str) -> float:
    for level, countries in WAGE_BANDS.items():
        if country in countries:
            return float(level)
    return 30_000.0


def _cluster_counts() -> Counter:
    """(region code, category code) → demo cluster organisations of that category there."""
    through = Organisation.sectors.through
    rows = through.objects.filter(
        organisation__is_demo=True,
        organisation__kind=OrganisationKind.CLUSTER,
        organisation__nuts_region__isnull=False,
    ).values_list("organisation__nuts_region__code", "clustercategory__code")
    return Counter(rows)


def build_table(
    *,
    seed: int,
    regions: list[str],
    categories: list[str],
    clusters: Counter,
    years: tuple[int, ...] = YEARS,
) -> Table:
    rng = random.Random(f"observatory-demo-{seed}")
    areas = reference.areas()
    weights = {c: rng.gammavariate(1.2, 1.0) for c in categories}
    total_weight = sum(weights.values())
    wage_factor = {c: rng.uniform(0.7, 1.5) for c in categories}
    firm_size = {c: rng.uniform(5, 60) for c in categories}
    last = years[-1]
    base: dict[tuple[str, str], float] = {}
    growth: dict[tuple[str, str], float] = {}
    local_factor: dict[str, float] = {}
    for region in regions:
        area = areas.get(region, 5000.0)
        size = 260_000 * min(3.0, max(0.35, math.sqrt(area / 10_000)))
        if area < CITY_KM2:
            size *= 2.6
        size *= rng.uniform(0.8, 1.25)
        # The traded categories are about 40 % of a region's jobs; local services the rest.
        traded = size * 0.4
        local_factor[region] = rng.uniform(2.2, 2.8)
        for category in categories:
            spread = rng.lognormvariate(0, 0.55)
            boost = 1 + 1.5 * clusters.get((region, category), 0)
            base[(region, category)] = traded * weights[category] / total_weight * spread * boost
            growth[(region, category)] = rng.gauss(0.01, 0.025)
    _make_clusters_specialised(base, clusters, regions, categories, local_factor, last)
    table = Table()
    for (region, category), employment in base.items():
        wage = _wage_level(region[:2]) * wage_factor[category]
        for year in years:
            value = employment * (1 + growth[(region, category)]) ** (year - last)
            value *= 1 + rng.uniform(-0.01, 0.01)
            value = round(value)
            table.set(
                region,
                category,
                year,
                Figures(
                    employment=float(value),
                    enterprises=float(max(1, round(value / firm_size[category]))),
                    wages=float(round(value * wage * (1 + 0.015 * (year - last)))),
                ),
            )
    for region in regions:
        for year in years:
            traded = sum(table.get(region, category, year).employment for category in categories)
            table.totals[(region, year)] = float(round(traded * local_factor[region]))
    return table


def _make_clusters_specialised(base, clusters, regions, categories, local_factor, year) -> None:
    """Raise the cells where demo clusters gather until their location quotient is ≥ 2."""
    wanted = {key for key, count in clusters.items() if count >= STRONG_AT and key in base}
    for _round in range(8):
        table = Table({(r, c, year): Figures(employment=v) for (r, c), v in base.items()})
        for region in regions:
            traded = sum(base[(region, c)] for c in categories)
            table.totals[(region, year)] = traded * local_factor[region]
        indicators = evaluate(table, year)
        weak = [key for key in wanted if (indicators[key].lq or 0) < SPECIALISED_LQ * 1.1]
        if not weak:
            return
        for key in weak:
            base[key] *= SPECIALISED_LQ * 1.2 / max(indicators[key].lq or 0.1, 0.1)


def generate(*, seed: int = 2026) -> str:
    regions = sorted(NutsRegion.objects.filter(level=2).values_list("code", flat=True))
    categories = sorted(ClusterCategory.objects.values_list("code", flat=True))
    clusters = _cluster_counts()
    table = build_table(seed=seed, regions=regions, categories=categories, clusters=clusters)
    has_default = Dataset.objects.filter(is_default=True, is_demo=False).exists()
    dataset = store_table(
        target=Target(
            slug=SLUG,
            name="Demo cluster statistics",
            source="Generated by Clusterbridge for the demo",
            licence="CC0 1.0 (generated data)",
            description=(
                "Generated figures for every NUTS 2 region, cluster category and year "
                f"{YEARS[0]}–{YEARS[-1]}: employment, enterprises and wages. Not real statistics."
            ),
            source_code="demo",
            make_default=not has_default,
            is_demo=True,
        ),
        table=table,
    )
    specialised = sum(1 for key, n in clusters.items() if n >= STRONG_AT)
    return (
        f"Observatory: {dataset.cell_count} demo figures ({len(regions)} regions × "
        f"{len(categories)} categories × {len(YEARS)} years); {specialised} region-category "
        "pairs with several demo clusters made specialised."
    )


def remove() -> None:
    Dataset.objects.filter(is_demo=True).delete()
    refresh_organisation_strengths()
