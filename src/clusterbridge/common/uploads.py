"""Checks for uploaded files, shared by every app that accepts them.

The real type of a file comes from its content (magic bytes, and for Office/OpenDocument files
the archive's table of contents), never from its name or the browser's content type. Archives
are inspected without expanding them: only the central directory and a few bytes of one entry
are read, and archives whose declared sizes or compression ratio are out of proportion (a "zip
bomb") are refused. Images get the same treatment from ``validate_image``: a tiny file that
claims a gigantic canvas (a "decompression bomb") is refused before any pixel is decoded.
"""

from __future__ import annotations

import math
import struct
import warnings
import zipfile

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

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
CSV = "text/csv"

# The extensions a file of each sniffed type may carry.
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
    CSV: {"csv"},
}
OPENDOCUMENT_TYPES = (ODT, ODS, ODP)

# Archive limits. Office documents compress XML by 5–30 times; a zip bomb by 1,000 and more.
ZIP_MAX_ENTRIES = 5000
ZIP_MAX_TOTAL_BYTES = 200 * 1024 * 1024  # declared uncompressed size of all entries
ZIP_MAX_RATIO = 100  # declared uncompressed ÷ compressed size, per large entry and overall
ZIP_RATIO_FREE_BYTES = 1024 * 1024  # entries smaller than this may compress as well as they like
MIMETYPE_MAX_BYTES = 100  # the OpenDocument "mimetype" entry is ~45 bytes
TEXT_SNIFF_BYTES = 64 * 1024

_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22
_EOCD_SEARCH = _EOCD_SIZE + 65535  # the record plus the longest possible archive comment


def archive_refused(name: str) -> ValidationError:
    return ValidationError(
        _(
            "“%(name)s” is an archive that would expand to far more than its size; "
            "we do not accept it."
        )
        % {"name": name},
        code="archive_bomb",
    )


def _entry_count(upload) -> int | None:
    """The number of entries from the end-of-central-directory record, read without parsing
    the directory itself (a crafted archive may declare millions of entries)."""
    upload.seek(0, 2)
    size = upload.tell()
    start = max(0, size - _EOCD_SEARCH)
    upload.seek(start)
    tail = upload.read(size - start)
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < _EOCD_SIZE:
        return None
    (entries,) = struct.unpack("<H", tail[at + 10 : at + 12])
    return entries


