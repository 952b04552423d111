"""Personal data of the marketplace (see clusterbridge.common.privacy).

What is erased when an account is deleted, and why:

* Follows, the digest opt-in, blocks (made and received), conversation seats and reports
  about the person go with the user row (``on_delete=CASCADE``).
* Opportunities and expressions of interest belong to the organisation they were posted for:
  they stay, without an author (``SET_NULL``).
* Messages in a conversation that someone else still takes part in stay, without an author
  (``SET_NULL``; shown as "Former user"): they were sent to those people, who keep their side
  of the correspondence, and removing them would make the rest of the thread unreadable.
* Messages (and their attached files) that no one else can read any more, because every other
  participant has left, are deleted here: keeping them would serve no one.

Reports the person made stay for platform staff, without the reporter (``SET_NULL``). No
foreign key to the user is ``PROTECT``, so deleting the row never fails on marketplace data.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef

from clusterbridge.marketplace.models import (
    Block,
    DigestSubscription,
    ExpressionOfInterest,
    Follow,
    Message,
    MessageAttachment,
    Opportunity,
    Participant,
    Report,
)


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def export(user) -> dict[str, Any]:
    digest = DigestSubscription.objects.filter(user=user).first()
    return {
        "opportunities_posted": [
            {
                "reference": o.reference,
                "organisation": o.organisation.name,
                "kind": o.kind,
                "status": o.status,
                "title": o.title,
                "summary": o.summary,
                "description": o.description,
                "created_at": _iso(o.created_at),
                "published_at": _iso(o.published_at),
            }
            for o in Opportunity.objects.filter(author=user)
            .select_related("organisation")
            .order_by("created_at", "id")
        ],
        "interests_sent": [
            {
                "opportunity": i.opportunity.reference,
                "organisation": i.organisation.name,
                "cooperation_sought": i.cooperation_sought,
                "missing_information": i.missing_information,
                "organisation_details": i.organisation_details,
                "status": i.status,
                "sent_at": _iso(i.created_at),
            }
            for i in ExpressionOfInterest.objects.filter(author=user)
            .select_related("opportunity", "organisation")
            .order_by("created_at", "id")
        ],
        "messages_sent": [
            {
                "conversation": m.conversation.subject,
                "text": m.body,
                "sent_at": _iso(m.created_at),
                "attachments": [a.original_name for a in m.attachments.all()],
            }
            for m in Message.objects.filter(sender=user)
            .select_related("conversation")
            .prefetch_related("attachments")
            .order_by("created_at", "id")
        ],
        "follows": [
            {
                "opportunity": f.opportunity.reference,
                "title": f.opportunity.title,
                "since": _iso(f.created_at),
            }
            for f in Follow.objects.filter(user=user)
            .select_related("opportunity")
            .order_by("created_at", "id")
        ],
        "weekly_digest": {
            "subscribed": bool(digest and digest.weekly),
            "last_sent_at": _iso(digest.last_sent_at) if digest else None,
        },
        # The people this person blocked (who blocked them is the other person's data).
        "blocks": [
            {"blocked": str(b.blocked), "since": _iso(b.created_at)}
            for b in Block.objects.filter(blocker=user)
            .select_related("blocked")
            .order_by("created_at", "id")
        ],
        # Reports this person made (reports about them would name the reporter).
        "reports_made": [
            {
                "reported_user": str(r.reported_user) if r.reported_user else None,
                "opportunity": r.opportunity.reference if r.opportunity else None,
                "conversation": r.conversation.subject if r.conversation else None,
                "reason": r.reason,
                "status": r.status,
                "resolution": r.resolution,
                "made_at": _iso(r.created_at),
            }
            for r in Report.objects.filter(reporter=user)
            .select_related("reported_user", "opportunity", "conversation")
            .order_by("created_at", "id")
        ],
    }


def erase(user) -> None:
    """Delete the person's messages that no one else can read (see the module docstring)."""
    someone_else = Participant.objects.filter(conversation=OuterRef("conversation")).exclude(
        user=user
    )
    unread_by_anyone = Message.objects.filter(sender=user).filter(~Exists(someone_else))
    attachments = MessageAttachment.objects.filter(message__in=unread_by_anyone)
    files = [(a.file.storage, a.file.name) for a in attachments if a.file]
    unread_by_anyone.delete()

    def delete_files() -> None:
        # After commit: a rolled-back deletion must not leave messages without their files.
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(delete_files)
