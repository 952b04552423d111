"""One search engine for every faceted list: a declared ``Search`` gives results, facet counts,
sorting, cached map data and the query object, with a fixed number of SQL queries.

Facets are disjunctive: within a facet the selected values are alternatives (OR), across facets
they combine (AND), and each facet counts with every *other* facet's selection applied, so a
person sees how many results picking another value would give.

The counting is one pass over "tally rows". Each row carries, computed by the database, the
facet values of the row (``Filter.columns``) and, for every filter with a selection, a flag:
does the row pass it (``Filter.q``, the one definition of the rule)? A row that passes every
selected filter is a result and counts in every facet; a row that fails exactly one filter
counts only in that filter's facet; any other row counts nowhere. Python only combines flags,
it never re-evaluates a filter. The tally rows come one of two ways:

- ``facets()``: grouped by the database (``GROUP BY`` values and flags, with a count), one
  query for all the column facets plus one aggregate per related facet over the rows passing
  the other filters. Used without text and cached per query under the domain's version.
- ``evaluate()``: one row per matching row (id, values, flags) in result order, for text
  searches: the text is matched *once*; the result ids come from the same pass and each
  related facet is one aggregate over the ids found (one array parameter).

Both give the same facets (tests assert it); ``run()`` picks one.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, make_dataclass, replace
from typing import Any

from django.db import connections
from django.db.models import BooleanField, Count, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import get_language

from clusterbridge.common.facets import FACETS_FORMAT, Facet
from clusterbridge.common.search import mapdata, versions
from clusterbridge.common.search.filters import Filter, Related, flag
from clusterbridge.common.search.textindex import TextIndex
from clusterbridge.common.text import search_terms


@dataclass(frozen=True)
class Sort:
    value: str
    label: str
    order_by: tuple = ()
    # With text, rank first by this expression of the terms (descending), then ``order_by``.
    rank: Callable[[list[str]], Any] | None = None
    # Results only (not facets) are limited to these rows ("deadline soonest": posts with one).
    only: Callable[[Any], Q] | None = None


@dataclass(frozen=True)
class MapPoints:
    """``(JSON column, field path)`` pairs: key for the detail URL, name, kind, "lat", "lon",
    city (the order ``common/static/js/map.js`` reads). Rows without coordinates are left out."""

    columns: tuple[tuple[str, str], ...]

    def path(self, column: str) -> str:
        return dict(self.columns)[column]


@dataclass
class Evaluation:
    """The ids of the results, in order, and the facets: what a results page needs."""

    ids: list[int]
    facets: list[Facet]


class Results(Sequence):
    """Result ids in order, read as objects (with the list relations) one page at a time.

    Django's Paginator and DRF's pagination take it like a queryset: ``len`` and slices."""

    def __init__(self, search: Search, ids: list[int]):
        self.search, self.ids = search, ids

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        ids = [self.ids[index]] if isinstance(index, int) else self.ids[index]
        if not ids:
            return []
        queryset = self.search.model._default_manager.filter(pk__in=ids)
        objects = self.search.list_queryset(queryset).in_bulk()
        found = [objects[pk] for pk in ids if pk in objects]
        return found[0] if isinstance(index, int) else found


def ids_in(model, column: str, ids: list[int]) -> RawSQL | Q:
    """``<table>.<column> IN ids`` with all ids in one parameter (an array on PostgreSQL, a
    JSON array on SQLite): thousands of placeholders would be slow to bind and can exceed
    SQLite's limit."""
    sql_column = f'"{model._meta.db_table}"."{column}"'
    vendor = connections[model._default_manager.db].vendor
    if vendor == "postgresql":
        return RawSQL(f"{sql_column} = ANY(%s)", (ids,), output_field=BooleanField())
    if vendor == "sqlite":
        return RawSQL(
            f"{sql_column} IN (SELECT value FROM json_each(%s))",
            (json.dumps(ids),),
            output_field=BooleanField(),
        )
    return Q(**{f"{column}__in": ids})


