"""Validation shared by the forms and the API serializers of country pages."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterbridge.common.uploads import DOCX, ODT, PDF, validate_upload
from clusterbridge.common.validators import TextLimit
from clusterbridge.international.models import Priority

SUMMARY_LIMIT = 10_000
SCOPE_LIMIT = 5_000
DESCRIPTION_LIMIT = 2_000

validate_summary = TextLimit(SUMMARY_LIMIT, gettext_lazy("The summary"))
validate_scope = TextLimit(SCOPE_LIMIT, gettext_lazy("The scope"))
validate_description = TextLimit(DESCRIPTION_LIMIT, gettext_lazy("The description"))

# The signed text of an arrangement: sniffed from its content (common.uploads).
DOCUMENT_TYPES = {PDF, DOCX, ODT}
DOCUMENT_ACCEPTED = gettext_lazy("PDF, Word or OpenDocument text")
NO_COUNTRY_PAGE = gettext_lazy("No country page with this identifier.")


def document_max_bytes() -> int:
    return getattr(settings, "INTERNATIONAL_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)


def validate_document(upload) -> str:
    """Size and real type of an arrangement's document; returns the content type to store."""
    return validate_upload(
        upload,
        accepted=DOCUMENT_TYPES,
        max_bytes=document_max_bytes(),
        accepted_text=str(DOCUMENT_ACCEPTED),
    )


def validate_gateway_url(value: str) -> None:
    """An absolute http or https address (no javascript:, no file:)."""
    scheme = urlsplit(value or "").scheme.lower()
    if scheme not in ("http", "https"):
        raise ValidationError(
            _("Enter an address starting with http:// or https://."), code="url_scheme"
        )
    URLValidator(schemes=["http", "https"], message=_("Enter a valid web address."))(value)


def validate_priority(value: str) -> None:
    if value not in Priority.values:
        raise ValidationError(
            _("Unknown priority status “%(value)s”; use one of: %(choices)s.")
            % {"value": value, "choices": ", ".join(Priority.values)},
            code="priority",
        )


def validate_coordinates(latitude, longitude) -> None:
    if (latitude is None) != (longitude is None):
        raise ValidationError(
            _("Give both the latitude and the longitude, or neither."), code="coordinates"
        )
    if latitude is not None and not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValidationError(
            _("The latitude is between -90 and 90, the longitude between -180 and 180."),
            code="coordinates",
        )
