"""What the partnerships app tells people (see clusterbridge.notifications.kinds)."""

from django.utils.translation import gettext_lazy as _

from clusterbridge.notifications.kinds import NotificationKind, register

GROUP = _("Partnerships")

register(
    NotificationKind(
        code="partnerships.invited",
        title=_("{organisation} is invited to join the partnership {partnership}"),
        body=_("Invited by {coordinator}."),
        label=_("Invitations to join a partnership"),
        group=GROUP,
    ),
    NotificationKind(
        code="partnerships.answered",
        title=_("{organisation} has answered the invitation to {partnership}"),
        body=_("Answer: {answer}."),
        label=_("Answers to your partnership's invitations"),
        group=GROUP,
    ),
    NotificationKind(
        code="partnerships.to_validate",
        title=_("The partnership {partnership} is proposed for validation"),
        label=_("Partnerships to validate (staff)"),
        group=GROUP,
    ),
    NotificationKind(
        code="partnerships.published",
        title=_("The partnership {partnership} is published"),
        label=_("Your partnership is published"),
        group=GROUP,
    ),
    NotificationKind(
        code="partnerships.returned",
        title=_("The partnership {partnership} was sent back for changes"),
        body="{reason}",
        label=_("Your partnership is sent back"),
        group=GROUP,
    ),
    NotificationKind(
        code="partnerships.reply",
        title=_("{author} replied in “{thread}” ({partnership})"),
        label=_("Replies in forum threads you follow"),
        group=GROUP,
    ),
    NotificationKind(
        code="partnerships.mention",
        title=_("{author} mentioned you in “{thread}” ({partnership})"),
        label=_("Mentions in a partnership forum"),
        group=GROUP,
    ),
    NotificationKind(
        code="partnerships.document",
        title=_("{author} added “{title}” to the documents of {partnership}"),
        label=_("New members-only documents in your partnerships"),
        group=GROUP,
    ),
)
