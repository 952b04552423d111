"""Personal data: download everything we hold about a person; delete an account."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from clusterbridge.common.privacy import privacy_modules
from clusterbridge.organisations.models import (
    ContactMessage,
    Invitation,
    Membership,
    ProfileChange,
)

User = get_user_model()


def export_personal_data(user: User) -> dict[str, Any]:
    """Everything stored about the person, as JSON-ready data."""
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "name": user.name,
            "job_title": user.job_title,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "is_staff": user.is_staff,
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
        "memberships": [
            {
                "organisation": m.organisation.name,
                "role": m.role,
                "since": m.created_at.isoformat(),
            }
            for m in Membership.objects.filter(user=user).select_related("organisation")
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
        "api_token": {"exists": Token.objects.filter(user=user).exists()},
        # Each app's own personal data (events, marketplace, benchmarking, notifications, …).
        **{
            label: module.export(user)
            for label, module in privacy_modules()
            if hasattr(module, "export")
        },
    }


def sole_admin_of(user: User) -> list[str]:
    """Organisations that would be left without an administrator."""
    names = []
    for membership in Membership.objects.filter(
        user=user, role=Membership.Role.ADMIN
    ).select_related("organisation"):
        others = Membership.objects.filter(
            organisation=membership.organisation, role=Membership.Role.ADMIN
        ).exclude(user=user)
        if not others.exists():
            names.append(membership.organisation.name)
    return names


@transaction.atomic
def delete_account(*, user: User, force: bool = False) -> None:
    """Delete the person and their personal data; organisation profiles stay.

    History entries keep the change but lose the author (actor becomes empty). A sole
    administrator must hand over first unless ``force`` (used by staff) is given, in which
    case the organisation is left for platform staff to re-assign.
    """
    if not force and (orphans := sole_admin_of(user)):
        raise ValidationError(
            "You are the only administrator of "
            + ", ".join(orphans)
            + ". Make a colleague administrator first, so the profile is not left without one.",
            code="sole_admin",
        )
    Invitation.objects.filter(email__iexact=user.email, accepted_at=None).delete()
    for _, module in privacy_modules():
        if hasattr(module, "erase"):
            module.erase(user)
    user.delete()
