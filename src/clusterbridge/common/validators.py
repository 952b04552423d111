"""Validators every app uses: the length limit of free texts.

Each long text a person writes (descriptions, messages, reasons, notes) has a limit, declared
in its app's ``validators.py`` with ``TextLimit`` and checked by the form, the API serializer
and — for texts that reach a service without a form — the service.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.translation import gettext as _


def validate_length(value: str | None, *, limit: int, label: str) -> None:
    """``label`` names the text in a sentence ("The description"), already translated."""
    if value and len(value) > limit:
        raise ValidationError(
            _("%(label)s is %(length)s characters long; at most %(limit)s.")
            % {
                "label": label,
                "length": number_format(len(value), force_grouping=True),
                "limit": number_format(limit, force_grouping=True),
            },
            code="too_long",
        )


@deconstructible
class TextLimit:
    """A field validator: ``TextLimit(10_000, _("The description"))(value)``."""

    def __init__(self, limit: int, label):
        self.limit = limit
        self.label = label

    def __call__(self, value) -> None:
        validate_length(value, limit=self.limit, label=str(self.label))

    def __eq__(self, other) -> bool:
        return isinstance(other, TextLimit) and (self.limit, str(self.label)) == (
            other.limit,
            str(other.label),
        )
