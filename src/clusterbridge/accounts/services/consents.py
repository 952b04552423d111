"""Consents to the terms of use and the privacy notice, recorded with their version and date."""

from __future__ import annotations

from django.db import transaction

from clusterbridge.accounts.models import Consent
from clusterbridge.common.pages import current_version

SIGNUP_DOCUMENTS = ("terms", "privacy")


@transaction.atomic
def record_signup_consents(*, user) -> list[Consent]:
    return [
        Consent.objects.create(user=user, document=slug, version=current_version(slug))
        for slug in SIGNUP_DOCUMENTS
    ]
