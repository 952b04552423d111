"""The shared PDF helpers: one embedded Unicode font for every PDF, text read back exactly."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from reportlab.pdfbase import pdfmetrics

from clusterbridge.common import pdf
from tests.pdf_text import pdf_text

PLACES = "Łódź, Timișoara, Plzeň, Šibenik, İzmir"


def test_a_document_prints_european_names_in_paragraphs_and_tables():
    buffer, doc = pdf.document(PLACES)
    styles = pdf.styles()
    doc.build(
        [
            pdf.paragraph(f"{PLACES} & <b>Partners</b>", styles["Title"]),
            pdf.table([["City", "Letters"], ["Plzeň", "ć ș ț ł ę ń ř č ž Ş"]]),
        ]
    )
    assert pdf_text(buffer.getvalue()) == (
        f"{PLACES} & <b>Partners</b> City Letters Plzeň ć ș ț ł ę ń ř č ž Ş"
    )


def test_a_canvas_draws_with_the_embedded_font():
    buffer, canvas = pdf.canvas()
    canvas.setFont(pdf.FONT_BOLD, 18)
    canvas.drawString(50, 500, PLACES)
    canvas.save()
    assert pdf_text(buffer.getvalue()) == PLACES


def test_every_style_uses_the_embedded_font_family():
    fonts = {
        name
        for style in pdf.styles().byName.values()
        for name in (getattr(style, "fontName", None), getattr(style, "bulletFontName", None))
        if name
    }
    assert fonts == {
        pdf.FONT,
        pdf.FONT_BOLD,
        pdf.FONT_OBLIQUE,
        pdf.FONT_BOLD_OBLIQUE,
        pdf.FONT_MONO,
    }
    assert pdfmetrics.getFont(pdf.FONT).face.name == b"DejaVuSans"


def test_a_missing_font_is_a_clear_configuration_error(settings, tmp_path):
    pdf.register_fonts.cache_clear()
    settings.PDF_FONT_DIR = str(tmp_path)
    try:
        with pytest.raises(ImproperlyConfigured, match="fonts-dejavu-core"):
            pdf.register_fonts()
    finally:
        pdf.register_fonts.cache_clear()
        del settings.PDF_FONT_DIR
        pdf.register_fonts()
