"""The contact form on organisation pages: addresses stay hidden, the e-mail carries a reply-to."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clusterbridge.common.mail import queue_mail
from clusterbridge.notifications.services.notify import notify
from clusterbridge.organisations.models import ContactMessage, Organisation
from clusterbridge.organisations.queries.memberships import admins_of
from clusterbridge.organisations.validators import validate_contact_message

User = get_user_model()
MESSAGES_PER_HOUR = 10


@transaction.atomic
def send_contact_message(
    *, organisation: Organisation, sender: User, subject: str, body: str
) -> ContactMessage:
    if not organisation.is_published:
        raise ValidationError(_("This organisation cannot be contacted."), code="not_published")
    validate_contact_message(body.strip())
    key = f"contact-rate:{sender.pk}"
    sent = cache.get(key, 0)
    if sent >= MESSAGES_PER_HOUR:
        raise ValidationError(
            _("You have sent {count} messages in the last hour; please try again later.").format(
                count=MESSAGES_PER_HOUR
            ),
            code="rate_limited",
        )
    recipients = list(organisation.contacts.values_list("email", flat=True)) or list(
        admins_of(organisation).values_list("email", flat=True)
    )
    if not recipients:
        raise ValidationError(_("This organisation has no contact person yet."), code="no_contact")
    message = ContactMessage.objects.create(
        organisation=organisation, sender=sender, subject=subject.strip(), body=body.strip()
    )
    queue_mail(
        to=recipients,
        subject=lambda: _("Message via the profile of {organisation}: {subject}").format(
            organisation=organisation.name, subject=message.subject
        ),
        template="organisations/email/contact.txt",
        context={"message": message, "organisation": organisation, "sender": sender},
        reply_to=[sender.email],
    )
    notify(
        users=admins_of(organisation),
        kind="organisations.contact_message",
        params={
            "organisation": organisation.name,
            "subject": message.subject,
            "sender": sender.name or str(sender),
        },
        url=organisation.get_absolute_url(),
        email=False,
    )
    cache.set(key, sent + 1, timeout=3600)
    return message
