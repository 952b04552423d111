"""How views report a service's ValidationError: on the form it came from, or as a message.

Services raise ``ValidationError`` (with field names when the error belongs to a field); every
view reports them the same way through these helpers.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError


def error_text(exc: ValidationError) -> str:
    """All messages of the error in one sentence-like string."""
    return " ".join(exc.messages)


def flash_error(request, exc: ValidationError) -> None:
    messages.error(request, error_text(exc))


def form_error(form, exc: ValidationError) -> None:
    """Attach the error to the form: per field when the field is on the form, else as a
    non-field error (so nothing the service said is lost)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
