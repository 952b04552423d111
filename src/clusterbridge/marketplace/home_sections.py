"""The marketplace's part of the home page (see clusterbridge.common.hub)."""

from django.utils.translation import gettext as _

from clusterbridge.common.hub import HubSection
from clusterbridge.marketplace.models import Opportunity, OpportunityStatus
from clusterbridge.marketplace.queries.messaging import unread_total


def sections(request) -> list[HubSection]:
    newest = list(
        Opportunity.objects.filter(status=OpportunityStatus.PUBLISHED)
        .select_related("organisation")
        .order_by("-published_at", "-pk")[:5]
    )
    found = [
        HubSection(
            key="newest-opportunities",
            title=_("Newest cooperation opportunities"),
            template="marketplace/home/newest.html",
            context={"opportunities": newest},
            order=30,
        )
    ]
    if request.user.is_authenticated and (unread := unread_total(request.user)):
        found.append(
            HubSection(
                key="my-messages",
                title=_("Your messages"),
                template="marketplace/home/unread.html",
                context={"unread": unread},
                order=2,
            )
        )
    return found
