"""Validation shared by the forms, the API serializers and the services."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from clusterbridge.common.uploads import (
    DOCX,
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
    validate_image,
    validate_upload,
)
from clusterbridge.common.validators import TextLimit
from clusterbridge.partnerships.models import DocumentCategory, DocumentVisibility

NAME_LIMIT = 200
OBJECTIVES_LIMIT = 10_000
STORY_LIMIT = 10_000
POST_LIMIT = 20_000
TITLE_LIMIT = 200
MAX_TARGET_COUNTRIES = 40
DOCUMENT_DESCRIPTION_LIMIT = 2_000

validate_objectives = TextLimit(OBJECTIVES_LIMIT, gettext_lazy("The objectives"))
validate_story = TextLimit(STORY_LIMIT, gettext_lazy("The story"))
validate_post_body = TextLimit(POST_LIMIT, gettext_lazy("The message"))
validate_title = TextLimit(TITLE_LIMIT, gettext_lazy("The title"))
validate_document_description = TextLimit(
    DOCUMENT_DESCRIPTION_LIMIT, gettext_lazy("The description")
)

# Documents: sniffed from their content (common.uploads, as marketplace attachments and
# benchmark evidence), the extension must match; archives are inspected without expanding
# them, and images are opened lazily so that a "decompression bomb" is refused.
DOCUMENT_TYPES = {PDF, PNG, JPEG, GIF, WEBP, DOCX, XLSX, PPTX, ODT, ODS, ODP, OLE}
DOCUMENT_ACCEPTED = gettext_lazy(
    "PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, GIF or WebP"
)
# Served as downloads of this type (a legacy Office file has no single type).
SERVED_TYPE = {OLE: "application/octet-stream"}
DOCUMENT_MAX_PIXELS = 10_000
# Texts the API answers with, kept here so that they are in this app's catalogue.
NO_DOCUMENT = gettext_lazy("No document with this identifier.")
NO_PARTNERSHIP = gettext_lazy("No partnership with this identifier.")
FILE_REQUIRED = gettext_lazy("Choose a file to upload.")


def validate_period(starts_on, ends_on) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError(
            _("The partnership ends (%(end)s) before it starts (%(start)s).")
            % {"end": ends_on.isoformat(), "start": starts_on.isoformat()},
            code="period",
        )


def validate_budget(budget) -> None:
    if budget is not None and budget < 0:
        raise ValidationError(_("The budget cannot be negative."), code="budget")


def validate_target_countries(codes) -> None:
    known = dict(countries)
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise ValidationError(
            _("Unknown country code “%(code)s”.") % {"code": unknown[0]}, code="country"
        )
    if len(set(codes)) > MAX_TARGET_COUNTRIES:
        raise ValidationError(
            _("At most %(limit)s target countries.") % {"limit": MAX_TARGET_COUNTRIES},
            code="too_many_countries",
        )


def validate_required_text(value: str, label: str) -> None:
    if not (value or "").strip():
        raise ValidationError(_("%(label)s is empty.") % {"label": label}, code="required")


def document_max_bytes() -> int:
    return getattr(settings, "PARTNERSHIP_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024)


def validate_document_file(upload) -> str:
    """Size and real type of a document; returns the content type to store and serve."""
    if upload is None:
        raise ValidationError(str(FILE_REQUIRED), code="file_missing")
    content_type = validate_upload(
        upload,
        accepted=DOCUMENT_TYPES,
        max_bytes=document_max_bytes(),
        accepted_text=str(DOCUMENT_ACCEPTED),
    )
    if content_type.startswith("image/"):
        validate_image(
            upload,
            what=_("The image “%(name)s”") % {"name": upload.name},
            plural=_("Images"),
            code="document_image",
            max_bytes=document_max_bytes(),
            max_pixels=DOCUMENT_MAX_PIXELS,
        )
    return content_type


def validate_category(value: str) -> None:
    if value not in DocumentCategory.values:
        raise ValidationError(
            _("Unknown category “%(value)s”; use one of: %(choices)s.")
            % {"value": value, "choices": ", ".join(DocumentCategory.values)},
            code="category",
        )


def validate_visibility(value: str) -> None:
    if value not in DocumentVisibility.values:
        raise ValidationError(
            _("Unknown visibility “%(value)s”; use one of: %(choices)s.")
            % {"value": value, "choices": ", ".join(DocumentVisibility.values)},
            code="visibility",
        )
