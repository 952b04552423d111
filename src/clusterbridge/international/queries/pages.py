"""Read-side querysets of the country pages (fixed numbers of queries)."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from clusterbridge.international.models import Arrangement, CountryPage, Gateway


def country_pages() -> QuerySet[CountryPage]:
    return CountryPage.objects.prefetch_related("sectors")


def all_pages() -> QuerySet[CountryPage]:
    """Every page, drafts too (the staff's list), with their numbers of arrangements."""
    return CountryPage.objects.annotate(arrangement_count=Count("arrangements")).order_by("name")


def arrangements_of(page: CountryPage) -> QuerySet[Arrangement]:
    return Arrangement.objects.filter(page=page).order_by("-signed_on", "-id")


def gateways_of(page: CountryPage) -> QuerySet[Gateway]:
    return Gateway.objects.filter(page=page).order_by("name", "id")
