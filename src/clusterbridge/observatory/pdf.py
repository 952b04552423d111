"""A region's factsheet as a PDF (reportlab, through ``common.pdf``): the figures of the region
page — total employment and its growth, the portfolio with its stars — and where they come from."""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.platypus import Spacer

from clusterbridge.common import pdf
from clusterbridge.observatory.legend import format_value, signed_percent, star_names
from clusterbridge.observatory.reference import ATTRIBUTION


def factsheet(
    *, region, dataset, year, rows, totals, growth, organisation_count, reference_name
) -> bytes:
    title = _("Cluster factsheet: %(region)s (%(code)s)") % {
        "region": region.name,
        "code": region.code,
    }
    buffer, doc = pdf.document(title)
    styles = pdf.styles()
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)
    story = [pdf.paragraph(title, styles["Title"])]
    if dataset.is_demo:
        story.append(
            pdf.paragraph(
                _("Demo data: generated figures for trying the platform, not real statistics."),
                styles["Heading3"],
            )
        )
    story.append(
        pdf.paragraph(
            _("%(dataset)s (version %(version)s), %(year)s. Compared with: %(reference)s.")
            % {
                "dataset": dataset.name,
                "version": dataset.version,
                "year": year,
                "reference": reference_name or _("all regions of the dataset"),
            },
            styles["Normal"],
        )
    )
    total = dict(totals).get(year)
    facts = [
        [_("Persons employed (all activities)"), format_value(total, "employment")],
        [_("Categories with at least one star"), str(sum(1 for r in rows if r.indicator.stars))],
        [_("Cluster organisations listed"), str(organisation_count)],
    ]
    if growth is not None and growth.percent is not None:
        facts.append(
            [
                _("Employment growth %(start)s–%(end)s")
                % {"start": growth.start_year, "end": growth.end_year},
                signed_percent(growth.percent),
            ]
        )
    grid = [("GRID", (0, 0), (-1, -1), 0.5, colors.grey)]
    story += [Spacer(1, 8), pdf.table(facts, header=False, colWidths=[300, 150], style=grid)]
    story += [Spacer(1, 12), pdf.paragraph(_("Portfolio"), styles["Heading2"])]
    table = [[_("Cluster category"), _("Employment"), _("Location quotient"), _("Stars")]]
    for row in rows:
        i = row.indicator
        stars = "★" * i.stars
        if i.stars:
            stars += f" ({star_names(i)})"
        table.append(
            [
                pdf.paragraph(row.category.display_name, small),
                format_value(i.employment, "employment"),
                format_value(i.lq, "lq"),
                pdf.paragraph(stars, small),
            ]
        )
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f5")),
        ("ALIGN", (1, 1), (2, -1), "RIGHT"),
    ]
    story.append(pdf.table(table, colWidths=[200, 80, 80, 130], style=style, repeatRows=1))
    story += [
        Spacer(1, 12),
        pdf.paragraph(
            _("Source: %(source)s. Licence: %(licence)s.")
            % {"source": dataset.source, "licence": dataset.licence or "—"},
            small,
        ),
        pdf.paragraph(
            _(
                "Stars: size (top 10 %% of regions by employment), specialisation (location "
                "quotient of 2 or more), focus (top 10 %% by share of the region's employment), "
                "productivity (top quarter by wage or value added per employee)."
            ),
            small,
        ),
        pdf.paragraph(ATTRIBUTION, small),
        pdf.paragraph(
            _("Printed on %(date)s.") % {"date": date_format(timezone.localdate(), "DATE_FORMAT")},
            small,
        ),
    ]
    doc.build(story)
    return buffer.getvalue()
