"""The partnerships app's section of "My account" (see clusterbridge.common.hub): the
partnerships of the person's organisations and the invitations waiting for an answer. Three
queries."""

from django.utils.translation import gettext as _

from clusterbridge.common.hub import HubSection
from clusterbridge.partnerships.queries import lists


def sections(request) -> list[HubSection]:
    partnerships = list(lists.partnerships_of_user(request.user)[:20])
    invitations = list(lists.invitations_for(request.user))
    if not partnerships and not invitations:
        return []
    return [
        HubSection(
            key="my-partnerships",
            title=_("My partnerships"),
            template="partnerships/hub/partnerships.html",
            context={"partnerships": partnerships, "invitations": invitations},
            order=45,
        )
    ]
