"""The benchmark report as a PDF (reportlab), built from the same data as the report page."""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

RATING_COLOURS = {
    "green": colors.HexColor("#2e7d32"),
    "yellow": colors.HexColor("#f9a825"),
    "red": colors.HexColor("#c62828"),
}


def _pct(value) -> str:
    return "—" if value is None else f"{value:g} %"


def build_pdf(*, assessment, dimensions, scores, comparison) -> bytes:
    buffer = io.BytesIO()
    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, title=f"Benchmark report {assessment.organisation}"
    )
    story = [
        Paragraph(f"Cluster management benchmark: {assessment.organisation.name}", styles["Title"]),
        Paragraph(
            f"Status: {assessment.get_status_display()}"
            + (
                f" · validated {assessment.validated_on:%d %B %Y}"
                if assessment.validated_on
                else ""
            )
            + f" · indicator set v{assessment.indicator_set.version}",
            styles["Normal"],
        ),
        Spacer(1, 12),
        Paragraph(f"Overall score: {_pct(scores.overall)}", styles["Heading2"]),
    ]
    rows = [["Dimension", "Score"]] + [
        [d.name, _pct(scores.dimensions.get(d.code))] for d in dimensions
    ]
    table = Table(rows, colWidths=[330, 100])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f5")),
            ]
        )
    )
    story += [table, Spacer(1, 12)]
    percentiles = {c.code: c for c in comparison}
    for dimension in dimensions:
        story.append(Paragraph(dimension.name, styles["Heading3"]))
        rows = [["Indicator", "Answer", "Rating", "Percentile", "Peers"]]
        style = [("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("FONTSIZE", (0, 0), (-1, -1), 8)]
        for n, indicator in enumerate(dimension.indicators.all(), start=1):
            answer = indicator.answer
            comp = percentiles.get(indicator.code)
            rating = answer.rating if answer else ""
            rows.append(
                [
                    Paragraph(indicator.name, styles["BodyText"]),
                    (answer.value + (f" {indicator.unit}" if indicator.unit else ""))
                    if answer and answer.value
                    else "—",
                    rating or "—",
                    f"{comp.percentile:g}" if comp and comp.percentile is not None else "—",
                    f"{comp.peer_percentile:g}"
                    if comp and comp.peer_percentile is not None
                    else "—",
                ]
            )
            if rating in RATING_COLOURS:
                style.append(("TEXTCOLOR", (2, n), (2, n), RATING_COLOURS[rating]))
        table = Table(rows, colWidths=[220, 90, 50, 60, 50])
        table.setStyle(TableStyle(style))
        story.append(table)
    doc.build(story)
    return buffer.getvalue()
