"""The one way to tell people something: an in-app notification plus, optionally, an e-mail."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from clusterbridge.common.mail import send_mail_task
from clusterbridge.notifications.models import Notification

User = get_user_model()


@transaction.atomic
def notify(
    *,
    users: Iterable[User],
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    email: bool = True,
) -> list[Notification]:
    """Create one notification per user; e-mails go out after the transaction commits."""
    recipients = [u for u in dict.fromkeys(users) if u is not None and u.is_active]
    notifications = Notification.objects.bulk_create(
        [Notification(user=u, kind=kind, title=title, body=body, url=url) for u in recipients]
    )
    if email:
        link = f"{settings.SITE_URL}{url}" if url.startswith("/") else url
        text = f"{body}\n\n{link}".strip()
        subject = f"[{settings.SITE_NAME}] {title}"
        for user in recipients:
            address = user.email
            transaction.on_commit(
                lambda address=address: send_mail_task.enqueue(
                    subject=subject, body=text, to=[address]
                )
            )
    return notifications


@transaction.atomic
def mark_read(*, user: User, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the given (or all) unread notifications of the user as read; returns how many."""
    unread = Notification.objects.filter(user=user, read_at=None)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())
