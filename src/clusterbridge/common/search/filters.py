"""The filters of a search, each with its facet: the rule (a ``Q``) is written once, here.

A filter knows four things: which rows pass it for the selected values (``q``), what value(s)
a row has for its facet (``columns`` + ``add``), how its facet looks (``facet``), and how its
URL parameter is validated (``form_field`` + ``valid_choices``).

- ``Values``: one value per row in a column (kind, country, region, size band, label level…).
- ``Related``: a many-to-many relation to a taxonomy with codes (sectors, technologies…).
- ``Options``: named conditions, each its own ``Q`` (time windows, ranges, "has a deadline"…).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import reduce
from typing import Any

from django import forms
from django.db.models import Case, CharField, Count, F, IntegerField, Q, Subquery, Value, When

from clusterbridge.common.facets import Facet, FacetValue, build_facet
from clusterbridge.common.forms import filter_field

Labels = Mapping[str, str] | Iterable[tuple[str, str]] | Callable[[], Iterable[tuple[str, str]]]


def _labels(labels: Labels | None) -> dict[str, str]:
    if labels is None:
        return {}
    if callable(labels):
        labels = labels()
    return dict(labels.items() if isinstance(labels, Mapping) else labels)


def flag(condition: Q) -> Case:
    """1 for the rows where ``condition`` holds, else 0: computed by the database."""
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


@dataclass(frozen=True)
class Filter:
    name: str  # attribute of the query object ("kinds")
    param: str  # URL parameter ("kind")
    label: str  # the facet's title
    what: str = ""  # for "Unknown <what> “x”." when a value is not valid
    single = False
    moves_with_time = False  # its rows change with the clock (the cache key carries the hour)

    def selected(self, query) -> tuple[str, ...]:
        value = getattr(query, self.name)
        if self.single:
            return (value,) if value else ()
        return tuple(value)

    def q(self, model, values: tuple[str, ...], now: datetime) -> Q:
        """The rows that pass for the selected ``values``: the one definition of the rule."""
        raise NotImplementedError

    def columns(self, model, now: datetime) -> dict[str, Any]:
        """Expressions read by the counting pass for this facet (none for ``Related``)."""
        return {}

    def form_field(self) -> forms.Field:
        return filter_field(self.label, self.what)

    def valid_choices(self, model) -> list[tuple[str, str]] | None:
        """The values the form accepts, set when the form is made (None: set in the class)."""
        return None

    def column_name(self, suffix: str = "") -> str:
        return f"cb_{self.name}{suffix}"


@dataclass(frozen=True, kw_only=True)
class Values(Filter):
    """One value per row: ``column`` (a field path). Values are alternatives (OR)."""

    column: str
    labels: Labels | None = None  # value → label; also the valid values unless ``choices``
    label_column: str | None = None  # …or the label read from the rows (a region's name)
    label_format: str = "{label}"
    choices: Callable[[], Iterable[str]] | None = None  # valid values, e.g. codes from a table
    order: str = "count"  # "count", "label" or "declared" (the order of ``labels``)
    limit: int | None = None
    # Only rows where this holds have a value at all (a label is current until its end date).
    current: Callable[[datetime], Q] | None = None
    hide_empty: bool = False  # no facet at all while no row has a value

    def q(self, model, values, now):
        condition = Q(**{f"{self.column}__in": values})
        return condition & self.current(now) if self.current else condition

    def columns(self, model, now):
        value = F(self.column)
        if self.current:
            value = Case(
                When(self.current(now), then=value), default=Value(None), output_field=CharField()
            )
        columns = {self.column_name(): value}
        if self.label_column:
            columns[self.column_name("_label")] = F(self.label_column)
        return columns

    def adder(self, counts: dict, labels: dict, at: dict[str, int]):
        value_at = at[self.column_name()]
        label_at = at.get(self.column_name("_label"))

        def add(row, n):
            value = row[value_at]
            counts[value] = counts.get(value, 0) + n
            if label_at is not None:
                labels[value] = row[label_at]

        return add

    def facet(self, counts, labels, query) -> Facet | None:
        counts = {value: n for value, n in counts.items() if value}
        if self.label_column:
            shown = {v: self.label_format.format(label=labels[v], value=v) for v in counts}
        else:
            shown = _labels(self.labels)
        facet = build_facet(
            name=self.name,
            label=self.label,
            param=self.param,
            counts=counts,
            labels=shown,
            selected=self.selected(query),
            order=self.order,
            limit=self.limit,
        )
        return None if self.hide_empty and not facet.values else facet

    def valid_choices(self, model):
        if self.choices is not None:
            return [(value, value) for value in self.choices()]
        return list(_labels(self.labels).items())


@dataclass(frozen=True, kw_only=True)
class Related(Filter):
    """A many-to-many ``relation`` of the model to rows with a ``code`` and a ``name``.

    A row passes when it is related to any selected code; the facet counts related rows with
    one aggregate over the relation's table."""

    relation: str
    code: str = "code"
    label_field: str = "name"
    order: str = "count"
    limit: int | None = None

    def _field(self, model):
        return model._meta.get_field(self.relation)

    def through(self, model):
        return self._field(model).remote_field.through

    def owner_column(self, model) -> str:
        """The through table's column that points at the searched model."""
        return self._field(model).m2m_column_name()

    def target(self, model) -> str:
        return self._field(model).m2m_reverse_field_name()

    def q(self, model, values, now) -> Q:
        through, target = self.through(model), self.target(model)
        owner = self._field(model).m2m_field_name()
        return Q(
            pk__in=Subquery(
                through.objects.filter(**{f"{target}__{self.code}__in": values}).values(
                    f"{owner}_id"
                )
            )
        )

    def count_rows(self, model, rows_filter: Q):
        """(counts, labels) of the related codes over the through rows matching ``rows_filter``."""
        through, target = self.through(model), self.target(model)
        code, name = f"{target}__{self.code}", f"{target}__{self.label_field}"
        found = through.objects.filter(rows_filter).values(code, name).annotate(n=Count("pk"))
        return {r[code]: r["n"] for r in found}, {r[code]: r[name] for r in found}

    def facet(self, counts, labels, query) -> Facet:
        return build_facet(
            name=self.name,
            label=self.label,
            param=self.param,
            counts=counts,
            labels=labels,
            selected=self.selected(query),
            order=self.order,
            limit=self.limit,
        )

    def valid_choices(self, model):
        target_model = self._field(model).remote_field.model
        codes = target_model.objects.values_list(self.code, flat=True)
        return [(code, code) for code in codes]


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    condition: Callable[[datetime], Q]  # the rows this option selects


