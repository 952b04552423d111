"""The languages content may be written in (a description, an opportunity): every language
Django knows, not only the interface's. Pages mark such text up with ``lang="…"`` so that
screen readers pronounce it right and browsers offer to translate it (WCAG 3.1.2)."""

from __future__ import annotations

from django.conf import global_settings
from django.utils.translation import gettext_lazy

CONTENT_LANGUAGE_CODES = tuple(
    sorted(code for code, _name in global_settings.LANGUAGES if "-" not in code)
)


def content_language_choices() -> list[tuple[str, str]]:
    """CONTENT_LANGUAGE_CODES with their names in the reader's language, sorted by name."""
    names = dict(global_settings.LANGUAGES)
    choices = [(code, str(gettext_lazy(names[code]))) for code in CONTENT_LANGUAGE_CODES]
    return sorted(choices, key=lambda choice: choice[1].casefold())
