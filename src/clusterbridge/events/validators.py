"""Validation shared by the event forms and the API serializers."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import available_timezones

from django.core.exceptions import ValidationError

MAX_QUESTIONS = 10
MAX_MESSAGE = 1000


def validate_timezone(value: str) -> None:
    if value not in available_timezones():
        raise ValidationError(f"“{value}” is not a known time zone (e.g. Europe/Brussels).")


def validate_event_dates(
    *, start: datetime | None, end: datetime | None, deadline: datetime | None = None
) -> None:
    errors = {}
    if start and end and end <= start:
        errors["end"] = "The event must end after it starts."
    if start and deadline and deadline > start:
        errors["registration_deadline"] = "The registration deadline must be before the start."
    if errors:
        raise ValidationError(errors)


def parse_questions(text: str) -> list[str]:
    """One extra registration question per line."""
    questions = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if len(questions) > MAX_QUESTIONS:
        raise ValidationError(f"At most {MAX_QUESTIONS} extra questions, got {len(questions)}.")
    for q in questions:
        if len(q) > 200:
            raise ValidationError(f"Question “{q[:40]}…” is longer than 200 characters.")
    return questions


def validate_message(value: str) -> None:
    if len(value) > MAX_MESSAGE:
        raise ValidationError(f"The message has {len(value)} characters; at most {MAX_MESSAGE}.")


def validate_satisfaction(value: int | None) -> None:
    if value is not None and not 1 <= value <= 5:
        raise ValidationError("Satisfaction is a mark from 1 (poor) to 5 (excellent).")
