"""Building blocks shared by every PDF (reportlab): one embedded Unicode font, styles, tables.

reportlab's built-in Helvetica knows only Latin-1, so "Łódź", "Timișoara" or "Plzeň" printed as
black boxes. Every PDF of the platform is built from these helpers instead, which embed DejaVu
Sans (Debian's ``fonts-dejavu-core``: Latin, Greek and Cyrillic scripts) registered once per
process. The font directory is ``settings.PDF_FONT_DIR`` when set.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import StyleSheet1, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

DEFAULT_FONT_DIR = "/usr/share/fonts/truetype/dejavu"
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_OBLIQUE = "DejaVuSans-Oblique"
FONT_BOLD_OBLIQUE = "DejaVuSans-BoldOblique"
FONT_MONO = "DejaVuSansMono"
FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_OBLIQUE: "DejaVuSans-Oblique.ttf",
    FONT_BOLD_OBLIQUE: "DejaVuSans-BoldOblique.ttf",
    FONT_MONO: "DejaVuSansMono.ttf",
}
# reportlab's sample styles (and tables) name the built-in fonts; these replace them.
REPLACES = {
    "Helvetica": FONT,
    "Helvetica-Bold": FONT_BOLD,
    "Helvetica-Oblique": FONT_OBLIQUE,
    "Helvetica-BoldOblique": FONT_BOLD_OBLIQUE,
    "Courier": FONT_MONO,
}


@cache
def register_fonts() -> None:
    """Register the embedded font family once per process (reportlab keeps a global registry)."""
    directory = Path(getattr(settings, "PDF_FONT_DIR", DEFAULT_FONT_DIR))
    for name, filename in FONT_FILES.items():
        path = directory / filename
        if not path.is_file():
            raise ImproperlyConfigured(
                f"PDF font {path} is missing: install the Debian package fonts-dejavu-core "
                "or set PDF_FONT_DIR."
            )
        pdfmetrics.registerFont(TTFont(name, str(path)))
    # <b> and <i> in paragraphs pick the right face of the family.
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_OBLIQUE, boldItalic=FONT_BOLD_OBLIQUE
    )


def styles() -> StyleSheet1:
    """reportlab's sample style sheet, every style in the embedded font."""
    register_fonts()
    sheet = getSampleStyleSheet()
    for style in sheet.byName.values():
        for attribute in ("fontName", "bulletFontName"):
            current = getattr(style, attribute, None)
            if current in REPLACES:
                setattr(style, attribute, REPLACES[current])
    return sheet


def document(title: str, **options) -> tuple[io.BytesIO, SimpleDocTemplate]:
    """An A4 document writing into the returned buffer (call ``doc.build(story)``)."""
    register_fonts()
    buffer = io.BytesIO()
    options.setdefault("pagesize", A4)
    options.setdefault("leftMargin", 15 * mm)
    options.setdefault("rightMargin", 15 * mm)
    return buffer, SimpleDocTemplate(buffer, title=title, **options)


def canvas(pagesize=A4) -> tuple[io.BytesIO, Canvas]:
    """A drawing canvas (badges) writing into the returned buffer; set fonts with FONT…"""
    register_fonts()
    buffer = io.BytesIO()
    return buffer, Canvas(buffer, pagesize=pagesize)


def paragraph(text: str, style) -> Paragraph:
    """A paragraph of plain text: names and titles are typed by people, and reportlab reads
    "<" and "&" in a paragraph as markup."""
    return Paragraph(escape(str(text)), style)


def table(rows, *, style: list | tuple = (), header: bool = True, **options) -> Table:
    """A table in the embedded font (reportlab tables default to Helvetica), the header row
    in bold, then ``style``'s commands."""
    commands = [("FONTNAME", (0, 0), (-1, -1), FONT)]
    if header:
        commands.append(("FONTNAME", (0, 0), (-1, 0), FONT_BOLD))
    result = Table(rows, **options)
    result.setStyle(TableStyle([*commands, *style]))
    return result
