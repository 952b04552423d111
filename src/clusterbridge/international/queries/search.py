"""The index of country pages, declared for the shared facet/search engine: facets priority
status and sector, sorted by name, with the countries on the map at their stored point."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from clusterbridge.common.search import MapPoints, Related, Search, Sort, Values
from clusterbridge.international.models import CountryPage, PageStatus, Priority


def published() -> QuerySet[CountryPage]:
    return CountryPage.objects.filter(status=PageStatus.PUBLISHED)


COUNTRIES = Search(
    domain="international",
    model=CountryPage,
    base=published,
    filters=(
        Values(
            "priorities",
            "priority",
            _("Priority status"),
            what="priority status",
            column="priority",
            labels=Priority.choices,
            order="declared",
        ),
        Related("sectors", "sector", _("Sector"), what="sector", relation="sectors", limit=30),
    ),
    sorts=(Sort("name", _("Name"), ("name", "id")),),
    page_size=50,
    map=MapPoints(
        (
            ("slug", "slug"),
            ("name", "name"),
            ("kind", "priority"),
            ("lat", "latitude"),
            ("lon", "longitude"),
            ("city", "capital"),
        )
    ),
    list_relations=lambda queryset: queryset.prefetch_related("sectors"),
    query_name="CountryQuery",
)

CountryQuery = COUNTRIES.Query


def bump_countries_version() -> None:
    """Called on commit by every service that changes what the index shows."""
    COUNTRIES.bump_version()
