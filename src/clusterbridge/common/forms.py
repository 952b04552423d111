import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Primary keys are big integers (DEFAULT_AUTO_FIELD); anything larger names no row.
MAX_ID = 2**63 - 1
_ID = re.compile(r"[0-9]{1,19}")


def _keep_value(text) -> str:
    """``text`` inside a message that Django formats with ``%(value)s`` later."""
    return str(text).replace("%", "%%")


def _unknown_value(what) -> str:
    return gettext("Unknown %(what)s “%(value)s”.") % {
        "what": _keep_value(what),
        "value": "%(value)s",
    }


def _unknown_sort(choices: str) -> str:
    return gettext("Unknown sort order “%(value)s”; use one of: %(choices)s.") % {
        "choices": _keep_value(choices),
        "value": "%(value)s",
    }


# Forms are declared at import time; their messages are made when shown, in the active language.
unknown_value = lazy(_unknown_value, str)
unknown_sort = lazy(_unknown_sort, str)


def filter_field(label: str, what: str) -> forms.MultipleChoiceField:
    """A multi-value search filter whose unknown values get a specific message.

    ``label`` and ``what`` ("sector", "country code") may be lazy translations."""
    return forms.MultipleChoiceField(
        label=label,
        required=False,
        error_messages={"invalid_choice": unknown_value(what)},
    )


def sort_field(sorts: dict[str, str]) -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=list(sorts.items()),
        required=False,
        error_messages={"invalid_choice": unknown_sort(", ".join(sorts))},
    )


MAX_PAGE = 100_000


def page_field() -> forms.IntegerField:
    return forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        error_messages={"invalid": _("The page must be a whole number.")},
    )


class IdField(forms.Field):
    """A database id as posted by a page: ASCII digits from 1 to MAX_ID, never by hand.

    ``str.isdigit()`` + ``int()`` is not enough: "²" is a digit but not a number, and a
    30-digit number overflows the database's integer.
    """

    default_error_messages = {"invalid": _("“%(value)s” is not a valid identifier.")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if not _ID.fullmatch(text) or not 1 <= int(text) <= MAX_ID:
            raise ValidationError(
                self.error_messages["invalid"],
                code="invalid",
                params={"value": Truncator(text).chars(24)},
            )
        return int(text)


class IdListField(forms.Field):
    """Several ids under one name (``?id=1&id=2``), each checked like IdField."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid_list": _("Enter a list of identifiers.")}

    def to_python(self, value):
        if value in self.empty_values:
            return []
        if not isinstance(value, list | tuple):
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        field = IdField()
        return list(dict.fromkeys(field.clean(item) for item in value))


def ids_by_prefix(data, prefix: str) -> dict[int, str]:
    """The values of the posted fields named ``<prefix><id>``, by id.

    ``ids_by_prefix(request.POST, "answer-")`` turns ``answer-12=yes`` into ``{12: "yes"}``;
    raises ValidationError when such a name does not end in a valid id (``answer-²``).
    """
    field = IdField()
    return {
        field.clean(key.removeprefix(prefix) or "-"): value
        for key, value in data.items()
        if key.startswith(prefix)
    }


class AuditFilterForm(forms.Form):
    """Filters of the audit log; every field optional, each refusal says what is wrong."""

    action = forms.ChoiceField(label=_("Action"), required=False)
    actor = forms.CharField(label=_("Who (name)"), required=False, max_length=100)
    text = forms.CharField(label=_("Object or service"), required=False, max_length=100)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    page = page_field()

    def __init__(self, *args, action_labels: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        by_label = sorted(
            ((code, str(label)) for code, label in action_labels.items()), key=lambda c: c[1]
        )
        self.fields["action"].choices = [("", _("All actions")), *by_label]

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            raise forms.ValidationError(_("The start date is after the end date."))
        return cleaned
