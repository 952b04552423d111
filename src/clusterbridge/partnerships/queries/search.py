"""The public list of partnerships, declared for the shared facet/search engine.

Facets: type, sector, target country and member country. A partnership has several target
and member countries, so both are ``Related`` facets over ``FacetCountry`` rows that the
services keep in step with the partnership (target countries) and its accepted members'
countries; their labels are the country names in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from clusterbridge.common.search import Related, Search, Sort, TextIndex, Values
from clusterbridge.partnerships.models import Partnership, PartnershipKind, PartnershipStatus

# Migration partnerships.0002 creates it.
TEXT_INDEX = TextIndex(
    table=Partnership._meta.db_table, column="search_document", where=("status", "published")
)


@dataclass(frozen=True, kw_only=True)
class CountryRelated(Related):
    """A ``Related`` facet over countries: any ISO code is a valid value (an unused one
    finds nothing) and the labels are the country names in the active language."""

    def facet(self, counts, labels, query):
        names = dict(countries)
        return super().facet(counts, {code: names.get(code, code) for code in counts}, query)

    def valid_choices(self, model):
        return [(code, code) for code, _name in countries]


def published() -> QuerySet[Partnership]:
    return Partnership.objects.filter(status=PartnershipStatus.PUBLISHED)


PARTNERSHIPS = Search(
    domain="partnerships",
    model=Partnership,
    base=published,
    text=TEXT_INDEX,
    filters=(
        Values(
            "kinds",
            "type",
            _("Type"),
            what="type of partnership",
            column="kind",
            labels=PartnershipKind.choices,
            order="declared",
        ),
        Related("sectors", "sector", _("Sector"), what="sector", relation="sectors", limit=20),
        CountryRelated(
            "target_countries",
            "target_country",
            _("Target country"),
            what="country code",
            relation="target_country_set",
            limit=25,
        ),
        CountryRelated(
            "member_countries",
            "member_country",
            _("Member country"),
            what="country code",
            relation="member_country_set",
            limit=25,
        ),
    ),
    sorts=(
        Sort("name", _("Name"), ("name", "id")),
        Sort("newest", _("Newest"), ("-published_at", "-id")),
    ),
    page_size=20,
    list_relations=lambda queryset: queryset.select_related("coordinator").prefetch_related(
        "sectors"
    ),
    query_name="PartnershipQuery",
)

PartnershipQuery = PARTNERSHIPS.Query


def bump_partnerships_version() -> None:
    """Called on commit by every service that changes what the public list shows."""
    PARTNERSHIPS.bump_version()
