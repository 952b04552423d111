"""Validation shared by the benchmarking forms and API serializers."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterbridge.benchmarking.models import AnswerType, Indicator
from clusterbridge.common.uploads import (
    CSV,
    DOCX,
    EXTENSIONS,
    JPEG,
    ODS,
    ODT,
    PDF,
    PNG,
    XLSX,
    validate_upload,
)
from clusterbridge.common.validators import TextLimit

EVIDENCE_TYPES = {PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS, CSV}
EVIDENCE_EXTENSIONS = {f".{ext}" for kind in EVIDENCE_TYPES for ext in EXTENSIONS[kind]}
EVIDENCE_ACCEPTED = gettext_lazy("PDF, PNG, JPEG, Word, Excel, OpenDocument or CSV")
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
TEXT_MAX = 2000

# Free texts and their limits (common.validators.TextLimit), for forms and services.
REVIEW_NOTE_MAX = 5_000
REASON_MAX = 2_000
validate_review_note = TextLimit(REVIEW_NOTE_MAX, gettext_lazy("The review note"))
validate_withdraw_reason = TextLimit(REASON_MAX, gettext_lazy("The reason"))


def _number(value: float, *, grouping: bool = False) -> str:
    """A bound or a typed number as the reader writes it ("2.5", "2,5"); limits of lengths
    with thousands grouped ("2,000", like common.validators.TextLimit)."""
    if float(value).is_integer() and abs(value) < 1e15:
        value = int(value)
    else:
        value = float(f"{value:g}")
    return formats.number_format(value, use_l10n=True, force_grouping=grouping)


def _out_of_range(indicator: Indicator, low: float | None, high: float | None, number: float):
    """The message for a number outside the allowed range, for whichever bounds are set (at
    least one is)."""
    values = {
        "indicator": indicator.display_name,
        "low": _number(low) if low is not None else "",
        "high": _number(high) if high is not None else "",
        "number": _number(number),
    }
    unit = indicator.display_unit
    if unit:
        values["unit"] = unit
        if low is not None and high is not None:
            text = _(
                "“%(indicator)s” must be between %(low)s and %(high)s %(unit)s; %(number)s given."
            )
        elif low is not None:
            text = _("“%(indicator)s” must be at least %(low)s %(unit)s; %(number)s given.")
        else:
            text = _("“%(indicator)s” must be at most %(high)s %(unit)s; %(number)s given.")
    elif low is not None and high is not None:
        text = _("“%(indicator)s” must be between %(low)s and %(high)s; %(number)s given.")
    elif low is not None:
        text = _("“%(indicator)s” must be at least %(low)s; %(number)s given.")
    else:
        text = _("“%(indicator)s” must be at most %(high)s; %(number)s given.")
    return ValidationError(text % values, code="out_of_range")


def _not_a_number(indicator: Indicator, raw: str) -> ValidationError:
    return ValidationError(
        _("“%(indicator)s”: “%(value)s” is not a number.")
        % {"indicator": indicator.display_name, "value": raw},
        code="not_a_number",
    )


def clean_answer(indicator: Indicator, raw: str) -> tuple[str, float | None]:
    """The stored value and number for a raw answer; ("", None) clears it."""
    raw = (raw or "").strip()
    if raw == "":
        return "", None
    kind = indicator.answer_type
    if kind in (AnswerType.NUMBER, AnswerType.PERCENTAGE):
        try:
            number = float(raw.replace(",", "."))
        except ValueError:
            raise _not_a_number(indicator, raw) from None
        if number != number or number in (float("inf"), float("-inf")):
            raise _not_a_number(indicator, raw)
        low, high = indicator.min_value, indicator.max_value
        if kind == AnswerType.PERCENTAGE:
            low = 0 if low is None else low
            high = 100 if high is None else high
        if (low is not None and number < low) or (high is not None and number > high):
            raise _out_of_range(indicator, low, high, number)
        return f"{number:g}", number
    if kind == AnswerType.YES_NO:
        if raw not in ("yes", "no"):
            raise ValidationError(
                _("“%(indicator)s”: answer yes or no.") % {"indicator": indicator.display_name}
            )
        return raw, None
    if kind == AnswerType.CHOICE:
        allowed = [c["value"] for c in indicator.choices]
        if raw not in allowed:
            raise ValidationError(
                _("“%(indicator)s”: “%(value)s” is not one of: %(choices)s.")
                % {
                    "indicator": indicator.display_name,
                    "value": raw,
                    "choices": ", ".join(allowed),
                }
            )
        return raw, None
    if kind == AnswerType.DATE:
        try:
            day = datetime.date.fromisoformat(raw)
        except ValueError:
            raise ValidationError(
                _("“%(indicator)s”: give a date as YYYY-MM-DD; “%(value)s” is not one.")
                % {"indicator": indicator.display_name, "value": raw}
            ) from None
        if day.year < 1800 or day > datetime.date.today():
            raise ValidationError(
                _("“%(indicator)s”: the date must lie in the past.")
                % {"indicator": indicator.display_name}
            )
        return day.isoformat(), None
    if len(raw) > TEXT_MAX:
        raise ValidationError(
            _("“%(indicator)s”: at most %(limit)s characters.")
            % {"indicator": indicator.display_name, "limit": _number(TEXT_MAX, grouping=True)}
        )
    return raw, None


def validate_evidence_file(upload) -> str:
    """Evidence is sniffed like marketplace attachments (clusterbridge.common.uploads): its
    content must be one of the accepted types and match its extension; archives are inspected
    without expanding them. Returns the content type."""
    if upload is None:
        raise ValidationError(_("Choose a file to upload."), code="evidence_missing")
    return validate_upload(
        upload,
        accepted=EVIDENCE_TYPES,
        max_bytes=EVIDENCE_MAX_BYTES,
        accepted_text=EVIDENCE_ACCEPTED,
    )


def clean_improvement_area(text: str) -> str:
    text = " ".join((text or "").split())
    if len(text) > 300:
        raise ValidationError(
            _("An improvement area is at most %(limit)s characters.")
            % {"limit": _number(300, grouping=True)}
        )
    return text
