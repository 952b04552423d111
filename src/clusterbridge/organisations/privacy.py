"""Personal data of the organisations app (see clusterbridge.common.privacy)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from clusterbridge.organisations.models import (
    ContactMessage,
    Invitation,
    MemberLink,
    ProfileChange,
)
from clusterbridge.organisations.queries import memberships


def export(user) -> dict:
    return {
        "memberships": [
            {"organisation": m.organisation.name, "role": m.role, "since": m.created_at.isoformat()}
            for m in memberships.memberships_of(user)
        ],
        "invitations_received": [
            {
                "organisation": i.organisation.name,
                "role": i.role,
                "sent_at": i.created_at.isoformat(),
                "accepted_at": i.accepted_at.isoformat() if i.accepted_at else None,
            }
            for i in Invitation.objects.filter(email__iexact=user.email).select_related(
                "organisation"
            )
        ],
        "invitations_sent": [
            {
                "organisation": i.organisation.name,
                "email": i.email,
                "sent_at": i.created_at.isoformat(),
            }
            for i in Invitation.objects.filter(invited_by=user).select_related("organisation")
        ],
        "profile_changes": [
            {
                "organisation": c.organisation.name,
                "action": c.action,
                "at": c.created_at.isoformat(),
                "changes": c.changes,
            }
            for c in ProfileChange.objects.filter(actor=user).select_related("organisation")
        ],
        "contact_messages_sent": [
            {
                "organisation": m.organisation.name,
                "subject": m.subject,
                "body": m.body,
                "at": m.created_at.isoformat(),
            }
            for m in ContactMessage.objects.filter(sender=user).select_related("organisation")
        ],
        # Links between organisations the person proposed, decided on or ended.
        "member_links_acted_on": [
            {
                "cluster": link.cluster.name,
                "member": link.member.name,
                "status": link.status,
                "proposed": link.proposed_by_id == user.pk,
                "decided": link.decided_by_id == user.pk,
                "ended": link.ended_by_id == user.pk,
                "proposed_at": link.proposed_at.isoformat(),
            }
            for link in MemberLink.objects.filter(
                Q(proposed_by=user) | Q(decided_by=user) | Q(ended_by=user)
            ).select_related("cluster", "member")
        ],
    }


def sole_admin_of(user) -> list[str]:
    """Organisations that would be left without an administrator."""
    return [
        m.organisation.name
        for m in memberships.memberships_of(user).filter(role=memberships.Role.ADMIN)
        if memberships.admin_count(m.organisation_id) == 1
    ]


def blockers(user) -> list[str]:
    """Why the account cannot be deleted yet (the person can fix each)."""
    if orphans := sole_admin_of(user):
        return [
            _(
                "You are the only administrator of {organisations}. Make a colleague "
                "administrator first, so the profile is not left without one."
            ).format(organisations=", ".join(orphans))
        ]
    return []


def erase(user) -> None:
    Invitation.objects.filter(email__iexact=user.email, accepted_at=None).delete()
