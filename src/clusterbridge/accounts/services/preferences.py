"""A person's preferences (the interface language)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _


def validate_language(language: str) -> str:
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise ValidationError(
            _("Unknown language “%(language)s”.") % {"language": language}, code="language"
        )
    return language


@transaction.atomic
def set_language(*, user, language: str) -> None:
    """Remember the language for e-mails, PDFs and every device the person signs in on."""
    validate_language(language)
    get_user_model().objects.filter(pk=user.pk).update(language=language)
    user.language = language
