"""The notification kinds apps declare: what a notification says, stored as a kind + parameters.

A notification row keeps only its kind's code and the parameters (names, titles, counts), so
its text is rendered in the reader's language each time it is shown or e-mailed. Each app
declares its kinds in ``<app>/notification_kinds.py`` (discovered when the notifications app is
ready), which keeps ``notifications`` free of imports from the apps that use it.
"""

from __future__ import annotations

import datetime
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

OTHER = _("Other")


@dataclass(frozen=True)
class NotificationKind:
    code: str  # "<app>.<what>", e.g. "events.admitted"
    title: str | Promise  # a translatable format string: _("You are admitted to {event}")
    body: str | Promise = ""
    # Shown on the notification settings page, grouped by ``group``.
    label: str | Promise = ""
    group: str | Promise = OTHER
    # Some messages must reach people by e-mail whatever they chose (security, invitations).
    always_email: bool = False
    # Parameters that hold a code shown by its translated label, e.g. {"level": LabelLevel}
    # (any mapping of code -> label, such as a TextChoices class's ``dict(choices)``).
    labels: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


_KINDS: dict[str, NotificationKind] = {}


def register(*kinds: NotificationKind) -> None:
    for kind in kinds:
        if kind.code in _KINDS and _KINDS[kind.code] != kind:
            raise ValueError(f"Notification kind {kind.code!r} is declared twice.")
        _KINDS[kind.code] = kind


def get_kind(code: str) -> NotificationKind:
    try:
        return _KINDS[code]
    except KeyError:
        raise LookupError(
            f"Unknown notification kind {code!r}: declare it in <app>/notification_kinds.py."
        ) from None


def all_kinds() -> list[NotificationKind]:
    return sorted(_KINDS.values(), key=lambda kind: (str(kind.group), str(kind.label), kind.code))


class _Params(dict):
    """Parameters as the reader sees them: dates in their locale, codes by their translated
    label, unknown names left visible."""

    def __init__(self, values: Mapping[str, Any], labels: Mapping[str, Mapping[str, Any]]):
        super().__init__(values)
        self.labels = labels

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"

    def __getitem__(self, key: str) -> Any:
        if key not in self:
            return self.__missing__(key)
        value = super().__getitem__(key)
        if key in self.labels:
            return str(self.labels[key].get(value, value))
        if isinstance(value, str) and key.endswith("_datetime"):
            parsed = parse_datetime(value)
            if parsed is not None:
                from django.utils import timezone

                if timezone.is_aware(parsed):
                    parsed = timezone.localtime(parsed)
                return formats.date_format(parsed, "DATETIME_FORMAT")
        if isinstance(value, str) and key.endswith("_date"):
            parsed = parse_date(value)
            if parsed is not None:
                return formats.date_format(parsed, "DATE_FORMAT")
        if isinstance(value, int | float) and not isinstance(value, bool):
            return formats.number_format(value, use_l10n=True, force_grouping=True)
        return value


def _format(template: str | Promise, params: _Params) -> str:
    text = str(template)
    if not text:
        return ""
    try:
        return string.Formatter().vformat(text, (), params)
    except (ValueError, IndexError):
        # A translation with broken braces must not break the inbox: show it unformatted.
        return text


def render(code: str, params: Mapping[str, Any]) -> tuple[str, str]:
    """``(title, body)`` in the active language."""
    if "_title" in params:  # rows written before notifications had kinds: their stored text
        return str(params["_title"]), str(params.get("_body", ""))
    try:
        kind = get_kind(code)
    except LookupError:
        return code, ""
    values = _Params(params, kind.labels)
    return _format(kind.title, values), _format(kind.body, values)


def serialisable(params: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters as stored (JSON): dates become ISO strings, everything else text or numbers."""
    stored: dict[str, Any] = {}
    for key, value in params.items():
        if isinstance(value, datetime.date):  # datetimes too (a subclass)
            stored[key] = value.isoformat()
        elif isinstance(value, int | float | bool) or value is None:
            stored[key] = value
        else:
            stored[key] = str(value)
    return stored
