"""Validation shared by the event forms and the API serializers."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import available_timezones

from django.core.exceptions import ValidationError
from django_countries import countries

from clusterbridge.organisations.validators import clean_keywords
from clusterbridge.taxonomy.models import ClusterCategory, Technology

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


def clean_technology_keywords(value) -> list[str]:
    """Free technology keywords of a participant card: a list or a comma-separated text."""
    return clean_keywords(value, "Technology keywords")


def clean_card(data: dict) -> dict:
    """Check a participant card's codes (sectors, technologies, countries) and keywords.

    Returns the cleaned values for the keys present in ``data``; raises one ValidationError
    naming every field with a problem.
    """
    cleaned = dict(data)
    errors: dict[str, str] = {}
    for key, model, what in (
        ("sectors", ClusterCategory, "sector"),
        ("technologies", Technology, "key enabling technology"),
    ):
        if key not in data:
            continue
        codes = list(dict.fromkeys(str(c) for c in data[key] or []))
        known = set(model.objects.filter(code__in=codes).values_list("code", flat=True))
        unknown = [c for c in codes if c not in known]
        if unknown:
            errors[key] = f"Unknown {what}: “{unknown[0]}”."
        cleaned[key] = codes
    if "interest_countries" in data:
        codes = list(dict.fromkeys(str(c) for c in data["interest_countries"] or []))
        unknown = [c for c in codes if c not in countries]
        if unknown:
            errors["interest_countries"] = f"Unknown country code: “{unknown[0]}”."
        cleaned["interest_countries"] = codes
    if "technology_keywords" in data:
        try:
            cleaned["technology_keywords"] = clean_technology_keywords(data["technology_keywords"])
        except ValidationError as exc:
            errors["technology_keywords"] = " ".join(exc.messages)
    if errors:
        raise ValidationError(errors)
    return cleaned
