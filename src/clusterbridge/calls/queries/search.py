"""The public list of calls, declared for the shared facet/search engine.

Sorted by next deadline by default (calls whose deadlines have all passed come last); facets:
level, type, sector, industrial ecosystem, key enabling technology and the deadline window.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from clusterbridge.calls.models import Call, CallLevel, CallStatus, CallType
from clusterbridge.common.search import Option, Options, Related, Search, Sort, TextIndex, Values

# Migration calls.0002 creates it.
TEXT_INDEX = TextIndex(
    table=Call._meta.db_table, column="search_document", where=("status", "published")
)


def published() -> QuerySet[Call]:
    return Call.objects.filter(status=CallStatus.PUBLISHED)


CALLS = Search(
    domain="calls",
    model=Call,
    base=published,
    text=TEXT_INDEX,
    filters=(
        Options(
            "deadline",
            "deadline",
            _("Deadline"),
            single=True,
            any_label=_("Any"),
            invalid="“Deadline” takes open, 30days or closed.",
            moves_with_time=True,
            options=(
                Option("open", _("Open"), lambda now: Q(next_deadline__gte=now)),
                Option(
                    "30days",
                    _("Closing within 30 days"),
                    lambda now: Q(next_deadline__gte=now, next_deadline__lt=now + timedelta(30)),
                ),
                Option(
                    "closed",
                    _("Closed"),
                    lambda now: Q(next_deadline__isnull=True) | Q(next_deadline__lt=now),
                ),
            ),
        ),
        Values(
            "levels",
            "level",
            _("Level"),
            what="level",
            column="level",
            labels=CallLevel.choices,
            order="declared",
        ),
        Values(
            "kinds",
            "type",
            _("Type"),
            what="type of call",
            column="kind",
            labels=CallType.choices,
            order="declared",
        ),
        Related("sectors", "sector", _("Sector"), what="sector", relation="sectors", limit=20),
        Related(
            "ecosystems",
            "ecosystem",
            _("Industrial ecosystem"),
            what="ecosystem",
            relation="ecosystems",
            limit=14,
        ),
        Related(
            "technologies",
            "technology",
            _("Key enabling technology"),
            what="technology",
            relation="technologies",
            limit=10,
        ),
    ),
    sorts=(
        Sort(
            "deadline",
            _("Next deadline"),
            (F("next_deadline").asc(nulls_last=True), "id"),
        ),
        Sort("newest", _("Newest"), ("-published_at", "-id")),
        Sort("title", _("Title"), ("title", "id")),
    ),
    page_size=20,
    list_relations=lambda queryset: queryset.select_related("organisation").prefetch_related(
        "sectors", "stages"
    ),
    query_name="CallQuery",
)

CallQuery = CALLS.Query


def bump_calls_version() -> None:
    """Called on commit by every service that changes what the public list shows."""
    CALLS.bump_version()
