"""Reading PDFs back in tests: what pypdf extracts, so tests check the text, not magic bytes."""

from __future__ import annotations

import io

from pypdf import PdfReader


def pdf_text(content: bytes) -> str:
    """The PDF's text as pypdf extracts it, runs of white space (line breaks of long titles
    and table cells) as one space."""
    assert content[:5] == b"%PDF-"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())
