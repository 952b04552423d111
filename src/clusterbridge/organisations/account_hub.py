"""The organisations app's sections of "My account" (see clusterbridge.common.hub)."""

from django.utils.translation import gettext as _

from clusterbridge.common.hub import HubSection
from clusterbridge.organisations.models import Invitation
from clusterbridge.organisations.queries import links, memberships


def sections(request) -> list[HubSection]:
    user = request.user
    invitations = list(
        Invitation.objects.filter(
            email__iexact=user.email, accepted_at=None, revoked_at=None
        ).select_related("organisation")
    )
    return [
        HubSection(
            key="my-organisations",
            title=_("My organisations"),
            template="organisations/hub/organisations.html",
            context={
                "memberships": list(memberships.memberships_of(user)),
                "invitations": invitations,
                "links_to_confirm": list(links.awaiting_decision_of_user(user)[:20]),
            },
            order=10,
        )
    ]
