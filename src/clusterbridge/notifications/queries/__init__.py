"""Read side of the notifications app."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from clusterbridge.notifications.models import Notification, NotificationPreference

User = get_user_model()


def email_choices(*, users, kind: str) -> dict[int, str]:
    """The recipients' own e-mail setting for ``kind`` (absent: the default, at once)."""
    return dict(
        NotificationPreference.objects.filter(user__in=list(users), kind=kind).values_list(
            "user_id", "email"
        )
    )


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at=None).count()


def preferences_of(user) -> dict[str, str]:
    return dict(NotificationPreference.objects.filter(user=user).values_list("kind", "email"))
