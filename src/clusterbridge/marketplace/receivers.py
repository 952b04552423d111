"""What the marketplace does when other apps tell it something (connected in apps.ready)."""

from __future__ import annotations


def organisation_profile_changed(sender, *, organisation, changed_fields, **kwargs) -> None:
    """Keep the opportunities' copies of the poster's country, kind and name current."""
    from clusterbridge.marketplace.services.opportunities import refresh_organisation_copies

    refresh_organisation_copies(organisation=organisation, changed_fields=changed_fields)


def organisation_membership_removed(sender, *, organisation, user, **kwargs) -> None:
    """A former member loses their seats in the organisation's conversations (not one-to-one)."""
    from clusterbridge.marketplace.services.messaging import leave_organisation_conversations

    leave_organisation_conversations(user=user, organisation=organisation)
