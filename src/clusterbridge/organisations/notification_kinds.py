"""What the organisations app tells people (see clusterbridge.notifications.kinds)."""

from django.utils.translation import gettext_lazy as _

from clusterbridge.notifications.kinds import NotificationKind, register
from clusterbridge.organisations.models import Membership, OrganisationKind

GROUP = _("Organisation profiles")

register(
    NotificationKind(
        code="organisations.submitted",
        title=_("Profile to validate: {organisation}"),
        body=_("{organisation} ({kind}, {country}) was submitted for validation."),
        label=_("A profile to validate (staff)"),
        group=GROUP,
        labels={"kind": dict(OrganisationKind.choices)},
    ),
    NotificationKind(
        code="organisations.published",
        title=_("Your profile is published: {organisation}"),
        body=_("Good news: the profile of {organisation} is now published in the directory."),
        label=_("Profile published"),
        group=GROUP,
    ),
    NotificationKind(
        code="organisations.returned",
        title=_("Changes requested: {organisation}"),
        body=_(
            "Platform staff reviewed the profile of {organisation} and ask for changes: "
            "{reason} Edit the profile and submit it again."
        ),
        label=_("Changes requested in a profile"),
        group=GROUP,
    ),
    NotificationKind(
        code="organisations.invited",
        title=_("{actor} invites you to {organisation}"),
        body=_("Open the invitation from the e-mail we sent you, or from your account page."),
        label=_("Invitation to an organisation"),
        group=GROUP,
        labels={"role": dict(Membership.Role.choices)},
    ),
    NotificationKind(
        code="organisations.contact_message",
        title=_("Message via the profile of {organisation}: {subject}"),
        body=_(
            "{sender} wrote to your organisation's contact persons; the message was e-mailed to them."
        ),
        label=_("Message through your organisation's profile"),
        group=GROUP,
    ),
    NotificationKind(
        code="organisations.link_proposed_by_cluster",
        title=_("{cluster} lists {member} as a member"),
        body=_(
            "{actor} of {cluster} added {member} to its member organisations. Confirm the link "
            "to show it on both profiles, or decline it."
        ),
        label=_("A cluster lists your organisation as a member"),
        group=GROUP,
    ),
    NotificationKind(
        code="organisations.link_proposed_by_member",
        title=_("{member} asks to be listed as a member of {cluster}"),
        body=_(
            "{actor} of {member} asks to be listed among the member organisations of {cluster}. "
            "Confirm or decline the request."
        ),
        label=_("An organisation asks to be listed as a member"),
        group=GROUP,
    ),
    NotificationKind(
        code="organisations.link_confirmed",
        title=_("{member} is now listed as a member of {cluster}"),
        body=_("{actor} confirmed the link; both profiles show it now."),
        label=_("A member link is confirmed"),
        group=GROUP,
    ),
    NotificationKind(
        code="organisations.link_declined",
        title=_("Link declined: {member} in {cluster}"),
        body=_("{actor} declined to list {member} as a member of {cluster}."),
        label=_("A member link is declined"),
        group=GROUP,
    ),
    NotificationKind(
        code="organisations.link_ended",
        title=_("Link ended: {member} in {cluster}"),
        body=_("{actor} ended the link: {member} is no longer listed as a member of {cluster}."),
        label=_("A member link is ended"),
        group=GROUP,
    ),
)
