"""The events' part of a country page (see clusterbridge.international.sections): published
events and missions held in the country or targeting it, upcoming first. Two queries."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from clusterbridge.common.hub import HubSection
from clusterbridge.events.models import Event

SHOWN = 10


def sections(request, *, country_code: str) -> list[HubSection]:
    # A multiple CountryField is stored as "US,KR": two letters between commas are one code.
    about = Event.objects.filter(
        Q(country=country_code) | Q(target_countries__contains=country_code), is_published=True
    )
    total = about.count()
    now = timezone.now()
    upcoming = list(about.filter(end__gte=now).order_by("start", "pk")[:SHOWN])
    if len(upcoming) < SHOWN:
        upcoming += list(
            about.filter(end__lt=now).order_by("-start", "-pk")[: SHOWN - len(upcoming)]
        )
    items = [
        {
            "name": e.title,
            "url": e.get_absolute_url(),
            "meta": " · ".join(
                filter(None, [date_format(e.start, "DATE_FORMAT"), e.get_kind_display(), e.city])
            ),
        }
        for e in upcoming
    ]
    return [
        HubSection(
            key="events-about",
            title=_("Events and missions"),
            template="",
            context={"items": items, "total": total, "more_url": ""},
            order=15,
        )
    ]
