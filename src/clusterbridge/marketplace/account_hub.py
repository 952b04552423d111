"""The marketplace's sections of "My account" (see clusterbridge.common.hub)."""

from django.utils.translation import gettext as _

from clusterbridge.common.hub import HubSection
from clusterbridge.marketplace.models import ExpressionOfInterest, Opportunity
from clusterbridge.marketplace.queries.messaging import unread_total
from clusterbridge.organisations.queries import memberships


def sections(request) -> list[HubSection]:
    organisation_ids = memberships.organisation_ids_of(request.user)
    posts = list(
        Opportunity.objects.filter(organisation_id__in=organisation_ids)
        .select_related("organisation")
        .order_by("-created_at", "-id")[:5]
    )
    interests = list(
        ExpressionOfInterest.objects.filter(organisation_id__in=organisation_ids)
        .select_related("opportunity")
        .order_by("-created_at", "-id")[:5]
    )
    return [
        HubSection(
            key="my-marketplace",
            title=_("My opportunities, interests and conversations"),
            template="marketplace/hub/marketplace.html",
            context={
                "posts": posts,
                "interests": interests,
                "unread_messages": unread_total(request.user),
            },
            order=30,
        )
    ]
