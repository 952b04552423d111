"""Opportunity search: filters, disjunctive facet counts, map points.

As in the directory: within a facet the values are alternatives, across facets they combine;
each facet counts with every *other* facet's selection applied.

Two ways to the same counts (``docs/marketplace.md``):

- without text, one indexed aggregate query per facet (``facets``), cached per query under a
  marketplace version number that the services bump on every change of published opportunities;
- with text, the substring match over ``search_document`` is the expensive part, so it runs
  *once*: ``evaluate`` reads the matching rows' facet columns in one query, computes the results
  and the scalar facets in Python, and counts sectors/technologies with two aggregates over the
  id sets it found (passed as one array parameter). Free text varies too much to be cached.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

from django.core.cache import cache
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    IntegerField,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django_countries import countries

from clusterbridge.common.facets import FACETS_FORMAT, Facet, FacetValue, build_facet
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


def published() -> QuerySet[Opportunity]:
    return Opportunity.objects.filter(status=OpportunityStatus.PUBLISHED)


def _through(relation: str, codes: tuple[str, ...]) -> Subquery:
    through = getattr(Opportunity, relation).through
    target = {"sectors": "clustercategory", "technologies": "technology"}[relation]
    return Subquery(
        through.objects.filter(**{f"{target}__code__in": codes}).values("opportunity_id")
    )


def apply_text(queryset: QuerySet[Opportunity], text: str) -> QuerySet:
    for term in search_terms(text):
        queryset = queryset.filter(search_document__contains=term)
    return queryset


def apply_filters(queryset: QuerySet[Opportunity], query: OpportunityQuery) -> QuerySet:
    queryset = apply_text(queryset, query.text)
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
    return _assemble(
        query,
        kind_counts=kind_counts,
        country_counts=country_counts,
        org_kind_counts=org_kind_counts,
        relations={
            "sectors": (sector_counts, sector_labels),
            "technologies": (technology_counts, technology_labels),
        },
        within={days: within[f"d{days}"] for days in WITHIN},
    )


def _assemble(
    query: OpportunityQuery,
    *,
    kind_counts: dict[str, int],
    country_counts: dict[str, int],
    org_kind_counts: dict[str, int],
    relations: dict[str, tuple[dict[str, int], dict[str, str]]],
    within: dict[str, int],
) -> list[Facet]:
    sector_counts, sector_labels = relations["sectors"]
    technology_counts, technology_labels = relations["technologies"]
    within_facet = Facet(
        name="within",
        label="Posted within",
        param=PARAMETER_OF["within"],
        single=True,
        values=[
            FacetValue(value=d, label=label, count=within[d], selected=query.within == d)
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


# "Posted within" windows, shortest first; a row's age bucket is the first window it falls in.
WINDOWS = tuple(sorted(WITHIN, key=int))
NO_WINDOW = len(WINDOWS)


def _of_opportunities(through, ids: list[int]) -> RawSQL | Q:
    """``opportunity_id IN ids`` with all ids in one parameter (an array on PostgreSQL, a JSON
    array on SQLite): thousands of placeholders would be slow to bind and can exceed SQLite's
    limit."""
    column = f'"{through._meta.db_table}"."opportunity_id"'
    if connection.vendor == "postgresql":
        return RawSQL(f"{column} = ANY(%s)", (ids,), output_field=BooleanField())
    if connection.vendor == "sqlite":
        return RawSQL(
            f"{column} IN (SELECT value FROM json_each(%s))",
            (json.dumps(ids),),
            output_field=BooleanField(),
        )
    return Q(opportunity_id__in=ids)


def _counts_for_ids(relation: str, ids: list[int]) -> tuple[dict[str, int], dict[str, str]]:
    through = getattr(Opportunity, relation).through
    target = {"sectors": "clustercategory", "technologies": "technology"}[relation]
    rows = (
        through.objects.filter(_of_opportunities(through, ids))
        .values(f"{target}__code", f"{target}__name")
        .annotate(n=Count("id"))
    )
    return (
        {row[f"{target}__code"]: row["n"] for row in rows},
        {row[f"{target}__code"]: row[f"{target}__name"] for row in rows},
    )


FTS_TABLE = "marketplace_opportunity_fts"  # SQLite only, see migration 0002
TRIGRAM = 3  # shorter terms cannot use a trigram index


def _text_matches(text: str) -> QuerySet[Opportunity]:
    """Published opportunities whose search text contains every term, through the index.

    On SQLite the FTS5 trigram table holds exactly the published opportunities (its triggers
    see to that), so terms of three characters or more are one MATCH on it; shorter terms stay
    substring filters. On PostgreSQL the LIKE filters use the partial trigram index by
    themselves.
    """
    terms = search_terms(text)
    indexed = [term for term in terms if len(term) >= TRIGRAM]
    if connection.vendor != "sqlite" or not indexed:
        return apply_text(published(), text)
    phrases = " ".join('"' + term.replace('"', '""') + '"' for term in indexed)
    queryset = Opportunity.objects.filter(
        RawSQL(
            f'"{Opportunity._meta.db_table}"."id" IN '
            f"(SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)",
            (phrases,),
            output_field=BooleanField(),
        )
    )
    for term in terms:
        if len(term) < TRIGRAM:
            queryset = queryset.filter(search_document__contains=term)
    return queryset


@dataclass
class Evaluation:
    """The ids of the results, in order, and the facets: what a search page needs."""

    ids: list[int]
    facets: list[Facet]


def evaluate(query: OpportunityQuery) -> Evaluation:
    """Results and exact facet counts with the text matched once: three queries in all.

    One query reads every published row that matches the text, with just the columns the
    facets need (kind, country, organisation kind, an age bucket, whether it is in the selected
    sectors/technologies). A row counts for facet F when it passes every selected filter except
    perhaps F's own, so each row is looked at once. Sector and technology counts are two
    aggregates over the ids that pass all filters but that facet's.
    """
    now = timezone.now()
    age = Case(
        *[
            When(published_at__gte=now - timedelta(days=int(days)), then=Value(i))
            for i, days in enumerate(WINDOWS)
        ],
        default=Value(NO_WINDOW),
        output_field=IntegerField(),
    )
    columns = {"age": age}
    for relation in ("sectors", "technologies"):
        codes = getattr(query, relation)
        if codes:
            columns[f"in_{relation}"] = Case(
                When(id__in=_through(relation, codes), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
    if query.sort == "deadline":
        columns["dated"] = Case(
            When(deadline=None, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        order = (F("deadline").asc(nulls_last=True), "-published_at", "-id")
    else:
        order = ("-published_at", "-id")
    sql, params = (
        _text_matches(query.text)
        .annotate(**columns)
        .order_by(*order)
        .values_list("id", "kind", "country", "organisation_kind", *columns)
        .query.sql_with_params()
    )
    # Plain tuples straight from the cursor: every column is a string or an integer, and
    # Django's per-row converters would cost more than the counting below.
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()

    kinds, countries, org_kinds = (
        set(query.kinds),
        set(query.countries),
        set(query.organisation_kinds),
    )
    window = WINDOWS.index(query.within) if query.within else NO_WINDOW
    kind_counts: dict[str, int] = {}
    country_counts: dict[str, int] = {}
    org_kind_counts: dict[str, int] = {}
    age_counts = [0] * (NO_WINDOW + 1)
    sector_ids: list[int] = []
    technology_ids: list[int] = []
    ids: list[int] = []
    position = {name: 4 + i for i, name in enumerate(columns)}
    sectors_at = position.get("in_sectors")
    technologies_at = position.get("in_technologies")
    dated_at = position.get("dated")
    for row in rows:
        pk, kind, country, org_kind, bucket = row[:5]
        failed = []
        if kinds and kind not in kinds:
            failed.append("kinds")
        if countries and country not in countries:
            failed.append("countries")
        if org_kinds and org_kind not in org_kinds:
            failed.append("organisation_kinds")
        if query.within and bucket > window:
            failed.append("within")
        if sectors_at and not row[sectors_at]:
            failed.append("sectors")
        if technologies_at and not row[technologies_at]:
            failed.append("technologies")
        if len(failed) > 1:
            continue
        only = failed[0] if failed else None
        if only is None and (dated_at is None or row[dated_at]):
            ids.append(pk)
        if only in (None, "kinds"):
            kind_counts[kind] = kind_counts.get(kind, 0) + 1
        if only in (None, "countries"):
            country_counts[country] = country_counts.get(country, 0) + 1
        if only in (None, "organisation_kinds"):
            org_kind_counts[org_kind] = org_kind_counts.get(org_kind, 0) + 1
        if only in (None, "within"):
            age_counts[bucket] += 1
        if only in (None, "sectors"):
            sector_ids.append(pk)
        if only in (None, "technologies"):
            technology_ids.append(pk)
    within, running = {}, 0
    for i, days in enumerate(WINDOWS):
        running += age_counts[i]
        within[days] = running
    facet_list = _assemble(
        query,
        kind_counts={k: n for k, n in kind_counts.items() if k},
        country_counts={k: n for k, n in country_counts.items() if k},
        org_kind_counts={k: n for k, n in org_kind_counts.items() if k},
        relations={
            "sectors": _counts_for_ids("sectors", sector_ids),
            "technologies": _counts_for_ids("technologies", technology_ids),
        },
        within=within,
    )
    return Evaluation(ids=ids, facets=facet_list)


class Results(Sequence):
    """Result ids in order, read as opportunities (with list relations) one page at a time.

    Django's Paginator and DRF's pagination take it like a queryset: ``len`` and slices."""

    def __init__(self, ids: list[int]):
        self.ids = ids

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        ids = [self.ids[index]] if isinstance(index, int) else self.ids[index]
        if not ids:
            return []
        objects = with_list_relations(Opportunity.objects.filter(pk__in=ids)).in_bulk()
        found = [objects[pk] for pk in ids if pk in objects]
        return found[0] if isinstance(index, int) else found


def run(query: OpportunityQuery) -> tuple[Sequence[Opportunity] | QuerySet, list[Facet]]:
    """What the search page and the API show: (results to paginate, facets)."""
    if search_terms(query.text):
        evaluation = evaluate(query)
        return Results(evaluation.ids), evaluation.facets
    return with_list_relations(search(query)), cached_facets(query)


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
    return f"marketplace:{prefix}:{FACETS_FORMAT}:{marketplace_version()}:{hour}:{digest}"


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
            apply_filters(_text_matches(query.text), replace(query, text=""))
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
