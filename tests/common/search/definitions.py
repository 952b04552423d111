"""A small search declared over organisations, used by the engine tests, with an oracle: the
disjunctive facet semantics written out plainly in Python over loaded rows."""

from __future__ import annotations

from django.db.models import F, Q
from django_countries import countries

from clusterbridge.common.search import (
    MapPoints,
    Option,
    Options,
    Related,
    Search,
    Sort,
    Values,
)
from clusterbridge.common.text import search_terms
from clusterbridge.organisations.models import Organisation, OrganisationKind
from clusterbridge.organisations.queries.directory import TEXT_INDEX, published
from tests.factories import OrganisationFactory

REACH = {"10": 10, "50": 50}  # "10 or more members", "50 or more": overlapping options

ENGINE = Search(
    domain="engine-test",
    model=Organisation,
    base=published,
    text=TEXT_INDEX,
    filters=(
        Values(
            "kinds",
            "kind",
            "Kind",
            what="kind of organisation",
            column="kind",
            labels=OrganisationKind.choices,
            order="declared",
        ),
        Values(
            "countries",
            "country",
            "Country",
            what="country code",
            column="country",
            labels=lambda: countries,
        ),
        Related("sectors", "sector", "Sector", what="sector", relation="sectors"),
        Options(
            "reach",
            "reach",
            "Members",
            options=tuple(
                Option(value, f"{n} or more", lambda now, n=n: Q(members_total__gte=n))
                for value, n in REACH.items()
            ),
            single=False,
            invalid="Reach takes 10 or 50.",
        ),
    ),
    sorts=(
        Sort("name", "Name", ("name", "id")),
        Sort(
            "founded",
            "Oldest first",
            ("year_founded", "name", "id"),
            only=lambda now: Q(year_founded__isnull=False),
        ),
        Sort(
            "ranked",
            "Ranked",
            ("name", "id"),
            rank=lambda terms: F("members_total"),  # with text: most members first
        ),
    ),
    page_size=3,
    map=MapPoints(
        (
            ("slug", "slug"),
            ("name", "name"),
            ("kind", "kind"),
            ("lat", "latitude"),
            ("lon", "longitude"),
            ("city", "city"),
        )
    ),
    list_relations=lambda queryset: queryset.prefetch_related("sectors"),
    query_name="EngineQuery",
)
EngineQuery = ENGINE.Query

SPECS = [
    # name, kind, country, sectors, SME members, year founded, description
    ("Aachen Laser Cluster", "cluster", "DE", ["automotive"], 60, 2001, "lasers and optics"),
    ("Berlin Battery Firm", "sme", "DE", ["automotive", "biopharmaceuticals"], 0, None, "cells"),
    ("Cork Bio Cluster", "cluster", "IE", ["biopharmaceuticals"], 12, 1999, "laser diagnostics"),
    ("Dijon Food Lab", "rto", "FR", ["food-processing-and-manufacturing"], 5, 2010, "food"),
    ("Essen Steel Cluster", "cluster", "DE", ["metalworking-technology"], 120, None, "steel"),
    ("Faro Sea Lab", "university", "PT", [], 0, 1980, "ocean lasers"),
    ("Graz Auto Cluster", "cluster", "AT", ["automotive"], 30, 2005, "cars and lasers"),
    ("Hamburg Port SME", "sme", "DE", ["transportation-and-logistics"], 9, None, "ports"),
]


def build() -> list[Organisation]:
    created = [
        OrganisationFactory(
            name=name,
            kind=kind,
            country=country,
            sectors=sectors,
            members_smes=members,
            year_founded=year,
            short_description=description,
        )
        for name, kind, country, sectors, members, year, description in SPECS
    ]
    OrganisationFactory(name="Draft Laser Cluster", status="draft", published_at=None)
    return created


# -- the oracle -------------------------------------------------------------------------------


def _rows():
    return [
        {
            "id": org.pk,
            "name": org.name,
            "kinds": org.kind,
            "countries": org.country.code,
            "sectors": {s.code for s in org.sectors.all()},
            "reach": {value for value, n in REACH.items() if org.members_total >= n},
            "text": org.search_document,
            "founded": org.year_founded,
        }
        for org in published().prefetch_related("sectors")
    ]


def _passes(row, name: str, selected: tuple[str, ...]) -> bool:
    if name in ("kinds", "countries"):
        return row[name] in selected
    return bool(row[name] & set(selected))  # sectors, reach: any of the selected values


def oracle(query) -> tuple[list[str], dict[str, dict[str, int]]]:
    """(result names in name order, counts per facet) by the definition of disjunctive facets."""
    terms = search_terms(query.text)
    rows = [r for r in _rows() if all(term in r["text"] for term in terms)]
    selected = {
        name: tuple(getattr(query, name))
        for name in ("kinds", "countries", "sectors", "reach")
        if getattr(query, name)
    }

    def passing(skip=None):
        return [
            r
            for r in rows
            if all(_passes(r, name, values) for name, values in selected.items() if name != skip)
        ]

    counts: dict[str, dict[str, int]] = {}
    for name in ("kinds", "countries", "sectors", "reach"):
        tally: dict[str, int] = {}
        for row in passing(skip=name):
            values = row[name] if isinstance(row[name], set) else {row[name]}
            for value in values:
                tally[value] = tally.get(value, 0) + 1
        counts[name] = tally
    results = sorted(passing(), key=lambda r: r["name"])
    if query.sort == "founded":
        results = sorted(
            (r for r in results if r["founded"] is not None),
            key=lambda r: (r["founded"], r["name"]),
        )
    return [r["name"] for r in results], counts