@dataclass
class _Plan:
    """The columns of a counting pass and where each one is in a row."""

    columns: dict[str, Any]
    position: dict[str, int]
    passes: list[tuple[int, str]]  # (position of the flag, filter name) per selected filter
    only_at: int | None = None


@dataclass
class _Tally:
    counts: dict[str, dict] = field(default_factory=dict)
    labels: dict[str, dict] = field(default_factory=dict)
    related_ids: dict[str, list[int]] = field(default_factory=dict)
    ids: list[int] = field(default_factory=list)


def _plain(facet: Facet) -> Facet:
    """Labels as plain strings in the active language: cached facets are per language (the key
    says which), and unpickling lazy strings would rebuild their proxy classes at every hit."""
    facet.label, facet.any_label = str(facet.label), str(facet.any_label)
    facet.values = [replace(v, label=str(v.label)) for v in facet.values]
    return facet


class Search:
    """A faceted list, declared once (see DEVELOPERS.md, "Adding a faceted list").

    ``base`` returns the rows that can be found (e.g. published); ``text`` searches its folded
    ``TextIndex`` column; ``filters`` are also the facets, in display order; the first sort is
    the default. ``domain`` names the cache version that the services bump on commit.
    """

    def __init__(
        self,
        *,
        domain: str,
        model,
        base: Callable[[], QuerySet],
        filters: Sequence[Filter],
        sorts: Sequence[Sort],
        text: TextIndex | None = None,
        page_size: int = 20,
        map: MapPoints | None = None,
        list_relations: Callable[[QuerySet], QuerySet] | None = None,
        cache_seconds: int = 60,
        cache_text: bool = False,
        query_name: str = "Query",
    ):
        self.domain, self.model, self.base = domain, model, base
        self.filters = tuple(filters)
        self.sorts = {sort.value: sort for sort in sorts}
        self.default_sort = sorts[0].value
        self.text, self.page_size, self.map = text, page_size, map
        self.list_relations = list_relations
        self.cache_seconds, self.cache_text = cache_seconds, cache_text
        names = [f.name for f in self.filters]
        if len(set(names)) != len(names) or {"text", "sort"} & set(names):
            raise ValueError(f"filter names must be unique and not text/sort: {names}")
        self.Query = make_dataclass(
            query_name,
            [
                ("text", str, field(default="")),
                *(
                    (f.name, str, field(default=""))
                    if f.single
                    else (f.name, tuple, field(default=()))
                    for f in self.filters
                ),
                ("sort", str, field(default=self.default_sort)),
            ],
            frozen=True,
        )

    # -- declared things, for forms, templates and the API --------------------------------

    @property
    def sort_labels(self) -> dict[str, str]:
        return {value: sort.label for value, sort in self.sorts.items()}

    @property
    def parameter_of(self) -> dict[str, str]:
        return {f.name: f.param for f in self.filters}

    def query_from(self, data: dict):
        """The query object from a filter form's cleaned data."""
        values = {
            f.name: (data.get(f.param) or "") if f.single else tuple(data.get(f.param) or ())
            for f in self.filters
        }
        return self.Query(
            text=data.get("q") or "", sort=data.get("sort") or self.default_sort, **values
        )

    # -- querysets ------------------------------------------------------------------------

    def matching(self, text: str) -> QuerySet:
        """The base rows whose text contains every term (through the index when it helps)."""
        terms = search_terms(text)
        if not terms or self.text is None:
            return self.base()
        vendor = connections[self.model._default_manager.db].vendor
        if self.text.uses_index(terms, vendor):
            # The index holds exactly the base rows (see TextIndex).
            return self.text.match(self.model._default_manager.all(), terms)
        return self.text.match(self.base(), terms)

    def _q(self, f: Filter, query, now) -> Q:
        return f.q(self.model, f.selected(query), now)

    def filtered(self, query, *, skip: str | None = None, now=None) -> QuerySet:
        """The rows matching the text and every selected filter (but ``skip``'s)."""
        now = now or timezone.now()
        queryset = self.matching(query.text)
        for f in self.filters:
            if f.name != skip and f.selected(query):
                queryset = queryset.filter(self._q(f, query, now))
        return queryset

    def _sort(self, query) -> Sort:
        return self.sorts.get(query.sort) or self.sorts[self.default_sort]

    def _ordered(self, queryset: QuerySet, query, now) -> QuerySet:
        sort = self._sort(query)
        terms = search_terms(query.text)
        if sort.rank is not None and terms:
            return queryset.annotate(cb_rank=sort.rank(terms)).order_by("-cb_rank", *sort.order_by)
        return queryset.order_by(*sort.order_by)

    def search(self, query) -> QuerySet:
        """The results as an ordered queryset (exports, and pages without text)."""
        now = timezone.now()
        queryset = self.filtered(query, now=now)
        sort = self._sort(query)
        if sort.only is not None:
            queryset = queryset.filter(sort.only(now))
        return self._ordered(queryset, query, now)

    def list_queryset(self, queryset: QuerySet) -> QuerySet:
        """What a result list shows, fetched in a fixed number of queries."""
        return self.list_relations(queryset) if self.list_relations else queryset

    # -- counting -------------------------------------------------------------------------

    def _plan(self, query, now, *, lead: int, with_sort: bool) -> _Plan:
        columns: dict[str, Any] = {}
        for f in self.filters:
            columns.update(f.columns(self.model, now))
        passes = []
        for f in self.filters:
            if f.selected(query):
                columns[f.column_name("_pass")] = flag(self._q(f, query, now))
                passes.append(f.name)
        only = self._sort(query).only if with_sort else None
        if only is not None:
            columns["cb_only"] = flag(only(now))
        position = {name: lead + i for i, name in enumerate(columns)}
        return _Plan(
            columns=columns,
            position=position,
            passes=[(position[f"cb_{name}_pass"], name) for name in passes],
            only_at=position.get("cb_only"),
        )

    def _tally(self, rows, plan: _Plan, *, weighted: bool, per_row: bool) -> _Tally:
        tally = _Tally()
        adders = []
        for f in self.filters:
            if isinstance(f, Related):
                if per_row:
                    tally.related_ids[f.name] = []
                continue
            counts, labels = (
                tally.counts.setdefault(f.name, {}),
                tally.labels.setdefault(f.name, {}),
            )
            adders.append((f.name, f.adder(counts, labels, plan.position)))
        related = list(tally.related_ids.items())
        passes, only_at, ids = plan.passes, plan.only_at, tally.ids
        for row in rows:
            failed = None
            for at, name in passes:
                if not row[at]:
                    if failed is not None:
                        break
                    failed = name
            else:
                n = row[-1] if weighted else 1
                for name, add in adders:
                    if failed is None or failed == name:
                        add(row, n)
                if per_row:
                    pk = row[0]
                    if failed is None and (only_at is None or row[only_at]):
                        ids.append(pk)
                    for name, found in related:
                        if failed is None or failed == name:
                            found.append(pk)
        return tally

    @staticmethod
    def _fetch(queryset: QuerySet) -> list[tuple]:
        # Plain tuples straight from the cursor: every column is a string or a number, and
        # Django's per-row converters would cost more than the counting.
        sql, params = queryset.query.sql_with_params()
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _facets(self, query, tally: _Tally, related_counts) -> list[Facet]:
        result = []
        for f in self.filters:
            if isinstance(f, Related):
                counts, labels = related_counts[f.name]
            else:
                counts, labels = tally.counts[f.name], tally.labels[f.name]
            facet = f.facet(counts, labels, query)
            if facet is not None:
                result.append(_plain(facet))
        return result

    def facets(self, query) -> list[Facet]:
        """Facet counts, grouped by the database: one query for the column facets and one per
        related facet, whatever the number of rows."""
        now = timezone.now()
        plan = self._plan(query, now, lead=0, with_sort=False)
        grouped = (
            self.matching(query.text)
            .annotate(**plan.columns)
            .order_by()
            .values(*plan.columns)
            .annotate(cb_n=Count("pk"))
            .values_list(*plan.columns, "cb_n")
        )
        tally = self._tally(self._fetch(grouped), plan, weighted=True, per_row=False)
        related_counts = {}
        for f in self.filters:
            if isinstance(f, Related):
                rows = self.filtered(query, skip=f.name, now=now).order_by().values("pk")
                related_counts[f.name] = f.count_rows(
                    self.model, Q(**{f"{f.owner_column(self.model)}__in": Subquery(rows)})
                )
        return self._facets(query, tally, related_counts)

    def evaluate(self, query) -> Evaluation:
        """Results and facets with the text matched once: one query reads every matching row
        (id, facet values, flags) in result order; each related facet is one aggregate over
        the ids that pass every other filter."""
        now = timezone.now()
        plan = self._plan(query, now, lead=1, with_sort=True)
        rows = self._ordered(self.matching(query.text).annotate(**plan.columns), query, now)
        rows = rows.values_list("pk", *plan.columns)
        tally = self._tally(self._fetch(rows), plan, weighted=False, per_row=True)
        related_counts = {}
        for f in self.filters:
            if isinstance(f, Related):
                through = f.through(self.model)
                related_counts[f.name] = f.count_rows(
                    self.model,
                    ids_in(through, f.owner_column(self.model), tally.related_ids[f.name]),
                )
        return Evaluation(ids=tally.ids, facets=self._facets(query, tally, related_counts))

    # -- caching --------------------------------------------------------------------------

    def version(self) -> int:
        return versions.current(self.domain)

    def bump_version(self) -> None:
        versions.bump(self.domain)

    def cache_key(self, kind: str, query) -> str:
        # The sort order changes neither the facets nor the map, so it is left out of the key,
        # except for evaluations (their ids are in result order). Filters that move with the
        # clock ("posted within 7 days") put the hour in the key, so their windows move on.
        if kind != "evaluation":
            query = replace(query, sort="")
        moving = any(f.moves_with_time and f.selected(query) for f in self.filters)
        hour = timezone.now().strftime("%Y%m%d%H") if moving else ""
        # Facets have labels: one entry per language. The map has none.
        language = "" if kind == "map" else (get_language() or "")
        return versions.key(
            self.domain, kind, FACETS_FORMAT, hour, language, versions.digest(query)
        )

    def cached_facets(self, query) -> list[Facet]:
        return versions.cached(
            self.cache_key("facets", query), lambda: self.facets(query), self.cache_seconds
        )

    def run(self, query) -> tuple[Sequence | QuerySet, list[Facet]]:
        """What a results page and the API show: (results to paginate, facets).

        With text, one evaluation (cached only if the search says so: free text varies); without
        text, a lazy queryset (a count and one page) and the cached facets."""
        if search_terms(query.text):
            if self.cache_text:
                evaluation = versions.cached(
                    self.cache_key("evaluation", query),
                    lambda: self.evaluate(query),
                    self.cache_seconds,
                )
            else:
                evaluation = self.evaluate(query)
            return Results(self, evaluation.ids), evaluation.facets
        return self.list_queryset(self.search(query)), self.cached_facets(query)

    # -- map ------------------------------------------------------------------------------

    def map_rows(self, query) -> list[tuple]:
        paths = [path for _, path in self.map.columns]
        return list(
            self.filtered(query)
            .exclude(**{self.map.path("lat"): None})
            .exclude(**{self.map.path("lon"): None})
            .order_by("pk")
            .values_list(*paths)
        )

    def map_points(self, query) -> list[list]:
        return mapdata.points([c for c, _ in self.map.columns], self.map_rows(query))

    def map_json(self, query) -> bytes:
        """Every matching point at once, cached per query like the facets."""
        columns = [c for c, _ in self.map.columns]
        return versions.cached(
            self.cache_key("map", query),
            lambda: mapdata.payload(columns, self.map_rows(query)),
            self.cache_seconds,
        )
