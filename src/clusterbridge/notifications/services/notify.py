"""The one way to tell people something: an in-app notification plus, by their choice, an e-mail.

Each notification is stored as a kind and parameters; the text is rendered in the reader's
language when shown and in the recipient's language when e-mailed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from clusterbridge.common.mail import absolute_url, queue_mail
from clusterbridge.notifications.kinds import get_kind, serialisable
from clusterbridge.notifications.models import EmailChoice, Notification, NotificationPreference
from clusterbridge.notifications.queries import email_choices

User = get_user_model()


@transaction.atomic
def notify(
    *,
    users: Iterable[User],
    kind: str,
    params: Mapping[str, Any] | None = None,
    url: str = "",
    email: bool = True,
) -> list[Notification]:
    """Create one notification per active user; e-mails are queued after the commit.

    ``email=False`` keeps it in-app only (for messages that are about the reader's own action).
    Otherwise each recipient's setting for the kind decides: at once, in the daily digest or
    never — except for kinds marked ``always_email``.
    """
    declared = get_kind(kind)  # fails loudly on a kind nobody declared
    recipients = [u for u in dict.fromkeys(users) if u is not None and u.is_active]
    if not recipients:
        return []
    stored = serialisable(params or {})
    choices = email_choices(users=recipients, kind=kind) if email else {}
    rows = []
    for user in recipients:
        choice = choices.get(user.pk, EmailChoice.IMMEDIATELY) if email else EmailChoice.NEVER
        if declared.always_email and email:
            choice = EmailChoice.IMMEDIATELY
        rows.append(
            Notification(
                user=user,
                kind=kind,
                params=stored,
                url=url,
                in_digest=choice == EmailChoice.DAILY,
            )
        )
    notifications = Notification.objects.bulk_create(rows)
    for notification in notifications:
        if (
            email
            and not notification.in_digest
            and (declared.always_email or choices.get(notification.user_id) != EmailChoice.NEVER)
        ):
            _email(notification)
    return notifications


def _email(notification: Notification) -> None:
    user = notification.user
    queue_mail(
        to=[user.email],
        language=user.language,
        subject=lambda n=notification: n.title,
        template="notifications/email/notification.txt",
        context=lambda n=notification: {
            "title": n.title,
            "body": n.body,
            "url": n.url,
            "link": absolute_url(n.url) if n.url else "",
        },
    )


@transaction.atomic
def mark_read(*, user: User, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the given (or all) unread notifications of the user as read; returns how many."""
    unread = Notification.objects.filter(user=user, read_at=None)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())


@transaction.atomic
def set_email_choice(*, user: User, kind: str, choice: str) -> None:
    set_email_choices(user=user, choices={kind: choice})


@transaction.atomic
def set_email_choices(*, user: User, choices: Mapping[str, str]) -> None:
    """Store how the person wants e-mail for each kind (in-app notifications always stay)."""
    for kind, choice in choices.items():
        get_kind(kind)
        if choice not in EmailChoice.values:
            raise ValueError(f"Unknown e-mail choice {choice!r}.")
    for kind, choice in choices.items():
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"email": choice}
        )


def send_digests(*, now=None) -> int:
    """E-mail each person the notifications they chose to get once a day; returns how many
    e-mails were queued. Each person's batch is claimed in its own transaction, so a crash
    half-way sends nobody a second copy and loses no one's batch."""
    sent = 0
    user_ids = (
        Notification.objects.filter(in_digest=True).values_list("user_id", flat=True).distinct()
    )
    for user_id in list(user_ids):
        sent += _send_digest(user_id=user_id)
    return sent


@transaction.atomic
def _send_digest(*, user_id: int) -> int:
    user = User.objects.select_for_update().get(pk=user_id)
    batch = list(Notification.objects.filter(user=user, in_digest=True).order_by("created_at"))
    if not batch:
        return 0
    Notification.objects.filter(pk__in=[n.pk for n in batch]).update(in_digest=False)
    if not user.is_active:
        return 0
    queue_mail(
        to=[user.email],
        language=user.language,
        subject=lambda: _digest_subject(len(batch)),
        template="notifications/email/digest.txt",
        context=lambda: {
            "items": [
                {"title": n.title, "body": n.body, "link": absolute_url(n.url) if n.url else ""}
                for n in batch
            ]
        },
    )
    return 1


def _digest_subject(count: int) -> str:
    from django.utils.translation import ngettext

    return ngettext(
        "Your daily summary: %(count)d notification",
        "Your daily summary: %(count)d notifications",
        count,
    ) % {"count": count}