@dataclass(frozen=True, kw_only=True)
class Options(Filter):
    """Named conditions; each option counts the rows where its condition holds, so options may
    overlap (nested time windows). Shown in the declared order, all of them, even at zero."""

    options: tuple[Option, ...]
    single: bool = True
    any_label: str = ""  # the "no filter" choice of a single option ("Any time")
    invalid: str = ""  # message for a value that is no option
    moves_with_time: bool = False
    _by_value: dict = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_by_value", {o.value: o for o in self.options})

    def q(self, model, values, now):
        return reduce(operator.or_, (self._by_value[value].condition(now) for value in values))

    def columns(self, model, now):
        return {
            self.column_name(f"_{i}"): flag(option.condition(now))
            for i, option in enumerate(self.options)
        }

    def adder(self, counts: dict, labels: dict, at: dict[str, int]):
        positions = [
            (at[self.column_name(f"_{i}")], option.value) for i, option in enumerate(self.options)
        ]

        def add(row, n):
            for position, value in positions:
                if row[position]:
                    counts[value] = counts.get(value, 0) + n

        return add

    def facet(self, counts, labels, query) -> Facet:
        selected = self.selected(query)
        return Facet(
            name=self.name,
            label=self.label,
            param=self.param,
            single=self.single,
            any_label=self.any_label,
            values=[
                FacetValue(
                    value=o.value,
                    label=o.label,
                    count=counts.get(o.value, 0),
                    selected=o.value in selected,
                )
                for o in self.options
            ],
        )

    def form_field(self) -> forms.Field:
        choices = [(o.value, o.label) for o in self.options]
        error_messages = {"invalid_choice": self.invalid} if self.invalid else None
        if self.single:
            return forms.ChoiceField(
                label=self.label,
                choices=[("", self.any_label), *choices],
                required=False,
                error_messages=error_messages,
            )
        return forms.MultipleChoiceField(
            label=self.label, choices=choices, required=False, error_messages=error_messages
        )