def check_archive(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse an archive whose declared sizes or compression ratio exceed the limits."""
    infos = archive.infolist()
    if len(infos) > ZIP_MAX_ENTRIES:
        raise archive_refused(name)
    total = sum(info.file_size for info in infos)
    compressed = sum(info.compress_size for info in infos)
    if total > ZIP_MAX_TOTAL_BYTES:
        raise archive_refused(name)
    if total > ZIP_RATIO_FREE_BYTES and total > ZIP_MAX_RATIO * max(compressed, 1):
        raise archive_refused(name)
    for info in infos:
        if info.file_size > ZIP_RATIO_FREE_BYTES and info.file_size > ZIP_MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise archive_refused(name)


def _read_bounded(archive: zipfile.ZipFile, member: str, limit: int) -> bytes:
    """At most ``limit`` + 1 bytes of an entry: whatever it claims, no more is decompressed."""
    with archive.open(member) as entry:
        return entry.read(limit + 1)


def _zip_type(upload) -> str | None:
    name = getattr(upload, "name", "") or _("the file")
    try:
        entries = _entry_count(upload)
        if entries is None:
            return None
        if entries == 0xFFFF or entries > ZIP_MAX_ENTRIES:  # ZIP64 or far too many entries
            raise archive_refused(name)
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            check_archive(archive, name)
            names = set(archive.namelist())
            if "mimetype" in names:
                raw = _read_bounded(archive, "mimetype", MIMETYPE_MAX_BYTES)
                if len(raw) > MIMETYPE_MAX_BYTES:
                    return None
                mimetype = raw.decode("ascii", "replace").strip()
                return mimetype if mimetype in OPENDOCUMENT_TYPES else None
            if "[Content_Types].xml" in names:
                for prefix, kind in (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX)):
                    if any(entry.startswith(prefix) for entry in names):
                        return kind
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError, ValueError, EOFError):
        return None
    except NotImplementedError:  # an unsupported compression method
        return None
    return None


def looks_like_text(upload) -> bool:
    """Plain text (e.g. CSV): no NUL bytes or other control characters in its first 64 KB."""
    upload.seek(0)
    head = upload.read(TEXT_SNIFF_BYTES)
    if not head:
        return False
    allowed = {9, 10, 12, 13}
    return not any(byte < 32 and byte not in allowed for byte in head) and b"\x7f" not in head


def sniff(upload, *, text: bool = False) -> str | None:
    """The content type from the file's first bytes (and a zip's table of contents).

    With ``text=True`` a file that is none of the binary types but plain text is CSV. Raises
    ValidationError (code ``archive_bomb``) for an archive out of proportion.
    """
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
            return _zip_type(upload)
        if text and looks_like_text(upload):
            return CSV
        return None
    finally:
        upload.seek(position)


def _megabytes(size: int) -> str:
    """ "3.1" in English, "3,1" in French: the reader's decimal separator. Rounded up, so a
    file just over the limit never reads as the limit itself."""
    return number_format(math.ceil(size * 10 / 1_048_576) / 10, decimal_pos=1)


def validate_upload(upload, *, accepted: set[str], max_bytes: int, accepted_text: str) -> str:
    """Check size and real type of an uploaded file; returns the content type to store.

    ``accepted`` are the content types allowed; the file's extension must match its content,
    so a renamed executable never passes as "report.pdf".
    """
    name = upload.name or ""
    if upload.size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name}, code="attachment_empty")
    if upload.size > max_bytes:
        raise ValidationError(
            _("“%(name)s” is %(size)s MB; the limit is %(limit)s MB.")
            % {"name": name, "size": _megabytes(upload.size), "limit": _megabytes(max_bytes)},
            code="attachment_too_large",
        )
    content_type = sniff(upload, text=CSV in accepted)
    if content_type is None or content_type not in accepted:
        raise ValidationError(
            _("“%(name)s” is not a file type we accept (%(accepted)s).")
            % {"name": name, "accepted": accepted_text},
            code="attachment_type",
        )
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EXTENSIONS[content_type]:
        raise ValidationError(
            _("“%(name)s” does not contain what its name says (its content is %(kind)s).")
            % {"name": name, "kind": "/".join(sorted(EXTENSIONS[content_type]))},
            code="attachment_extension",
        )
    return content_type


# -- images ---------------------------------------------------------------------------------

IMAGE_FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "GIF": "GIF", "WEBP": "WebP"}
IMAGE_EXTENSIONS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}
IMAGE_CONTENT_TYPES = {"png": PNG, "jpg": JPEG, "jpeg": JPEG, "gif": GIF, "webp": WEBP}


def validate_image(
    upload, *, what: str, plural: str, code: str, max_bytes: int, max_pixels: int
) -> str:
    """A real PNG/JPEG/GIF/WebP image within ``max_bytes`` and ``max_pixels`` per side.

    ``what`` and ``plural`` name the image in messages ("The logo", "Logos"; already
    translated); error codes are ``<code>_too_large``,
    ``<code>_dimensions``, ``<code>_invalid`` and ``<code>_format``. Returns the Pillow format.
    """
    if upload.size > max_bytes:
        raise ValidationError(
            _("%(what)s is %(size)s MB; the limit is %(limit)s MB.")
            % {"what": what, "size": _megabytes(upload.size), "limit": _megabytes(max_bytes)},
            code=f"{code}_too_large",
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        # A tiny file can claim a gigantic canvas (a "decompression bomb"): refuse it.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format = image.format
                width, height = image.size
                image.verify()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _(
                "%(what)s claims an image far too large to process; "
                "at most %(pixels)s pixels per side."
            )
            % {"what": what, "pixels": max_pixels},
            code=f"{code}_dimensions",
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("%(what)s is not an image we can read (use PNG, JPEG, GIF or WebP).")
            % {"what": what},
            code=f"{code}_invalid",
        ) from exc
    finally:
        upload.seek(position)
    if image_format not in IMAGE_FORMATS:
        raise ValidationError(
            _("%(plural)s in %(format)s format are not accepted (use PNG, JPEG, GIF or WebP).")
            % {"plural": plural, "format": image_format},
            code=f"{code}_format",
        )
    if width > max_pixels or height > max_pixels:
        raise ValidationError(
            _("%(what)s is %(width)s×%(height)s pixels; at most %(pixels)s pixels per side.")
            % {"what": what, "width": width, "height": height, "pixels": max_pixels},
            code=f"{code}_dimensions",
        )
    return image_format
