"""The cluster organisations next to the statistics: those located in a region, by category,
and those of a category across Europe with their region's figures. Published profiles only."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, OuterRef, QuerySet, Subquery

from clusterbridge.observatory.models import Dataset, Statistic
from clusterbridge.organisations.models import Organisation
from clusterbridge.organisations.queries.directory import published
from clusterbridge.taxonomy.models import ClusterCategory, NutsRegion

PER_CATEGORY = 8


@dataclass(frozen=True)
class CategoryGroup:
    category: ClusterCategory
    organisations: list[Organisation]
    total: int  # organisations of the category in the region (only PER_CATEGORY are listed)


def _in_region(region: NutsRegion) -> QuerySet[Organisation]:
    organisations = published()
    if region.level >= 2:
        return organisations.filter(nuts_region=region)
    return organisations.filter(nuts_region__code__startswith=region.code)


def located_in(region: NutsRegion, *, per_category: int = PER_CATEGORY) -> list[CategoryGroup]:
    """The published organisations of the region (and its subregions) grouped by sector, the
    sectors with most organisations first, at most ``per_category`` listed in each (3 queries)."""
    through = Organisation.sectors.through
    pairs = list(
        through.objects.filter(organisation__in=_in_region(region).values("pk"))
        .order_by("organisation__name", "organisation_id")
        .values_list("clustercategory_id", "organisation_id")
    )
    by_category: dict[int, list[int]] = {}
    for category_id, organisation_id in pairs:
        by_category.setdefault(category_id, []).append(organisation_id)
    shown = {pk for ids in by_category.values() for pk in ids[:per_category]}
    organisations = Organisation.objects.in_bulk(shown)
    categories = ClusterCategory.objects.in_bulk(by_category)
    groups = [
        CategoryGroup(
            category=categories[category_id],
            organisations=[organisations[pk] for pk in ids[:per_category]],
            total=len(ids),
        )
        for category_id, ids in by_category.items()
    ]
    groups.sort(key=lambda g: (-g.total, g.category.display_name))
    return groups


def count_in_region(region: NutsRegion) -> int:
    return _in_region(region).count()


def in_category(
    category: ClusterCategory, *, dataset: Dataset | None, year: int | None
) -> QuerySet[Organisation]:
    """The published organisations of a category, each with its NUTS-2 region's location
    quotient and stars in the category (``region_lq``, ``region_stars``), strongest regions
    first: a queryset to paginate (one query per page, plus the count)."""
    organisations = published().filter(sectors=category).select_related("nuts_region")
    if dataset is None or year is None:
        return organisations.order_by("name", "pk")
    statistic = Statistic.objects.filter(
        dataset=dataset, category=category, year=year, region=OuterRef("nuts_region")
    )
    return organisations.annotate(
        region_lq=Subquery(statistic.values("lq")[:1]),
        region_stars=Subquery(statistic.values("stars")[:1]),
    ).order_by(F("region_lq").desc(nulls_last=True), "name", "pk")
