"""Responses that hand a file to the browser: generated documents and stored private files.

Stored files (attachments, evidence, images) are never served from a public URL: a view checks
the permission, then returns ``private_file``, which forbids content sniffing and scripting
(``sandbox``) and keeps non-public files out of shared caches.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header


def download(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    """A generated document (PDF, iCalendar, JSON) offered for download as ``filename``."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def private_file(
    field_file,
    *,
    content_type: str,
    filename: str | None = None,
    as_attachment: bool = True,
    public_max_age: int | None = None,
    missing_message: str = "",
) -> FileResponse:
    """Serve a stored file after the caller's permission check.

    ``public_max_age`` lets shared caches keep a file everybody may see (a published event's
    image); anything else is ``private, no-store``. A file missing from storage is a 404.
    """
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404(missing_message) from None
    response = FileResponse(
        handle, as_attachment=as_attachment, filename=filename or "", content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = (
        f"public, max-age={public_max_age}" if public_max_age else "private, no-store"
    )
    return response
