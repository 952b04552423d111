"""The contact form on organisation pages: addresses stay hidden, the e-mail carries a reply-to."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction

from clusterbridge.common.mail import queue_mail
from clusterbridge.organisations.models import ContactMessage, Membership, Organisation

User = get_user_model()
MESSAGES_PER_HOUR = 10


@transaction.atomic
def send_contact_message(
    *, organisation: Organisation, sender: User, subject: str, body: str
) -> ContactMessage:
    if not organisation.is_published:
        raise ValidationError("This organisation cannot be contacted.", code="not_published")
    key = f"contact-rate:{sender.pk}"
    sent = cache.get(key, 0)
    if sent >= MESSAGES_PER_HOUR:
        raise ValidationError(
            f"You have sent {MESSAGES_PER_HOUR} messages in the last hour; please try again later.",
            code="rate_limited",
        )
    recipients = list(organisation.contacts.values_list("email", flat=True)) or list(
        organisation.memberships.filter(role=Membership.Role.ADMIN).values_list(
            "user__email", flat=True
        )
    )
    if not recipients:
        raise ValidationError("This organisation has no contact person yet.", code="no_contact")
    message = ContactMessage.objects.create(
        organisation=organisation, sender=sender, subject=subject.strip(), body=body.strip()
    )
    queue_mail(
        to=recipients,
        subject=f"Message via {organisation.name}'s profile: {message.subject}",
        template="organisations/email/contact.txt",
        context={"message": message, "organisation": organisation, "sender": sender},
        reply_to=[sender.email],
    )
    cache.set(key, sent + 1, timeout=3600)
    return message
