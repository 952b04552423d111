"""The events' part of a region's page (see clusterbridge.common.hub): published events held
in the region — on-site or hybrid, with a location inside the region's outline. One query."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from clusterbridge.common.hub import HubSection
from clusterbridge.events.models import Event

SHOWN = 10


def sections(request, *, region, area) -> list[HubSection]:
    box = area.bbox
    if box is None:
        return []
    min_lon, min_lat, max_lon, max_lat = box
    candidates = (
        Event.objects.filter(
            is_published=True,
            latitude__gte=min_lat,
            latitude__lte=max_lat,
            longitude__gte=min_lon,
            longitude__lte=max_lon,
        )
        .exclude(format="online")
        .order_by("-start", "pk")
    )
    held = [e for e in candidates if area.contains(e.longitude, e.latitude)]
    now = timezone.now()
    upcoming = sorted((e for e in held if e.end >= now), key=lambda e: (e.start, e.pk))
    past = [e for e in held if e.end < now]
    return [
        HubSection(
            key="events-here",
            title=_("Events held here"),
            template="events/region/events.html",
            context={"upcoming": upcoming[:SHOWN], "past": past[:SHOWN], "region": region},
            order=30,
        )
    ]
