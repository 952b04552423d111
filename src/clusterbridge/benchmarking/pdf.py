"""The benchmark report as a PDF (reportlab), built from the same data as the report page.

Built with the shared PDF helpers (``common.pdf``: embedded Unicode font, escaped paragraphs);
answers and ratings are printed as their labels ("Drafted, not adopted", "Yes", "Green").
"""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.platypus import Spacer

from clusterbridge.benchmarking.queries.reports import answer_label, rating_label
from clusterbridge.common import pdf

RATING_COLOURS = {
    "green": colors.HexColor("#2e7d32"),
    "yellow": colors.HexColor("#8a6400"),  # dark enough on white (5.4:1), like the page
    "red": colors.HexColor("#c62828"),
}
NONE = "—"


def _number(value) -> str:
    """A number as the reader writes it (87.5 → "87,5" in French), without needless zeros."""
    number = float(f"{value:g}")
    return formats.number_format(int(number) if number.is_integer() else number, use_l10n=True)


def _pct(value) -> str:
    return NONE if value is None else f"{_number(value)} %"


def build_pdf(*, assessment, dimensions, scores, comparison) -> bytes:
    buffer, doc = pdf.document(
        _("Benchmark report %(organisation)s") % {"organisation": assessment.organisation.name}
    )
    styles = pdf.styles()
    status = _("Status: %(status)s") % {"status": assessment.get_status_display()}
    if assessment.validated_on:
        status += " · " + _("validated %(date)s") % {
            "date": formats.date_format(assessment.validated_on, "DATE_FORMAT")
        }
    status += " · " + _("indicator set v%(version)s") % {
        "version": assessment.indicator_set.version
    }
    story = [
        pdf.paragraph(
            _("Cluster management benchmark: %(organisation)s")
            % {"organisation": assessment.organisation.name},
            styles["Title"],
        ),
        pdf.paragraph(status, styles["Normal"]),
        Spacer(1, 12),
        pdf.paragraph(
            _("Overall score: %(score)s") % {"score": _pct(scores.overall)}, styles["Heading2"]
        ),
    ]
    rows = [[_("Dimension"), _("Score")]] + [
        [pdf.paragraph(d.display_name, styles["BodyText"]), _pct(scores.dimensions.get(d.code))]
        for d in dimensions
    ]
    grid = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f5")),
    ]
    story += [pdf.table(rows, colWidths=[330, 100], style=grid), Spacer(1, 12)]
    percentiles = {c.code: c for c in comparison}
    cell = styles["BodyText"].clone("cell", fontSize=8, leading=10)
    for dimension in dimensions:
        story.append(pdf.paragraph(dimension.display_name, styles["Heading3"]))
        rows = [[_("Indicator"), _("Answer"), _("Rating"), _("Percentile"), _("Peers")]]
        style = [("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("FONTSIZE", (0, 0), (-1, -1), 8)]
        for n, indicator in enumerate(dimension.indicators.all(), start=1):
            answer = indicator.answer
            comp = percentiles.get(indicator.code)
            rating = answer.rating if answer else ""
            rows.append(
                [
                    pdf.paragraph(indicator.display_name, cell),
                    pdf.paragraph(answer_label(indicator, answer.value) if answer else "", cell)
                    if answer and answer.value
                    else NONE,
                    rating_label(rating) if rating else NONE,
                    _number(comp.percentile) if comp and comp.percentile is not None else NONE,
                    _number(comp.peer_percentile)
                    if comp and comp.peer_percentile is not None
                    else NONE,
                ]
            )
            if rating in RATING_COLOURS:
                style.append(("TEXTCOLOR", (2, n), (2, n), RATING_COLOURS[rating]))
        story.append(pdf.table(rows, colWidths=[210, 130, 50, 60, 50], style=style))
    doc.build(story)
    return buffer.getvalue()
