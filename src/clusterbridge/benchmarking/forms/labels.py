from django import forms
from django_countries import countries

from clusterbridge.benchmarking.models import LabelLevel


class LabelFilterForm(forms.Form):
    q = forms.CharField(label="Name", required=False, max_length=200, strip=True)
    level = forms.MultipleChoiceField(
        label="Label",
        required=False,
        choices=LabelLevel.choices,
        error_messages={"invalid_choice": "Unknown label level “%(value)s”."},
    )
    country = forms.MultipleChoiceField(
        label="Country",
        required=False,
        choices=list(countries),
        error_messages={"invalid_choice": "Unknown country code “%(value)s”."},
    )

    def error_list(self) -> list[str]:
        return [m for errors in self.errors.values() for m in errors]


class WithdrawLabelForm(forms.Form):
    reason = forms.CharField(
        label="Reason for withdrawing the label",
        max_length=2000,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Recorded in the label decisions and sent to the organisation's administrators.",
        error_messages={
            "required": "Give the reason for withdrawing the label.",
            "max_length": "Keep the reason under %(limit_value)d characters (it has %(show_value)d).",
        },
    )

    def error_list(self) -> list[str]:
        return [m for errors in self.errors.values() for m in errors]
