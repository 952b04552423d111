from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_DAYS = 30
MAX_DAYS = 3660


class AudienceFilterForm(forms.Form):
    """The period of the audience page and its exports (the API validates with it too)."""

    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        end = data.get("end") or today
        start = data.get("start") or end - datetime.timedelta(days=DEFAULT_DAYS - 1)
        if start > end:
            raise forms.ValidationError(_("The period starts after it ends."), code="period_order")
        if (end - start).days >= MAX_DAYS:
            raise forms.ValidationError(
                _("The period is at most {days} days.").format(days=MAX_DAYS), code="period_long"
            )
        data["start"], data["end"] = start, end
        return data
