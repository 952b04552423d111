"""Opportunity search, declared for the shared facet/search engine (``common.search``).

As in the directory: within a facet the values are alternatives, across facets they combine;
each facet counts with every *other* facet's selection applied (``docs/marketplace.md``).

- without text, the facets come from one grouped query plus one aggregate per related facet,
  cached per query under the marketplace version number, which the services bump on every
  change of published opportunities;
- with text, the substring match over ``search_document`` (through the FTS5 / trigram index of
  migration 0002) is the expensive part, so ``evaluate`` runs it *once*: one query reads the
  matching rows with their facet values and filter flags, in result order; sectors and
  technologies are two aggregates over the ids found. Free text varies too much to be cached.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from clusterbridge.common.facets import Facet
from clusterbridge.common.search import (
    Evaluation,
    MapPoints,
    Option,
    Options,
    Related,
    Search,
    Sort,
    TextIndex,
    Values,
)
from clusterbridge.marketplace.models import Opportunity, OpportunityKind, OpportunityStatus
from clusterbridge.organisations.models import OrganisationKind

# Migration marketplace.0002 creates it.
TEXT_INDEX = TextIndex(table=Opportunity._meta.db_table, column="search_document")

WITHIN = {
    "7": _("Last 7 days"),
    "30": _("Last 30 days"),
    "90": _("Last 3 months"),
    "365": _("Last 12 months"),
}


def published() -> QuerySet[Opportunity]:
    return Opportunity.objects.filter(status=OpportunityStatus.PUBLISHED)


def _posted_within(days: int):
    return lambda now: Q(published_at__gte=now - timedelta(days=days))


MARKETPLACE = Search(
    domain="marketplace",
    model=Opportunity,
    base=published,
    text=TEXT_INDEX,
    filters=(
        Values(
            "kinds",
            "kind",
            _("Kind"),
            what=_("kind of opportunity"),
            column="kind",
            labels=OpportunityKind.choices,
            order="declared",
        ),
        Related("sectors", "sector", _("Sector"), what=_("sector"), relation="sectors", limit=20),
        Related(
            "technologies",
            "technology",
            _("Technology"),
            what=_("technology"),
            relation="technologies",
        ),
        Values(
            "countries",
            "country",
            _("Country"),
            what=_("country code"),
            column="country",
            labels=lambda: countries,
            limit=25,
        ),
        Values(
            "organisation_kinds",
            "organisation_kind",
            _("Posted by"),
            what=_("kind of organisation"),
            column="organisation_kind",
            labels=OrganisationKind.choices,
        ),
        Options(
            "within",
            "within",
            _("Posted within"),
            options=tuple(
                Option(days, label, _posted_within(int(days))) for days, label in WITHIN.items()
            ),
            single=True,
            any_label=_("Any time"),
            invalid=_("“Posted within” takes 7, 30, 90 or 365 (days)."),
            moves_with_time=True,
        ),
    ),
    sorts=(
        Sort("newest", _("Newest"), ("-published_at", "-id")),
        # Posts without a deadline are left out of the results (they still count in facets).
        Sort(
            "deadline",
            _("Deadline soonest"),
            ("deadline", "-published_at", "-id"),
            only=lambda now: Q(deadline__isnull=False),
        ),
    ),
    page_size=20,
    map=MapPoints(
        (
            ("reference", "reference"),
            ("title", "title"),
            ("kind", "kind"),
            ("lat", "organisation__latitude"),
            ("lon", "organisation__longitude"),
            ("city", "organisation__city"),
        )
    ),
    list_relations=lambda queryset: queryset.select_related("organisation").prefetch_related(
        "sectors", "technologies"
    ),
    query_name="OpportunityQuery",
)

OpportunityQuery = MARKETPLACE.Query
SORTS = MARKETPLACE.sort_labels
PARAMETER_OF = MARKETPLACE.parameter_of


def search(query) -> QuerySet[Opportunity]:
    return MARKETPLACE.search(query)


def with_list_relations(queryset: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
    return MARKETPLACE.list_queryset(queryset)


def facets(query) -> list[Facet]:
    return MARKETPLACE.facets(query)


def cached_facets(query) -> list[Facet]:
    return MARKETPLACE.cached_facets(query)


def evaluate(query) -> Evaluation:
    return MARKETPLACE.evaluate(query)


def run(query):
    """What the search page and the API show: (results to paginate, facets)."""
    return MARKETPLACE.run(query)


def map_json(query) -> bytes:
    """Opportunities at their organisation's location: [reference, title, kind, lat, lon, city]."""
    return MARKETPLACE.map_json(query)


def marketplace_version() -> int:
    return MARKETPLACE.version()


def bump_marketplace_version() -> None:
    """Called on commit by every service that changes published opportunities."""
    MARKETPLACE.bump_version()
