"""Personal data: download everything we hold about a person; delete an account."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from clusterbridge.common import audit
from clusterbridge.common.privacy import privacy_modules

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
        "api_token": {"exists": Token.objects.filter(user=user).exists()},
        # Each app's own personal data (events, marketplace, benchmarking, notifications, …).
        **{
            label: module.export(user)
            for label, module in privacy_modules()
            if hasattr(module, "export")
        },
    }


def deletion_blockers(user: User) -> list[str]:
    """What the person must do before the account can be deleted (each app says)."""
    return [
        reason
        for _label, module in privacy_modules()
        if hasattr(module, "blockers")
        for reason in module.blockers(user)
    ]


@transaction.atomic
def delete_account(*, user: User, force: bool = False) -> None:
    """Delete the person and their personal data; organisation profiles stay.

    History entries keep the change but lose the author (actor becomes empty). A sole
    administrator must hand over first unless ``force`` (used by staff) is given, in which
    case the organisation is left for platform staff to re-assign.
    """
    if not force and (reasons := deletion_blockers(user)):
        raise ValidationError(" ".join(reasons), code="deletion_blocked")
    for _, module in privacy_modules():
        if hasattr(module, "erase"):
            module.erase(user)
    # No personal data in the log: only that account number so-and-so was deleted.
    audit.record(actor=None, action="accounts.deleted", changes={"user": user.pk, "forced": force})
    user.delete()
