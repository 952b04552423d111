"""Validation shared by the forms, the API serializers and the services."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from clusterbridge.calls.models.choices import Activity
from clusterbridge.common.uploads import (
    DOCX,
    ODP,
    ODS,
    ODT,
    OLE,
    PDF,
    PPTX,
    XLSX,
    validate_upload,
)
from clusterbridge.common.validators import TextLimit
from clusterbridge.organisations.models import OrganisationKind

TITLE_LIMIT = 200
SUMMARY_LIMIT = 10_000
MAX_STAGES = 2

validate_title = TextLimit(TITLE_LIMIT, gettext_lazy("The title"))
validate_summary = TextLimit(SUMMARY_LIMIT, gettext_lazy("The summary"))


def validate_required_text(value: str, label) -> None:
    if not (value or "").strip():
        raise ValidationError(_("{label} is empty.").format(label=label), code="required")


def validate_budget(budget) -> None:
    if budget is not None and budget < 0:
        raise ValidationError(_("The budget cannot be negative."), code="budget")


def validate_funding_rate(rate) -> None:
    if rate is not None and not (Decimal(0) < rate <= Decimal(100)):
        raise ValidationError(
            _("The funding rate is a percentage above 0 and at most 100."), code="funding_rate"
        )


def validate_kinds(kinds) -> None:
    known = set(OrganisationKind.values)
    unknown = [kind for kind in kinds if kind not in known]
    if unknown:
        raise ValidationError(
            _("Unknown applicant kind “{kind}”.").format(kind=unknown[0]), code="kind"
        )


def validate_countries(codes) -> None:
    known = dict(countries)
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise ValidationError(
            _("Unknown country code “{code}”.").format(code=unknown[0]), code="country"
        )


def validate_stages(deadlines) -> None:
    """One or two stages, each with a deadline, in chronological order."""
    if not deadlines:
        raise ValidationError(_("A call needs at least one deadline."), code="no_deadline")
    if len(deadlines) > MAX_STAGES:
        raise ValidationError(
            _("A call has at most {limit} stages.").format(limit=MAX_STAGES), code="stages"
        )
    if any(later <= earlier for earlier, later in itertools.pairwise(deadlines)):
        raise ValidationError(
            _("The second stage's deadline must come after the first one's."), code="stage_order"
        )


NUTS_CODE = re.compile(r"^[A-Z]{2}[A-Z0-9]{0,3}$")


def validate_amount(value, label) -> None:
    """An amount in euros: given, not negative."""
    if value is None:
        raise ValidationError(_("{label} is missing.").format(label=label), code="required")
    if value < 0:
        raise ValidationError(_("{label} cannot be negative.").format(label=label), code="negative")


def validate_regions(codes) -> None:
    bad = [code for code in codes if not NUTS_CODE.match(code)]
    if bad:
        raise ValidationError(
            _("“{code}” is not a NUTS code (two letters and up to three more characters).").format(
                code=bad[0]
            ),
            code="region",
        )


def parse_regions(text: str) -> list[str]:
    """NUTS codes typed separated by spaces or commas, upper-cased, each once."""
    return list(dict.fromkeys(part.upper() for part in re.split(r"[\s,;]+", text or "") if part))


# --- Evaluation --------------------------------------------------------------------------------

MAX_CRITERIA = 12
MAX_SCALE = 100


def validate_weight(weight) -> None:
    if weight is None or not (Decimal(0) < Decimal(weight) <= Decimal(100)):
        raise ValidationError(_("The weight is a number above 0 and at most 100."), code="weight")


def validate_max_score(value) -> None:
    if value is None or not (1 <= int(value) <= MAX_SCALE):
        raise ValidationError(
            _("The highest score is a whole number from 1 to {limit}.").format(limit=MAX_SCALE),
            code="max_score",
        )


def validate_score(score, max_score: int, criterion_name: str) -> None:
    """A score on the criterion's scale, in steps of a half point."""
    value = Decimal(score)
    if not (Decimal(0) <= value <= Decimal(max_score)) or (value * 2) % 1:
        raise ValidationError(
            _("The score of “{criterion}” is from 0 to {max}, in steps of 0.5.").format(
                criterion=criterion_name, max=max_score
            ),
            code="score",
        )


def validate_min_score(value) -> None:
    if value is not None and not (Decimal(0) <= Decimal(value) <= Decimal(100)):
        raise ValidationError(_("The lowest score funded is from 0 to 100."), code="min_score")


# --- Proposal content and attachments ----------------------------------------------------------

MAX_TARGETED_CLUSTERS = 500
MAX_SMES_INVOLVED = 100_000
MAX_SME_ORGANISATIONS = 500
MAX_ATTACHMENTS = 10
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_TYPES = {PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, OLE}
ATTACHMENT_ACCEPTED = gettext_lazy("PDF, Word, Excel, PowerPoint or OpenDocument")


def validate_activities(activities, accepted=()) -> None:
    """Known activities, and among those the call accepts (``accepted`` empty: every one)."""
    unknown = [code for code in activities if code not in Activity.values]
    if unknown:
        raise ValidationError(
            _("Unknown activity “{code}”.").format(code=unknown[0]), code="activity"
        )
    refused = [code for code in activities if accepted and code not in accepted]
    if refused:
        raise ValidationError(
            _("This call does not fund the activity “{activity}”.").format(
                activity=Activity(refused[0]).label
            ),
            code="activity_refused",
        )


def validate_smes_involved(number) -> None:
    if number is None or not (0 <= int(number) <= MAX_SMES_INVOLVED):
        raise ValidationError(
            _("The number of SMEs involved is a whole number from 0 to {limit}.").format(
                limit=f"{MAX_SMES_INVOLVED:,}".replace(",", " ")
            ),
            code="smes_involved",
        )


def validate_attachment(upload) -> str:
    """Size and real type of an attachment; returns the content type to store and serve."""
    if upload is None:
        raise ValidationError(_("Choose a file to upload."), code="file_missing")
    return validate_upload(
        upload,
        accepted=ATTACHMENT_TYPES,
        max_bytes=ATTACHMENT_MAX_BYTES,
        accepted_text=str(ATTACHMENT_ACCEPTED),
    )
