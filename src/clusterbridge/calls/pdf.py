"""The receipt of a submitted proposal as a PDF (reportlab, through ``common.pdf``: embedded
Unicode font, escaped paragraphs), in the reader's language and time zone.

It names the submitted version and the SHA-256 of its snapshot (``services.proposals.digest``),
so the consortium and the agencies can show which content was submitted."""

from __future__ import annotations

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.platypus import Spacer

from clusterbridge.calls.models import Activity
from clusterbridge.common import pdf

GRID = [
    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f5")),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
]


def _euros(value) -> str:
    return f"{formats.number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)} €"


def receipt_pdf(*, proposal, partners, sha256: str) -> bytes:
    title = _("Receipt of the proposal %(reference)s") % {"reference": proposal.reference}
    buffer, doc = pdf.document(title)
    styles = pdf.styles()
    body = styles["BodyText"]
    cell = body.clone("cell", fontSize=9, leading=11)
    digest_cell = body.clone("digest", fontName=pdf.FONT_MONO, fontSize=7.5, leading=9)
    submitted = timezone.localtime(proposal.submitted_at)
    by = proposal.submitted_by
    lines = [
        (_("Reference"), proposal.reference),
        (_("Call"), proposal.call.title),
        (_("Proposal"), proposal.title),
        (_("Coordinator"), proposal.coordinator.name),
        (
            _("Submitted on"),
            _("%(datetime)s (%(time_zone)s time)")
            % {
                "datetime": formats.date_format(submitted, "DATETIME_FORMAT"),
                "time_zone": timezone.get_current_timezone_name(),
            },
        ),
        (_("Submitted by"), (by.get_full_name() or by.email) if by else "—"),
        (_("Version"), str(proposal.version)),
        (_("SMEs involved"), str(proposal.smes_involved)),
        (_("Targeted clusters"), str(proposal.targeted_clusters.count())),
        (
            _("Activities"),
            ", ".join(str(Activity(a).label) for a in proposal.activities) or "—",
        ),
    ]
    story = [
        pdf.paragraph(title, styles["Title"]),
        pdf.table(
            [[pdf.paragraph(k, cell), pdf.paragraph(v, cell)] for k, v in lines],
            header=False,
            colWidths=[130, 330],
            style=[
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ],
        ),
        Spacer(1, 12),
        pdf.paragraph(_("Consortium"), styles["Heading2"]),
        pdf.table(
            [[_("Partner"), _("Funded by"), _("Budget"), _("Requested grant")]]
            + [
                [
                    pdf.paragraph(p.organisation.name, cell),
                    pdf.paragraph(p.agency.organisation.name, cell),
                    _euros(p.budget_eur),
                    _euros(p.grant_eur),
                ]
                for p in partners
            ],
            colWidths=[160, 140, 80, 80],
            style=GRID,
        ),
        Spacer(1, 12),
    ]
    attachments = list(proposal.attachments.order_by("pk"))
    if attachments:
        story += [
            pdf.paragraph(_("Attachments"), styles["Heading2"]),
            pdf.table(
                [[_("File"), _("SHA-256")]]
                + [
                    [pdf.paragraph(a.original_name, cell), pdf.paragraph(a.sha256, digest_cell)]
                    for a in attachments
                ],
                colWidths=[170, 320],
                style=GRID,
            ),
            Spacer(1, 12),
        ]
    story += [
        pdf.paragraph(_("SHA-256 of the submitted version"), styles["Heading2"]),
        pdf.paragraph(sha256, styles["Code"]),
        Spacer(1, 6),
        pdf.paragraph(
            _(
                "The submission is final: the proposal can no longer be changed. This receipt "
                "names the version submitted and the fingerprint (SHA-256) of its content."
            ),
            body,
        ),
    ]
    doc.build(story)
    return buffer.getvalue()
