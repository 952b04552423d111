from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from clusterbridge.benchmarking.models import LabelLevel
from clusterbridge.benchmarking.validators import validate_withdraw_reason


class LabelFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name of the organisation"), required=False, max_length=200, strip=True
    )
    level = forms.MultipleChoiceField(
        label=_("Label"),
        required=False,
        choices=LabelLevel.choices,
        error_messages={"invalid_choice": _("Unknown label level “%(value)s”.")},
    )
    country = forms.MultipleChoiceField(
        label=_("Country"),
        required=False,
        # The names in the reader's language (django-countries translates them).
        choices=lambda: list(countries),
        error_messages={"invalid_choice": _("Unknown country code “%(value)s”.")},
    )

    def error_list(self) -> list[str]:
        return [m for errors in self.errors.values() for m in errors]


class WithdrawLabelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawing the label"),
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Recorded in the label decisions and sent to the organisation’s administrators."
        ),
        error_messages={"required": _("Give the reason for withdrawing the label.")},
        validators=[validate_withdraw_reason],
    )

    def error_list(self) -> list[str]:
        return [m for errors in self.errors.values() for m in errors]
