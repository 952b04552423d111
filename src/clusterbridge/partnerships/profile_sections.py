"""The partnerships an organisation takes part in, on its profile (see clusterbridge.common.hub).
One query."""

from __future__ import annotations

from django.utils.translation import gettext as _

from clusterbridge.common.hub import HubSection
from clusterbridge.partnerships.queries.lists import partnerships_of_organisation


def sections(request, *, organisation) -> list[HubSection]:
    members = list(partnerships_of_organisation(organisation))
    if not members:
        return []
    return [
        HubSection(
            key="partnerships",
            title=_("Partnerships"),
            template="partnerships/profile/section.html",
            context={"members": members},
            order=60,
        )
    ]
