"""What the marketplace tells people (see clusterbridge.notifications.kinds)."""

from django.utils.translation import gettext_lazy as _

from clusterbridge.marketplace.models import InterestStatus, OpportunityStatus
from clusterbridge.notifications.kinds import NotificationKind, register

GROUP = _("Marketplace")

register(
    NotificationKind(
        code="marketplace.followed_update",
        title=_("An opportunity you follow was updated"),
        body="{reference}: {title}",
        label=_("Opportunities you follow"),
        group=GROUP,
    ),
    NotificationKind(
        code="marketplace.followed_closed",
        title=_("An opportunity you follow is now: {status}"),
        body="{reference}: {title}",
        label=_("Opportunities you follow"),
        group=GROUP,
        labels={"status": dict(OpportunityStatus.choices)},
    ),
    NotificationKind(
        code="marketplace.interest_status",
        title=_("Your interest in {reference}: {status}"),
        body="{title}",
        label=_("Answers to your expressions of interest"),
        group=GROUP,
        labels={"status": dict(InterestStatus.choices)},
    ),
    NotificationKind(
        code="marketplace.unpublished",
        title=_("Your opportunity {reference} was unpublished"),
        body=_("Reason: {reason}"),
        label=_("Moderation of your opportunities"),
        group=GROUP,
    ),
    NotificationKind(
        code="marketplace.expired",
        title=_("Your opportunity {reference} has expired"),
        body=_("“{title}” is no longer listed. Renew it to list it for another 12 months."),
        label=_("Expiry of your opportunities"),
        group=GROUP,
    ),
    NotificationKind(
        code="marketplace.renewal_reminder",
        title=_("Your opportunity {reference} expires on {expires_date}"),
        body=_("Renew “{title}” to keep it listed for another 12 months."),
        label=_("Expiry of your opportunities"),
        group=GROUP,
    ),
    NotificationKind(
        code="marketplace.message",
        title=_("New message from {sender} in “{subject}”"),
        body=_("Read and answer it on the platform."),
        label=_("New messages"),
        group=GROUP,
    ),
    NotificationKind(
        code="marketplace.report",
        title=_("A new report needs a look"),
        body="{reason}",
        label=_("Reports to handle (staff)"),
        group=GROUP,
    ),
)
