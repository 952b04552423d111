"""Validation shared by the marketplace forms and API serializers."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from clusterbridge.marketplace.models import TECHNICAL_KINDS, PartnershipType
from clusterbridge.organisations.validators import clean_keywords  # noqa: F401  (re-exported)

MAX_ATTACHMENTS = 5
MAX_MESSAGE_LENGTH = 5000

# Accepted attachment types: sniffed from the content, then checked against the extension so a
# renamed executable never passes as "report.pdf".
PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
GIF = "image/gif"
WEBP = "image/webp"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"
OLE = "application/x-ole-storage"  # legacy .doc/.xls/.ppt
EXTENSIONS = {
    PDF: {"pdf"},
    PNG: {"png"},
    JPEG: {"jpg", "jpeg"},
    GIF: {"gif"},
    WEBP: {"webp"},
    DOCX: {"docx"},
    XLSX: {"xlsx"},
    PPTX: {"pptx"},
    ODT: {"odt"},
    ODS: {"ods"},
    ODP: {"odp"},
    OLE: {"doc", "xls", "ppt"},
}
SERVED_TYPE = {OLE: "application/octet-stream"}
ACCEPTED = "PDF, PNG, JPEG, GIF, WebP, Word, Excel, PowerPoint or OpenDocument"


def attachment_max_bytes() -> int:
    return getattr(settings, "MARKETPLACE_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)


def _zip_type(head: bytes, upload) -> str | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(io.BytesIO(upload.read())) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return mimetype if mimetype in (ODT, ODS, ODP) else None
            if "[Content_Types].xml" in names:
                for prefix, kind in (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX)):
                    if any(name.startswith(prefix) for name in names):
                        return kind
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    return None


def sniff(upload) -> str | None:
    """The content type from the file's first bytes (and a zip's table of contents)."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        head = upload.read(16)
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        if head[:6] in (b"GIF87a", b"GIF89a"):
            return GIF
        if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
            return WEBP
        if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
            return OLE
        if head.startswith(b"PK\x03\x04"):
            return _zip_type(head, upload)
        return None
    finally:
        upload.seek(position)


def validate_attachment(upload) -> str:
    """Check size and real type; returns the content type to store and serve."""
    limit = attachment_max_bytes()
    if upload.size == 0:
        raise ValidationError(f"“{upload.name}” is empty.", code="attachment_empty")
    if upload.size > limit:
        raise ValidationError(
            f"“{upload.name}” is {upload.size / 1_048_576:.1f} MB; the limit is "
            f"{limit / 1_048_576:.1f} MB.",
            code="attachment_too_large",
        )
    content_type = sniff(upload)
    if content_type is None:
        raise ValidationError(
            f"“{upload.name}” is not a file type we accept ({ACCEPTED}).",
            code="attachment_type",
        )
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in EXTENSIONS[content_type]:
        raise ValidationError(
            f"“{upload.name}” does not contain what its name says (its content is "
            f"{'/'.join(sorted(EXTENSIONS[content_type]))}).",
            code="attachment_extension",
        )
    return content_type


def validate_partnership_types(values) -> list[str]:
    allowed = set(PartnershipType.values)
    if not isinstance(values, list | tuple) or not all(isinstance(v, str) for v in values):
        raise ValidationError("Partnership types must be a list of codes.", code="partnership_type")
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ValidationError(
            f"Unknown partnership type “{unknown[0]}”; use one of: {', '.join(sorted(allowed))}.",
            code="partnership_type",
        )
    return list(dict.fromkeys(values))


def validate_deadline(value: dt.date | None) -> None:
    if value is not None and value < timezone.localdate():
        raise ValidationError("The deadline is in the past.", code="deadline_past")


def validate_opportunity(data: dict) -> None:
    """Rules across fields, for a complete set of opportunity data."""
    errors: dict[str, list[str]] = {}
    kind = data.get("kind")
    if kind not in TECHNICAL_KINDS:
        for name, label in (
            ("development_stage", "A development stage"),
            ("ipr_status", "An IPR status"),
        ):
            if data.get(name):
                errors.setdefault(name, []).append(
                    f"{label} applies to technology offers/requests and R&D partner searches only."
                )
    if errors:
        raise ValidationError(errors)


def validate_publishable(*, sectors, technologies) -> None:
    if not sectors and not technologies:
        raise ValidationError(
            "Choose at least one sector or technology before publishing, so that partners can find it.",
            code="publish_needs_topics",
        )


def validate_message_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError("Write a message.", code="message_empty")
    if len(body) > MAX_MESSAGE_LENGTH:
        raise ValidationError(
            f"The message is {len(body)} characters long; at most {MAX_MESSAGE_LENGTH}.",
            code="message_long",
        )
    return body
