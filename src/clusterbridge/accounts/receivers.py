"""What the accounts app does after sign-in events."""

from __future__ import annotations

from django.db import transaction

from clusterbridge.accounts.services.consents import record_signup_consents
from clusterbridge.common import audit


def log_staff_login(sender, request, user, **kwargs) -> None:
    """Staff can moderate and administer: their logins go to the audit log."""
    if user.is_staff:
        with transaction.atomic():
            audit.record(actor=user, action="accounts.staff_login", obj=user)


def record_consents_at_signup(sender, request, user, **kwargs) -> None:
    """The sign-up form requires accepting the terms and the privacy notice (``accept_terms``);
    the versions accepted are kept with the account."""
    with transaction.atomic():
        record_signup_consents(user=user)
