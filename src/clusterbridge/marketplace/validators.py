"""Validation shared by the marketplace forms and API serializers."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterbridge.common.uploads import (  # noqa: F401  (EXTENSIONS, sniff: re-exported)
    DOCX,
    EXTENSIONS,
    GIF,
    JPEG,
    ODP,
    ODS,
    ODT,
    OLE,
    PDF,
    PNG,
    PPTX,
    WEBP,
    XLSX,
    sniff,
    validate_upload,
)
from clusterbridge.common.validators import TextLimit
from clusterbridge.marketplace.models import TECHNICAL_KINDS, PartnershipType
from clusterbridge.organisations.validators import clean_keywords  # noqa: F401  (re-exported)

MAX_ATTACHMENTS = 5
MAX_MESSAGE_LENGTH = 5000

# Free texts and their limits (common.validators.TextLimit), for forms, API and services.
DESCRIPTION_MAX = 10_000
INTEREST_TEXT_MAX = 2_000
REASON_MAX = 2_000
validate_description = TextLimit(DESCRIPTION_MAX, gettext_lazy("The description"))
validate_missing_information = TextLimit(INTEREST_TEXT_MAX, gettext_lazy("The missing information"))
validate_organisation_details = TextLimit(
    INTEREST_TEXT_MAX, gettext_lazy("The text about your organisation")
)
validate_moderation_reason = TextLimit(REASON_MAX, gettext_lazy("The reason"))
validate_resolution_note = TextLimit(REASON_MAX, gettext_lazy("The note"))

# Accepted attachment types: sniffed from the content (clusterbridge.common.uploads, shared with
# benchmark evidence), then checked against the extension so a renamed executable never passes
# as "report.pdf". Office/OpenDocument archives are inspected without expanding them.
ACCEPTED_TYPES = {PDF, PNG, JPEG, GIF, WEBP, DOCX, XLSX, PPTX, ODT, ODS, ODP, OLE}
SERVED_TYPE = {OLE: "application/octet-stream"}
ACCEPTED = gettext_lazy("PDF, PNG, JPEG, GIF, WebP, Word, Excel, PowerPoint or OpenDocument")


def attachment_max_bytes() -> int:
    return getattr(settings, "MARKETPLACE_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)


def validate_attachment(upload) -> str:
    """Check size and real type; returns the content type to store and serve."""
    return validate_upload(
        upload, accepted=ACCEPTED_TYPES, max_bytes=attachment_max_bytes(), accepted_text=ACCEPTED
    )


def validate_partnership_types(values) -> list[str]:
    allowed = set(PartnershipType.values)
    if not isinstance(values, list | tuple) or not all(isinstance(v, str) for v in values):
        raise ValidationError(
            _("Partnership types must be a list of codes."), code="partnership_type"
        )
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ValidationError(
            _("Unknown partnership type “{value}”; use one of: {choices}.").format(
                value=unknown[0], choices=", ".join(sorted(allowed))
            ),
            code="partnership_type",
        )
    return list(dict.fromkeys(values))


def validate_deadline(value: dt.date | None) -> None:
    if value is not None and value < timezone.localdate():
        raise ValidationError(_("The deadline is in the past."), code="deadline_past")


def validate_opportunity(data: dict) -> None:
    """Rules across fields, for a complete set of opportunity data."""
    errors: dict[str, list[str]] = {}
    kind = data.get("kind")
    if kind not in TECHNICAL_KINDS:
        for name, message in (
            (
                "development_stage",
                _(
                    "A development stage applies to technology offers/requests and R&D partner "
                    "searches only."
                ),
            ),
            (
                "ipr_status",
                _(
                    "An IPR status applies to technology offers/requests and R&D partner "
                    "searches only."
                ),
            ),
        ):
            if data.get(name):
                errors.setdefault(name, []).append(message)
    try:
        validate_description(data.get("description"))
    except ValidationError as exc:
        errors.setdefault("description", []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)


def validate_publishable(*, sectors, technologies) -> None:
    if not sectors and not technologies:
        raise ValidationError(
            _(
                "Choose at least one sector or technology before publishing, so that partners "
                "can find it."
            ),
            code="publish_needs_topics",
        )


def validate_message_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write a message."), code="message_empty")
    if len(body) > MAX_MESSAGE_LENGTH:
        raise ValidationError(
            _("The message is {length} characters long; at most {limit}.").format(
                length=len(body), limit=MAX_MESSAGE_LENGTH
            ),
            code="message_long",
        )
    return body
