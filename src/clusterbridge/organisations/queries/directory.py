"""Directory search: filters, disjunctive facet counts, relevance and sorting.

Within one facet the selected values are alternatives (OR); across facets they combine (AND).
Each facet's counts apply every *other* facet's selection, so a person can see how many results
picking another value would give. The number of SQL queries is fixed, whatever the data size.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace

from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    F,
    FilteredRelation,
    IntegerField,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone
from django_countries import countries

from clusterbridge.common.facets import FACETS_FORMAT, Facet, build_facet
from clusterbridge.common.text import search_terms
from clusterbridge.organisations.models import (
    Organisation,
    OrganisationKind,
    ProfileStatus,
    SizeBand,
)

SORTS = {
    "relevance": "Relevance",
    "name": "Name",
    "newest": "Newest",
    "size": "Most members",
}


@dataclass(frozen=True)
class DirectoryQuery:
    text: str = ""
    kinds: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    ecosystems: tuple[str, ...] = ()
    technologies: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    sort: str = "relevance"

    def without(self, facet: str) -> DirectoryQuery:
        return replace(self, **{facet: ()})


# DirectoryQuery attribute → URL parameter name
PARAMETER_OF = {
    "kinds": "kind",
    "countries": "country",
    "regions": "region",
    "sectors": "sector",
    "ecosystems": "ecosystem",
    "technologies": "technology",
    "sizes": "size",
    "labels": "label",
}

# Excellence labels are awarded by the benchmarking app (a later app: it is not imported here);
# its Label rows reach organisations through the reverse relation `excellence_labels`.
LABEL_LEVELS = {"bronze": "Bronze", "silver": "Silver", "gold": "Gold"}


def _current_label_q(prefix: str = "excellence_labels__") -> Q:
    today = timezone.localdate()
    return Q(
        **{
            f"{prefix}status": "active",
            f"{prefix}valid_from__lte": today,
            f"{prefix}valid_until__gte": today,
        }
    )


def _through_subquery(relation: str, codes: tuple[str, ...]):
    through = getattr(Organisation, relation).through
    target = {
        "sectors": "clustercategory",
        "ecosystems": "industrialecosystem",
        "technologies": "technology",
    }[relation]
    return Subquery(
        through.objects.filter(**{f"{target}__code__in": codes}).values("organisation_id")
    )


def published() -> QuerySet[Organisation]:
    return Organisation.objects.filter(status=ProfileStatus.PUBLISHED)


def apply_filters(
    queryset: QuerySet[Organisation], query: DirectoryQuery
) -> QuerySet[Organisation]:
    for term in search_terms(query.text):
        queryset = queryset.filter(search_document__contains=term)
    if query.kinds:
        queryset = queryset.filter(kind__in=query.kinds)
    if query.countries:
        queryset = queryset.filter(country__in=query.countries)
    if query.regions:
        queryset = queryset.filter(nuts_region__code__in=query.regions)
    if query.sizes:
        queryset = queryset.filter(size_band__in=query.sizes)
    for relation in ("sectors", "ecosystems", "technologies"):
        codes = getattr(query, relation)
        if codes:
            queryset = queryset.filter(id__in=_through_subquery(relation, codes))
    if query.labels:
        # At most one active label per organisation, so the join adds no duplicate rows.
        queryset = queryset.filter(_current_label_q(), excellence_labels__level__in=query.labels)
    return queryset


def search(
    query: DirectoryQuery, base: QuerySet[Organisation] | None = None
) -> QuerySet[Organisation]:
    queryset = apply_filters(base if base is not None else published(), query)
    terms = search_terms(query.text)
    if query.sort == "name":
        return queryset.order_by("name", "id")
    if query.sort == "newest":
        return queryset.order_by("-published_at", "-id")
    if query.sort == "size":
        return queryset.order_by("-members_total", "name", "id")
    if not terms:
        return queryset.order_by("name", "id")
    # Relevance: a term in the name or acronym weighs far more than one in the descriptions;
    # a name that starts with the first term comes first.
    score = Value(0, output_field=IntegerField())
    for term in terms:
        score = score + Case(
            When(search_name__contains=term, then=Value(10)),
            default=Value(1),
            output_field=IntegerField(),
        )
    score = score + Case(
        When(search_name__startswith=terms[0], then=Value(5)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return queryset.annotate(relevance=score).order_by("-relevance", "name", "id")


def _scalar_counts(queryset: QuerySet, column: str) -> dict[str, int]:
    return {
        row[column]: row["n"]
        for row in queryset.order_by().values(column).annotate(n=Count("id"))
        if row[column]
    }


def _relation_counts(queryset: QuerySet, relation: str) -> tuple[dict[str, int], dict[str, str]]:
    through = getattr(Organisation, relation).through
    target = {
        "sectors": "clustercategory",
        "ecosystems": "industrialecosystem",
        "technologies": "technology",
    }[relation]
    rows = (
        through.objects.filter(organisation_id__in=Subquery(queryset.order_by().values("id")))
        .values(f"{target}__code", f"{target}__name")
        .annotate(n=Count("id"))
    )
    counts = {row[f"{target}__code"]: row["n"] for row in rows}
    labels = {row[f"{target}__code"]: row[f"{target}__name"] for row in rows}
    return counts, labels


def _facet(name: str, label: str, counts, labels, selected, **options) -> Facet:
    return build_facet(
        name=name,
        label=label,
        param=PARAMETER_OF[name],
        counts=counts,
        labels=labels,
        selected=selected,
        **options,
    )


def facets(query: DirectoryQuery, base: QuerySet[Organisation] | None = None) -> list[Facet]:
    """Facet counts; one aggregate query per facet."""
    base = base if base is not None else published()

    def filtered_without(facet: str) -> QuerySet:
        return apply_filters(base, query.without(facet))

    kind_counts = _scalar_counts(filtered_without("kinds"), "kind")
    country_counts = _scalar_counts(filtered_without("countries"), "country")
    size_counts, label_counts = _size_and_label_counts(base, query)
    region_rows = (
        filtered_without("regions")
        .order_by()
        .exclude(nuts_region=None)
        .values("nuts_region__code", "nuts_region__name")
        .annotate(n=Count("id"))
    )
    region_counts = {row["nuts_region__code"]: row["n"] for row in region_rows}
    region_labels = {
        row["nuts_region__code"]: f"{row['nuts_region__name']} ({row['nuts_region__code']})"
        for row in region_rows
    }
    sector_counts, sector_labels = _relation_counts(filtered_without("sectors"), "sectors")
    ecosystem_counts, ecosystem_labels = _relation_counts(
        filtered_without("ecosystems"), "ecosystems"
    )
    technology_counts, technology_labels = _relation_counts(
        filtered_without("technologies"), "technologies"
    )
    size_order = {band.value: i for i, band in enumerate(SizeBand)}
    size_facet = _facet(
        "sizes", "Members", size_counts, dict(SizeBand.choices), query.sizes, order="none"
    )
    size_facet.values.sort(key=lambda item: size_order.get(item.value, 99))
    result = [
        _facet("kinds", "Kind", kind_counts, dict(OrganisationKind.choices), query.kinds),
        _facet("countries", "Country", country_counts, dict(countries), query.countries),
        _facet("regions", "Region", region_counts, region_labels, query.regions, limit=15),
        _facet("sectors", "Sector", sector_counts, sector_labels, query.sectors, limit=20),
        _facet(
            "ecosystems",
            "Industrial ecosystem",
            ecosystem_counts,
            ecosystem_labels,
            query.ecosystems,
        ),
        _facet(
            "technologies",
            "Key enabling technology",
            technology_counts,
            technology_labels,
            query.technologies,
        ),
        size_facet,
    ]
    # The label facet appears once some organisation holds a label (or a label is selected).
    label_facet = _facet(
        "labels", "Excellence label", label_counts, LABEL_LEVELS, query.labels, order="none"
    )
    label_order = list(LABEL_LEVELS)
    label_facet.values.sort(key=lambda item: label_order.index(item.value))
    if label_facet.values:
        result.append(label_facet)
    return result


def _size_and_label_counts(
    base: QuerySet[Organisation], query: DirectoryQuery
) -> tuple[dict[str, int], dict[str, int]]:
    """Size-band and label counts from one query grouped by (size band, current label): each
    facet then applies the other's selection in Python, so the label facet costs no query."""
    rows = (
        apply_filters(base, replace(query, sizes=(), labels=()))
        .order_by()
        .alias(current_label=FilteredRelation("excellence_labels", condition=_current_label_q()))
        .values("size_band", level=F("current_label__level"))
        .annotate(n=Count("id"))
    )
    sizes: dict[str, int] = {}
    labels: dict[str, int] = {}
    for row in rows:
        size, level, n = row["size_band"], row["level"], row["n"]
        if size and (not query.labels or level in query.labels):
            sizes[size] = sizes.get(size, 0) + n
        if level and (not query.sizes or size in query.sizes):
            labels[level] = labels.get(level, 0) + n
    return sizes, labels


