"""The international part of the home page (see clusterbridge.common.hub): the priority
countries with a published page, and the way to the index. One query."""

from django.utils.translation import gettext as _

from clusterbridge.common.hub import HubSection
from clusterbridge.international.models import Priority
from clusterbridge.international.queries.search import published

SHOWN = 8


def sections(request) -> list[HubSection]:
    countries = list(
        published().filter(priority=Priority.PRIORITY).order_by("name").only("name", "slug")[:SHOWN]
    )
    return [
        HubSection(
            key="international",
            title=_("International cooperation"),
            template="international/home/countries.html",
            context={"countries": countries},
            order=60,
        )
    ]
