"""The partnerships' part of a country page (see clusterbridge.international.sections):
published partnerships whose target third countries include it. Two queries."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from clusterbridge.common.hub import HubSection
from clusterbridge.partnerships.models import Partnership, PartnershipStatus

SHOWN = 10


def sections(request, *, country_code: str) -> list[HubSection]:
    targeting = Partnership.objects.filter(
        status=PartnershipStatus.PUBLISHED, target_country_set__code=country_code
    )
    total = targeting.count()
    first = list(targeting.order_by("name", "pk").values("name", "slug", "acronym", "kind")[:SHOWN])
    labels = dict(Partnership._meta.get_field("kind").choices)
    items = [
        {
            "name": p["name"],
            "url": reverse("partnerships:detail", kwargs={"slug": p["slug"]}),
            "meta": " · ".join(filter(None, [p["acronym"], str(labels.get(p["kind"], ""))])),
        }
        for p in first
    ]
    more = reverse("partnerships:index") + "?" + urlencode({"target_country": country_code})
    return [
        HubSection(
            key="partnerships-targeting",
            title=_("Partnerships targeting this country"),
            template="",
            context={"items": items, "total": total, "more_url": more if total > SHOWN else ""},
            order=20,
        )
    ]