def current_label_level(organisation: Organisation) -> str | None:
    """The organisation's currently valid label level, or None (one query)."""
    return (
        Organisation.objects.filter(pk=organisation.pk)
        .filter(_current_label_q())
        .values_list("excellence_labels__level", flat=True)
        .first()
    )


def map_points(query: DirectoryQuery) -> list[list]:
    """Compact rows for the map: [slug, name, kind, latitude, longitude, city]."""
    rows = (
        apply_filters(published(), query)
        .exclude(latitude=None)
        .exclude(longitude=None)
        .order_by("id")
        .values_list("slug", "name", "kind", "latitude", "longitude", "city")
    )
    return [
        [slug, name, kind, round(lat, 5), round(lon, 5), city]
        for slug, name, kind, lat, lon, city in rows
    ]


def with_list_relations(queryset: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """What a result list shows, fetched in a fixed number of queries. The current label
    (level, or None) comes from a join on the at most one active label: no extra query."""
    return (
        queryset.select_related("nuts_region")
        .prefetch_related("sectors")
        .alias(current_label=FilteredRelation("excellence_labels", condition=_current_label_q()))
        .annotate(label_level=F("current_label__level"))
    )


# The map endpoint answers with every matching organisation at once, so its JSON is cached
# per query. Any change to published profiles bumps a version number that is part of the key;
# with a shared cache (REDIS_URL) every process sees the bump at once, with the default
# per-process memory cache other processes may serve the old map for up to MAP_CACHE_SECONDS.
MAP_CACHE_SECONDS = 60
VERSION_KEY = "directory:version"


def directory_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def bump_directory_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def map_json(query: DirectoryQuery) -> bytes:
    key = _cache_key("map", query)
    payload = cache.get(key)
    if payload is None:
        points = map_points(query)
        payload = json.dumps(
            {
                "count": len(points),
                "columns": ["slug", "name", "kind", "lat", "lon", "city"],
                "points": points,
            },
            separators=(",", ":"),
            ensure_ascii=False,
        ).encode()
        cache.set(key, payload, timeout=MAP_CACHE_SECONDS)
    return payload


def _cache_key(prefix: str, query: DirectoryQuery) -> str:
    # The sort order changes neither the facets nor the map, so it is left out of the key.
    digest = hashlib.sha256(repr(replace(query, sort="")).encode()).hexdigest()[:32]
    return f"directory:{prefix}:{FACETS_FORMAT}:{directory_version()}:{digest}"


def cached_facets(query: DirectoryQuery) -> list[Facet]:
    """Facet counts, cached like the map: they only change when published profiles or labels
    change."""
    key = _cache_key("facets", query)
    result = cache.get(key)
    if result is None:
        result = facets(query)
        cache.set(key, result, timeout=MAP_CACHE_SECONDS)
    return result
