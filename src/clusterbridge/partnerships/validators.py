"""Validation shared by the forms, the API serializers and the services."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from clusterbridge.common.validators import TextLimit

NAME_LIMIT = 200
OBJECTIVES_LIMIT = 10_000
STORY_LIMIT = 10_000
POST_LIMIT = 20_000
TITLE_LIMIT = 200
MAX_TARGET_COUNTRIES = 40

validate_objectives = TextLimit(OBJECTIVES_LIMIT, gettext_lazy("The objectives"))
validate_story = TextLimit(STORY_LIMIT, gettext_lazy("The story"))
validate_post_body = TextLimit(POST_LIMIT, gettext_lazy("The message"))
validate_title = TextLimit(TITLE_LIMIT, gettext_lazy("The title"))


def validate_period(starts_on, ends_on) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError(
            _("The partnership ends (%(end)s) before it starts (%(start)s).")
            % {"end": ends_on.isoformat(), "start": starts_on.isoformat()},
            code="period",
        )


def validate_budget(budget) -> None:
    if budget is not None and budget < 0:
        raise ValidationError(_("The budget cannot be negative."), code="budget")


def validate_target_countries(codes) -> None:
    known = dict(countries)
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise ValidationError(
            _("Unknown country code “%(code)s”.") % {"code": unknown[0]}, code="country"
        )
    if len(set(codes)) > MAX_TARGET_COUNTRIES:
        raise ValidationError(
            _("At most %(limit)s target countries.") % {"limit": MAX_TARGET_COUNTRIES},
            code="too_many_countries",
        )


def validate_required_text(value: str, label: str) -> None:
    if not (value or "").strip():
        raise ValidationError(_("%(label)s is empty.") % {"label": label}, code="required")
