"""Directory search, declared for the shared facet/search engine (``common.search``).

Filters, facets, sorts, the text index and the map columns are declared once in ``DIRECTORY``;
the engine gives the results, the disjunctive facet counts (within a facet the values are
alternatives, across facets they combine, each facet counts with the *other* selections
applied), the cached map data and the query object, in a fixed number of SQL queries.

Excellence labels are awarded by the benchmarking app (a later app, never imported here); it
keeps the organisation's ``label_level`` / ``label_valid_until`` up to date, which the label
filter reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from clusterbridge.common.facets import Facet
from clusterbridge.common.search import (
    Filter,
    MapPoints,
    Related,
    Search,
    Sort,
    TextIndex,
    Values,
)
from clusterbridge.organisations.models import (
    LabelLevel,
    Organisation,
    OrganisationKind,
    ProfileStatus,
    SizeBand,
)
from clusterbridge.organisations.queries import links
from clusterbridge.taxonomy.models import NutsRegion

# Migration organisations.0003 creates it.
TEXT_INDEX = TextIndex(table=Organisation._meta.db_table, column="search_document")


def published() -> QuerySet[Organisation]:
    return Organisation.objects.filter(status=ProfileStatus.PUBLISHED)


def _relevance(terms: list[str]):
    """A term in the name or acronym weighs far more than one in the descriptions; a name that
    starts with the first term comes first."""
    score = Value(0, output_field=IntegerField())
    for term in terms:
        score = score + Case(
            When(search_name__contains=term, then=Value(10)),
            default=Value(1),
            output_field=IntegerField(),
        )
    return score + Case(
        When(search_name__startswith=terms[0], then=Value(5)),
        default=Value(0),
        output_field=IntegerField(),
    )


def _current_label(now) -> Q:
    return Q(label_valid_until__gte=timezone.localdate(now))


def _regions() -> list[str]:
    return list(NutsRegion.objects.filter(level=2).values_list("code", flat=True))


class ClusterSlugField(forms.CharField):
    """A published cluster organisation's slug (one query, only when a value is given)."""

    def clean(self, value):
        value = super().clean(value)
        if value and links.published_cluster(value) is None:
            raise ValidationError(
                _("No published cluster organisation “{slug}”.").format(slug=value[:80]),
                code="invalid_choice",
            )
        return value


@dataclass(frozen=True, kw_only=True)
class MemberOf(Filter):
    """The confirmed members of one cluster organisation (``?member_of=<slug>``): a filter
    without a facet, reached from the cluster's profile ("show the members on the map")."""

    single = True

    def q(self, model, values, now) -> Q:
        return links.member_of_q(values[0])

    def adder(self, counts, labels, at):
        return lambda row, n: None

    def facet(self, counts, labels, query):
        return None

    def form_field(self) -> forms.Field:
        return ClusterSlugField(label=self.label, required=False, max_length=220, strip=True)


DIRECTORY = Search(
    domain="directory",
    model=Organisation,
    base=published,
    text=TEXT_INDEX,
    filters=(
        Values(
            "kinds",
            "kind",
            _("Kind"),
            what=_("kind of organisation"),
            column="kind",
            labels=OrganisationKind.choices,
        ),
        Values(
            "countries",
            "country",
            _("Country"),
            what=_("country code"),
            column="country",
            labels=lambda: countries,
        ),
        Values(
            "regions",
            "region",
            _("Region"),
            what=_("NUTS region code"),
            column="nuts_region__code",
            label_column="nuts_region__name",
            label_format="{label} ({value})",
            choices=_regions,
            limit=15,
        ),
        Related("sectors", "sector", _("Sector"), what=_("sector"), relation="sectors", limit=20),
        # The observatory keeps ``specialised_sectors``: the organisation's sectors in which its
        # NUTS-2 region has a location quotient of 2 or more.
        Related(
            "specialised",
            "specialised",
            _("In a region specialised in"),
            what=_("sector"),
            relation="specialised_sectors",
            limit=20,
        ),
        Related(
            "ecosystems",
            "ecosystem",
            _("Industrial ecosystem"),
            what=_("industrial ecosystem"),
            relation="ecosystems",
        ),
        Related(
            "technologies",
            "technology",
            _("Key enabling technology"),
            what=_("technology"),
            relation="technologies",
        ),
        Values(
            "sizes",
            "size",
            _("Members"),
            what=_("member-size band"),
            column="size_band",
            labels=SizeBand.choices,
            order="declared",
        ),
        # Shown once some organisation holds a label (or a label is selected).
        Values(
            "labels",
            "label",
            _("Excellence label"),
            what=_("label level (use bronze, silver or gold)"),
            column="label_level",
            labels=LabelLevel.choices,
            order="declared",
            current=_current_label,
            hide_empty=True,
        ),
        MemberOf(
            name="member_of",
            param="member_of",
            label=_("Member of"),
            what=_("cluster organisation"),
        ),
    ),
    sorts=(
        Sort("relevance", _("Relevance"), ("name", "id"), rank=_relevance),
        Sort("name", _("Name"), ("name", "id")),
        Sort("newest", _("Newest"), ("-published_at", "-id")),
        Sort("size", _("Most members"), ("-members_total", "name", "id")),
        Sort(
            "specialisation",
            _("Region most specialised in its sectors"),
            (F("region_top_lq").desc(nulls_last=True), "name", "id"),
        ),
    ),
    page_size=20,
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
    list_relations=lambda queryset: queryset.select_related("nuts_region").prefetch_related(
        "sectors"
    ),
    # Organisations change rarely and people repeat searches: text results are cached too.
    cache_text=True,
    query_name="DirectoryQuery",
)

DirectoryQuery = DIRECTORY.Query
SORTS = DIRECTORY.sort_labels
PARAMETER_OF = DIRECTORY.parameter_of  # DirectoryQuery attribute → URL parameter
LABEL_LEVELS = dict(LabelLevel.choices)


def search(query) -> QuerySet[Organisation]:
    return DIRECTORY.search(query)


def with_list_relations(queryset: QuerySet[Organisation]) -> QuerySet[Organisation]:
    return DIRECTORY.list_queryset(queryset)


def run(query):
    """(results to paginate, facets) for the directory page and the API."""
    return DIRECTORY.run(query)


def facets(query) -> list[Facet]:
    return DIRECTORY.facets(query)


def cached_facets(query) -> list[Facet]:
    return DIRECTORY.cached_facets(query)


def map_points(query) -> list[list]:
    """Compact rows for the map: [slug, name, kind, latitude, longitude, city]."""
    return DIRECTORY.map_points(query)


def map_json(query) -> bytes:
    return DIRECTORY.map_json(query)


def current_label_level(organisation: Organisation) -> str | None:
    """The organisation's currently valid label level, or None (no query)."""
    return organisation.current_label_level or None


def directory_version() -> int:
    return DIRECTORY.version()


def bump_directory_version() -> None:
    """Called on commit by every service that changes published profiles or their labels."""
    DIRECTORY.bump_version()
