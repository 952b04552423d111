"""The opt-in weekly e-mail of new matching opportunities."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterbridge.common.mail import queue_mail
from clusterbridge.marketplace.models import DigestSubscription, Opportunity
from clusterbridge.marketplace.queries.recommendations import rank_for
from clusterbridge.organisations.queries import memberships
from clusterbridge.organisations.wording import reason_texts

User = get_user_model()

DIGEST_INTERVAL = timedelta(days=7)
DIGEST_SIZE = 10


@transaction.atomic
def set_digest(*, user: User, weekly: bool) -> DigestSubscription:
    subscription, _created = DigestSubscription.objects.update_or_create(
        user=user, defaults={"weekly": weekly}
    )
    return subscription


@transaction.atomic
def send_digests(*, now: datetime | None = None) -> int:
    """One e-mail per subscriber with new matches since the last one; returns how many went out.

    Safe to run daily: a subscriber hears from us at most once per DIGEST_INTERVAL.
    """
    now = now or timezone.now()
    sent = 0
    due = (
        DigestSubscription.objects.select_for_update()
        .filter(weekly=True, user__is_active=True)
        .exclude(last_sent_at__gt=now - DIGEST_INTERVAL)
        .select_related("user")
    )
    for subscription in due:
        since = subscription.last_sent_at or now - DIGEST_INTERVAL
        organisations = memberships.organisations_of(subscription.user)
        sections = []
        for organisation in organisations:
            ranked = rank_for(organisation, limit=DIGEST_SIZE, since=since)
            if ranked:
                objects = Opportunity.objects.in_bulk([r.id for r in ranked])
                sections.append(
                    (
                        organisation,
                        [(objects[r.id], r.reasons) for r in ranked if r.id in objects],
                    )
                )
        subscription.last_sent_at = now
        subscription.save(update_fields=["last_sent_at"])
        if not sections:
            continue
        queue_mail(
            to=[subscription.user.email],
            language=subscription.user.language,
            subject=lambda: _("New opportunities for you this week"),
            template="marketplace/email/digest.txt",
            # Called in the recipient's language: the reasons are worded in it.
            context=lambda sections=sections, user=subscription.user: {
                "user": user,
                "sections": [
                    (organisation, reason_texts(items)) for organisation, items in sections
                ],
                "SITE_URL": settings.SITE_URL,
            },
        )
        sent += 1
    return sent
