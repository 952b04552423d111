"""The organisations' part of a country page (see clusterbridge.international.sections):
published organisations located in the country, their number and the first ten. Two queries."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from clusterbridge.common.hub import HubSection
from clusterbridge.organisations.models import Organisation, ProfileStatus

SHOWN = 10


def sections(request, *, country_code: str) -> list[HubSection]:
    located = Organisation.objects.filter(status=ProfileStatus.PUBLISHED, country=country_code)
    total = located.count()
    first = list(located.order_by("name", "pk").values("name", "slug", "city", "kind")[:SHOWN])
    labels = dict(Organisation._meta.get_field("kind").choices)
    items = [
        {
            "name": o["name"],
            "url": reverse("organisations:detail", kwargs={"slug": o["slug"]}),
            "meta": " · ".join(filter(None, [o["city"], str(labels.get(o["kind"], ""))])),
        }
        for o in first
    ]
    more = reverse("organisations:directory") + "?" + urlencode({"country": country_code})
    return [
        HubSection(
            key="organisations-here",
            title=_("Organisations located there"),
            template="",
            context={"items": items, "total": total, "more_url": more if total > SHOWN else ""},
            order=10,
        )
    ]
