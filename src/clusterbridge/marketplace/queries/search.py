"""Opportunity search: filters, disjunctive facet counts (one query per facet), map points.

As in the directory: within a facet the values are alternatives, across facets they combine;
each facet counts with every *other* facet's selection applied. Facet counts and map data are
cached per query under a marketplace version number that the services bump on every change of
published opportunities.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet, Subquery
from django.utils import timezone
from django_countries import countries

from clusterbridge.common.text import search_terms
from clusterbridge.marketplace.models import Opportunity, OpportunityKind, OpportunityStatus
from clusterbridge.organisations.models import OrganisationKind

SORTS = {"newest": "Newest", "deadline": "Deadline soonest"}
WITHIN = {"7": "Last 7 days", "30": "Last 30 days", "90": "Last 3 months", "365": "Last 12 months"}
PARAMETER_OF = {
    "kinds": "kind",
    "sectors": "sector",
    "technologies": "technology",
    "countries": "country",
    "organisation_kinds": "organisation_kind",
    "within": "within",
}


@dataclass(frozen=True)
class OpportunityQuery:
    text: str = ""
    kinds: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    technologies: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    organisation_kinds: tuple[str, ...] = ()
    within: str = ""
    sort: str = "newest"

    def without(self, facet: str) -> OpportunityQuery:
        return replace(self, **{facet: "" if facet == "within" else ()})


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue] = field(default_factory=list)
    single: bool = False

    @property
    def param(self) -> str:
        return PARAMETER_OF[self.name]


def published() -> QuerySet[Opportunity]:
    return Opportunity.objects.filter(status=OpportunityStatus.PUBLISHED)


def _through(relation: str, codes: tuple[str, ...]) -> Subquery:
    through = getattr(Opportunity, relation).through
    target = {"sectors": "clustercategory", "technologies": "technology"}[relation]
    return Subquery(
        through.objects.filter(**{f"{target}__code__in": codes}).values("opportunity_id")
    )


def apply_filters(queryset: QuerySet[Opportunity], query: OpportunityQuery) -> QuerySet:
    for term in search_terms(query.text):
        queryset = queryset.filter(search_document__contains=term)
    if query.kinds:
        queryset = queryset.filter(kind__in=query.kinds)
    if query.countries:
        queryset = queryset.filter(country__in=query.countries)
    if query.organisation_kinds:
        queryset = queryset.filter(organisation_kind__in=query.organisation_kinds)
    if query.within:
        queryset = queryset.filter(
            published_at__gte=timezone.now() - timedelta(days=int(query.within))
        )
    for relation in ("sectors", "technologies"):
        codes = getattr(query, relation)
        if codes:
            queryset = queryset.filter(id__in=_through(relation, codes))
    return queryset


def search(query: OpportunityQuery, base: QuerySet | None = None) -> QuerySet[Opportunity]:
    queryset = apply_filters(base if base is not None else published(), query)
    if query.sort == "deadline":
        # Posts without a deadline come last.
        return queryset.order_by("deadline", "-published_at", "-id").exclude(deadline=None)
    return queryset.order_by("-published_at", "-id")


def with_list_relations(queryset: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
    return queryset.select_related("organisation").prefetch_related("sectors", "technologies")


def _scalar_counts(queryset: QuerySet, column: str) -> dict[str, int]:
    return {
        row[column]: row["n"]
        for row in queryset.order_by().values(column).annotate(n=Count("id"))
        if row[column]
    }


def _relation_counts(queryset: QuerySet, relation: str) -> tuple[dict[str, int], dict[str, str]]:
    through = getattr(Opportunity, relation).through
    target = {"sectors": "clustercategory", "technologies": "technology"}[relation]
    rows = (
        through.objects.filter(opportunity_id__in=Subquery(queryset.order_by().values("id")))
        .values(f"{target}__code", f"{target}__name")
        .annotate(n=Count("id"))
    )
    return (
        {row[f"{target}__code"]: row["n"] for row in rows},
        {row[f"{target}__code"]: row[f"{target}__name"] for row in rows},
    )


def _facet(name, label, counts, labels, selected, limit=None, order="count") -> Facet:
    values = set(counts) | set(selected)
    items = [
        FacetValue(value=v, label=labels.get(v, v), count=counts.get(v, 0), selected=v in selected)
        for v in values
    ]
    if order == "count":
        items.sort(key=lambda item: (-item.count, item.label))
    if limit is not None:
        items = items[:limit] + [item for item in items[limit:] if item.selected]
    return Facet(name=name, label=label, values=items)


def facets(query: OpportunityQuery, base: QuerySet | None = None) -> list[Facet]:
    """Facet counts: one aggregate query per facet (the time windows share one)."""
    base = base if base is not None else published()

    def without(facet: str) -> QuerySet:
        return apply_filters(base, query.without(facet))

    kind_counts = _scalar_counts(without("kinds"), "kind")
    country_counts = _scalar_counts(without("countries"), "country")
    org_kind_counts = _scalar_counts(without("organisation_kinds"), "organisation_kind")
    sector_counts, sector_labels = _relation_counts(without("sectors"), "sectors")
    technology_counts, technology_labels = _relation_counts(without("technologies"), "technologies")
    now = timezone.now()
    within = without("within").aggregate(
        **{
            f"d{days}": Count("id", filter=Q(published_at__gte=now - timedelta(days=int(days))))
            for days in WITHIN
        }
    )
    within_facet = Facet(
        name="within",
        label="Posted within",
        single=True,
        values=[
            FacetValue(value=d, label=label, count=within[f"d{d}"], selected=query.within == d)
            for d, label in WITHIN.items()
        ],
    )
    kind_order = {kind: i for i, kind in enumerate(OpportunityKind.values)}
    kind_facet = _facet(
        "kinds", "Kind", kind_counts, dict(OpportunityKind.choices), query.kinds, order="none"
    )
    kind_facet.values.sort(key=lambda item: kind_order.get(item.value, 99))
    return [
        kind_facet,
        _facet("sectors", "Sector", sector_counts, sector_labels, query.sectors, limit=20),
        _facet(
            "technologies", "Technology", technology_counts, technology_labels, query.technologies
        ),
        _facet("countries", "Country", country_counts, dict(countries), query.countries, limit=25),
        _facet(
            "organisation_kinds",
            "Posted by",
            org_kind_counts,
            dict(OrganisationKind.choices),
            query.organisation_kinds,
        ),
        within_facet,
    ]


CACHE_SECONDS = 60
VERSION_KEY = "marketplace:version"


def marketplace_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def bump_marketplace_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def _cache_key(prefix: str, query: OpportunityQuery) -> str:
    digest = hashlib.sha256(repr(replace(query, sort="")).encode()).hexdigest()[:32]
    # "Posted within" depends on the clock: the key includes the hour so windows move on.
    hour = timezone.now().strftime("%Y%m%d%H") if query.within else ""
    return f"marketplace:{prefix}:{marketplace_version()}:{hour}:{digest}"


def cached_facets(query: OpportunityQuery) -> list[Facet]:
    key = _cache_key("facets", query)
    result = cache.get(key)
    if result is None:
        result = facets(query)
        cache.set(key, result, timeout=CACHE_SECONDS)
    return result


def map_json(query: OpportunityQuery) -> bytes:
    """Opportunities at their organisation's location: [reference, title, kind, lat, lon, city]."""
    key = _cache_key("map", query)
    payload = cache.get(key)
    if payload is None:
        rows = (
            apply_filters(published(), query)
            .exclude(organisation__latitude=None)
            .exclude(organisation__longitude=None)
            .order_by("id")
            .values_list(
                "reference",
                "title",
                "kind",
                "organisation__latitude",
                "organisation__longitude",
                "organisation__city",
            )
        )
        points = [
            [ref, title, kind, round(lat, 5), round(lon, 5), city]
            for ref, title, kind, lat, lon, city in rows
        ]
        payload = json.dumps(
            {
                "count": len(points),
                "columns": ["reference", "title", "kind", "lat", "lon", "city"],
                "points": points,
            },
            separators=(",", ":"),
            ensure_ascii=False,
        ).encode()
        cache.set(key, payload, timeout=CACHE_SECONDS)
    return payload
