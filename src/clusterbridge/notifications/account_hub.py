"""The notifications app's section of "My account" (see clusterbridge.common.hub)."""

from django.utils.translation import gettext as _

from clusterbridge.common.hub import HubSection
from clusterbridge.notifications.models import Notification


def sections(request) -> list[HubSection]:
    latest = list(Notification.objects.filter(user=request.user)[:5])
    return [
        HubSection(
            key="my-notifications",
            title=_("My notifications"),
            template="notifications/hub/notifications.html",
            context={"latest": latest},
            order=50,
        )
    ]
