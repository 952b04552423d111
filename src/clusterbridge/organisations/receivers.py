"""Background work after profile changes: queued here, so services never import tasks."""

from __future__ import annotations

from clusterbridge.organisations.tasks import check_website


def check_changed_website(sender, *, organisation, changed_fields, **kwargs) -> None:
    """A new website address is checked (does it answer?) in the background."""
    if "website" in changed_fields and organisation.website:
        check_website.enqueue(organisation_id=organisation.pk)
