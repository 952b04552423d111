"""Read side of messaging: a user's conversations with unread counts, in fixed queries."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, DateTimeField, F, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from clusterbridge.marketplace.models import Conversation, Message, Participant

NEVER = datetime(1970, 1, 1, tzinfo=timezone.get_fixed_timezone(0))


def _read_at(user, conversation_ref) -> Coalesce:
    """When the user last read the conversation (the epoch if never)."""
    return Coalesce(
        Subquery(
            Participant.objects.filter(conversation=conversation_ref, user=user).values(
                "last_read_at"
            )[:1]
        ),
        Value(NEVER, output_field=DateTimeField()),
    )


def conversations_for(user) -> QuerySet[Conversation]:
    unread = (
        Message.objects.filter(conversation=OuterRef("pk"), created_at__gt=OuterRef("read_at"))
        .exclude(sender=user)
        .order_by()
        .values("conversation")
        .annotate(n=Count("id"))
        .values("n")[:1]
    )
    return (
        Conversation.objects.filter(participants__user=user)
        .annotate(read_at=_read_at(user, OuterRef("pk")))
        .annotate(unread=Coalesce(Subquery(unread), 0))
        .select_related("opportunity")
        .prefetch_related("organisations")
        .order_by(F("last_message_at").desc(nulls_last=True), "-id")
    )


def unread_total(user) -> int:
    """Messages from others since the user last read each conversation: one join, one count.

    Both conditions sit in one ``filter()`` call, so they use the same participant row.
    """
    if not user.is_authenticated:
        return 0
    return (
        Message.objects.filter(
            conversation__participants__user=user,
            created_at__gt=Coalesce(
                F("conversation__participants__last_read_at"),
                Value(NEVER, output_field=DateTimeField()),
            ),
        )
        .exclude(sender=user)
        .count()
    )
