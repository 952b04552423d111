"""Template context shared by every page: the unread message count for the nav badge."""

from __future__ import annotations

from clusterbridge.marketplace.queries.messaging import unread_total


def unread_messages(request) -> dict:
    """``{"unread_messages": n}`` for a signed-in user (one query), nothing for anonymous visitors."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_messages": unread_total(user)}
