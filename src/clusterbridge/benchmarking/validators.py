"""Validation shared by the benchmarking forms and API serializers."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.core.exceptions import ValidationError

from clusterbridge.benchmarking.models import AnswerType, Indicator

EVIDENCE_EXTENSIONS = {".pdf", ".png", ".jpg", ".jpeg", ".docx", ".xlsx", ".odt", ".ods", ".csv"}
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
TEXT_MAX = 2000


def _range_text(low: float | None, high: float | None) -> str:
    """The allowed range in words, for whichever bounds are set (at least one is)."""
    if low is not None and high is not None:
        return f"between {low:g} and {high:g}"
    if low is not None:
        return f"at least {low:g}"
    return f"at most {high:g}"


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
            raise ValidationError(f"“{indicator.name}”: “{raw}” is not a number.") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise ValidationError(f"“{indicator.name}”: “{raw}” is not a number.")
        low, high = indicator.min_value, indicator.max_value
        if kind == AnswerType.PERCENTAGE:
            low = 0 if low is None else low
            high = 100 if high is None else high
        if (low is not None and number < low) or (high is not None and number > high):
            raise ValidationError(
                f"“{indicator.name}” must be {_range_text(low, high)}"
                f"{' ' + indicator.unit if indicator.unit else ''}; {number:g} given."
            )
        return f"{number:g}", number
    if kind == AnswerType.YES_NO:
        if raw not in ("yes", "no"):
            raise ValidationError(f"“{indicator.name}”: answer yes or no.")
        return raw, None
    if kind == AnswerType.CHOICE:
        allowed = [c["value"] for c in indicator.choices]
        if raw not in allowed:
            raise ValidationError(
                f"“{indicator.name}”: “{raw}” is not one of: {', '.join(allowed)}."
            )
        return raw, None
    if kind == AnswerType.DATE:
        try:
            day = datetime.date.fromisoformat(raw)
        except ValueError:
            raise ValidationError(
                f"“{indicator.name}”: give a date as YYYY-MM-DD; “{raw}” is not one."
            ) from None
        if day.year < 1800 or day > datetime.date.today():
            raise ValidationError(f"“{indicator.name}”: the date must lie in the past.")
        return day.isoformat(), None
    if len(raw) > TEXT_MAX:
        raise ValidationError(f"“{indicator.name}”: at most {TEXT_MAX} characters.")
    return raw, None


def validate_evidence_file(upload) -> None:
    if upload is None:
        raise ValidationError("Choose a file to upload.")
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in EVIDENCE_EXTENSIONS:
        raise ValidationError(
            f"Evidence must be one of: {', '.join(sorted(EVIDENCE_EXTENSIONS))}; "
            f"“{upload.name}” is not."
        )
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError("Evidence files may be at most 10 MB.")


def clean_improvement_area(text: str) -> str:
    text = " ".join((text or "").split())
    if len(text) > 300:
        raise ValidationError("An improvement area is at most 300 characters.")
    return text
