"""File builders shared by the upload tests: small archives and zip bombs."""

from __future__ import annotations

import io
import zipfile

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
EXPANDED = 200 * 1024 * 1024  # what the bombs expand to


def make_zip(entries: dict[str, bytes], *, stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for i, (name, data) in enumerate(entries.items()):
            method = zipfile.ZIP_STORED if stored_first and i == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=method)
    return buffer.getvalue()


def zip_bomb(entry: str, *, others: dict[str, bytes] | None = None) -> bytes:
    """An archive whose ``entry`` holds 200 MB of zeros: about 200 KB on disk, written in chunks."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (others or {}).items():
            archive.writestr(name, data)
        with archive.open(entry, "w", force_zip64=False) as handle:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(EXPANDED // len(chunk)):
                handle.write(chunk)
    return buffer.getvalue()


def odt_bomb() -> bytes:
    return zip_bomb("mimetype")


def docx_bomb() -> bytes:
    return zip_bomb("word/document.xml", others={"[Content_Types].xml": b"<Types/>"})


def odt() -> bytes:
    return make_zip({"mimetype": ODT_MIMETYPE, "content.xml": b"<office/>"}, stored_first=True)


def docx() -> bytes:
    return make_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
