"""Validation shared by the event forms and the API serializers."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from clusterbridge.common.uploads import validate_image
from clusterbridge.common.validators import TextLimit
from clusterbridge.organisations.validators import MAX_LOGO_PIXELS, clean_keywords
from clusterbridge.scheduling import PROFILES
from clusterbridge.taxonomy.models import ClusterCategory, Technology

MAX_QUESTIONS = 10
MAX_MESSAGE = 1000

# Free texts and their limits (common.validators.TextLimit), for forms, API and services.
DESCRIPTION_MAX = 10_000
CARD_TEXT_MAX = 2_000
validate_description = TextLimit(DESCRIPTION_MAX, gettext_lazy("The description"))
validate_offer = TextLimit(CARD_TEXT_MAX, gettext_lazy("What you offer"))
validate_seek = TextLimit(CARD_TEXT_MAX, gettext_lazy("What you seek"))


def validate_event_image(upload) -> str:
    """The rules of organisation logos: a real PNG/JPEG/GIF/WebP image of at most
    LOGO_MAX_BYTES and 4000 pixels per side. Returns the image format."""
    return validate_image(
        upload,
        what=_("The event image"),
        plural=_("Event images"),
        code="image",
        max_bytes=settings.LOGO_MAX_BYTES,
        max_pixels=MAX_LOGO_PIXELS,
    )


def validate_timezone(value: str) -> None:
    if value not in available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a known time zone (e.g. Europe/Brussels).") % {"value": value},
            code="timezone",
        )


def validate_event_dates(
    *, start: datetime | None, end: datetime | None, deadline: datetime | None = None
) -> None:
    errors = {}
    if start and end and end <= start:
        errors["end"] = _("The event must end after it starts.")
    if start and deadline and deadline > start:
        errors["registration_deadline"] = _("The registration deadline must be before the start.")
    if errors:
        raise ValidationError(errors)


def parse_questions(text: str) -> list[str]:
    """One extra registration question per line."""
    questions = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if len(questions) > MAX_QUESTIONS:
        raise ValidationError(
            _("At most %(limit)s extra questions, got %(count)s.")
            % {"limit": MAX_QUESTIONS, "count": len(questions)},
            code="questions",
        )
    for q in questions:
        if len(q) > 200:
            raise ValidationError(
                _("The question “%(question)s…” is longer than %(limit)s characters.")
                % {"question": q[:40], "limit": 200},
                code="question_long",
            )
    return questions


def validate_message(value: str) -> None:
    if len(value) > MAX_MESSAGE:
        raise ValidationError(
            _("The message has %(length)s characters; at most %(limit)s.")
            % {
                "length": number_format(len(value), force_grouping=True),
                "limit": number_format(MAX_MESSAGE, force_grouping=True),
            },
            code="too_long",
        )


def validate_satisfaction(value: int | None) -> None:
    if value is not None and not 1 <= value <= 5:
        raise ValidationError(
            _("Satisfaction is a mark from 1 (poor) to 5 (excellent)."), code="satisfaction"
        )


def clean_technology_keywords(value) -> list[str]:
    """Free technology keywords of a participant card: a list or a comma-separated text."""
    return clean_keywords(value, _("Technology keywords"))


def clean_card(data: dict) -> dict:
    """Check a participant card's codes (sectors, technologies, countries) and keywords.

    Returns the cleaned values for the keys present in ``data``; raises one ValidationError
    naming every field with a problem.
    """
    cleaned = dict(data)
    errors: dict[str, str] = {}
    for key, validator in (("offer", validate_offer), ("seek", validate_seek)):
        try:
            validator(data.get(key))
        except ValidationError as exc:
            errors[key] = " ".join(exc.messages)
    for key, model, unknown_text in (
        ("sectors", ClusterCategory, gettext_lazy("Unknown sector: “%(code)s”.")),
        ("technologies", Technology, gettext_lazy("Unknown key enabling technology: “%(code)s”.")),
    ):
        if key not in data:
            continue
        codes = list(dict.fromkeys(str(c) for c in data[key] or []))
        known = set(model.objects.filter(code__in=codes).values_list("code", flat=True))
        unknown = [c for c in codes if c not in known]
        if unknown:
            errors[key] = str(unknown_text) % {"code": unknown[0]}
        cleaned[key] = codes
    if "interest_countries" in data:
        codes = list(dict.fromkeys(str(c) for c in data["interest_countries"] or []))
        unknown = [c for c in codes if c not in countries]
        if unknown:
            errors["interest_countries"] = _("Unknown country code: “%(code)s”.") % {
                "code": unknown[0]
            }
        cleaned["interest_countries"] = codes
    if "technology_keywords" in data:
        try:
            cleaned["technology_keywords"] = clean_technology_keywords(data["technology_keywords"])
        except ValidationError as exc:
            errors["technology_keywords"] = " ".join(exc.messages)
    if errors:
        raise ValidationError(errors)
    return cleaned


def validate_profile(value: str) -> str:
    """The organiser's choice of time for a scheduler run: a key of ``scheduling.PROFILES``."""
    if value not in PROFILES:
        raise ValidationError(
            _("“{value}” is not a choice of time; choose one of: {choices}.").format(
                value=value, choices=", ".join(PROFILES)
            ),
            code="profile",
        )
    return value
