"""Outgoing e-mail: rendered in the request, sent by a background task after the commit."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django_tasks import task


@task()
def send_mail_task(
    *, subject: str, body: str, to: list[str], reply_to: list[str] | None = None
) -> int:
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=reply_to or None,
    )
    return message.send()


def queue_mail(
    *,
    to: list[str],
    subject: str,
    template: str,
    context: dict,
    reply_to: list[str] | None = None,
) -> None:
    """Render now (so the text reflects this request) and send once the transaction commits."""
    recipients = sorted({address for address in to if address})
    if not recipients:
        return
    body = render_to_string(template, {"SITE_URL": settings.SITE_URL, **context})
    full_subject = f"[{settings.SITE_NAME}] {subject}"
    transaction.on_commit(
        lambda: send_mail_task.enqueue(
            subject=full_subject, body=body, to=recipients, reply_to=reply_to
        )
    )
