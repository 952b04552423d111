"""The public calendar: published events with filters, a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from clusterbridge.events.models import Event


def calendar(
    *, when: str = "upcoming", kind: str = "", country: str = "", sector: str = "",
    online: bool = False,
) -> QuerySet[Event]:  # fmt: skip
    now = timezone.now()
    qs = (
        Event.objects.filter(is_published=True)
        .select_related("organiser")
        .annotate(admitted=Count("registrations", filter=Q(registrations__status="admitted")))
    )
    if when == "past":
        qs = qs.filter(end__lt=now).order_by("-start", "pk")
    else:
        qs = qs.filter(end__gte=now).order_by("start", "pk")
    if kind:
        qs = qs.filter(kind=kind)
    if country:
        qs = qs.filter(country=country)
    if sector:
        qs = qs.filter(target_sectors__code=sector)
    if online:
        qs = qs.exclude(format="onsite")
    return qs


def organised_by(user) -> QuerySet[Event]:
    """Events the user may manage: created by them or organised by one of their organisations."""
    orgs = user.memberships.values("organisation_id")
    qs = Event.objects.filter(
        Q(created_by=user) | Q(organiser__in=orgs) | Q(co_organisers__in=orgs)
    )
    return (
        Event.objects.filter(pk__in=qs.values("pk"))
        .select_related("organiser")
        .annotate(
            admitted=Count("registrations", filter=Q(registrations__status="admitted")),
        )
        .order_by("-start", "pk")
    )
