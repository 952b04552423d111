"""Outgoing e-mail: rendered in the request (in the recipient's language), sent by a background
task after the commit, so a rolled-back change sends nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


def absolute_url(path: str) -> str:
    """A link for an e-mail or a feed: site-relative paths get SITE_URL in front."""
    return f"{settings.SITE_URL}{path}" if path.startswith("/") else path


@task()
def send_mail_task(
    *,
    subject: str,
    body: str,
    to: list[str],
    reply_to: list[str] | None = None,
    headers: dict[str, str] | None = None,
) -> int:
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=reply_to or None,
        headers=headers or None,
    )
    return message.send()


def queue_mail(
    *,
    to: list[str],
    subject: str | Callable[[], str],
    template: str,
    context: dict[str, Any] | Callable[[], dict[str, Any]],
    language: str = "",
    reply_to: list[str] | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Render now, in ``language`` (the recipient's; the site's default when empty), and send
    once the transaction commits. ``subject`` and ``context`` may be callables so that text
    built from translatable strings is produced in that language."""
    recipients = sorted({address for address in to if address})
    if not recipients:
        return
    with translation.override(language or settings.LANGUAGE_CODE):
        text_subject = subject() if callable(subject) else str(subject)
        values = context() if callable(context) else context
        body = render_to_string(
            template, {"SITE_URL": settings.SITE_URL, "SITE_NAME": settings.SITE_NAME, **values}
        )
    full_subject = f"[{settings.SITE_NAME}] {text_subject}"
    transaction.on_commit(
        lambda: send_mail_task.enqueue(
            subject=full_subject, body=body, to=recipients, reply_to=reply_to, headers=headers
        )
    )
