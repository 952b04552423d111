"""The marketplace's part of a country page (see clusterbridge.international.sections):
published opportunities whose targeted countries include it. Two queries."""

from __future__ import annotations

from django.utils.translation import gettext as _

from clusterbridge.common.hub import HubSection
from clusterbridge.marketplace.models import Opportunity, OpportunityStatus

SHOWN = 10


def sections(request, *, country_code: str) -> list[HubSection]:
    # A multiple CountryField is stored as "US,KR": two letters between commas are one code.
    targeting = Opportunity.objects.filter(
        status=OpportunityStatus.PUBLISHED, target_countries__contains=country_code
    )
    total = targeting.count()
    first = list(targeting.select_related("organisation").order_by("-published_at", "-id")[:SHOWN])
    items = [
        {
            "name": o.title,
            "url": o.get_absolute_url(),
            "meta": " · ".join([o.reference, o.get_kind_display(), o.organisation.name]),
        }
        for o in first
    ]
    return [
        HubSection(
            key="opportunities-targeting",
            title=_("Cooperation opportunities targeting this country"),
            template="",
            context={"items": items, "total": total, "more_url": ""},
            order=30,
        )
    ]
