from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse


def form_error_from(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def flash_error(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def serve_attachment(attachment) -> FileResponse:
    """Stored files are served by the app after a permission check, never from a public URL."""
    from clusterbridge.marketplace.validators import SERVED_TYPE

    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=not attachment.content_type.startswith("image/")
        and attachment.content_type != "application/pdf",
        filename=attachment.original_name,
        content_type=SERVED_TYPE.get(attachment.content_type, attachment.content_type),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
