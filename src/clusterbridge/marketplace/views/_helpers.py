from __future__ import annotations

from django.http import FileResponse

from clusterbridge.common.downloads import private_file
from clusterbridge.marketplace.validators import SERVED_TYPE


def serve_attachment(attachment) -> FileResponse:
    """Stored files are served by the app after a permission check, never from a public URL;
    images and PDFs open in the browser (sandboxed), anything else downloads."""
    return private_file(
        attachment.file,
        content_type=SERVED_TYPE.get(attachment.content_type, attachment.content_type),
        filename=attachment.original_name,
        as_attachment=not attachment.content_type.startswith("image/")
        and attachment.content_type != "application/pdf",
    )
