"""Forms of the evaluation (they never save: the views hand their data to the services)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from clusterbridge.calls import validators
from clusterbridge.calls.models import FundingObjective


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=validators.TITLE_LIMIT)
    description = forms.CharField(
        label=_("What the reviewers look at"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    weight = forms.DecimalField(
        label=_("Weight"), max_digits=5, decimal_places=2, validators=[validators.validate_weight]
    )
    max_score = forms.IntegerField(
        label=_("Highest score"), initial=5, validators=[validators.validate_max_score]
    )


class ReviewerForm(forms.Form):
    email = forms.EmailField(
        label=_("The reviewer's e-mail address"),
        help_text=_("The expert needs an account on the platform."),
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("No active account has this e-mail address: ask the expert to sign up first."),
                code="unknown",
            )
        self.cleaned_data["reviewer"] = user
        return email


class DeclarationForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest with this proposal?"),
        choices=[
            ("no", _("No: I have no conflict of interest with its organisations or people")),
            ("yes", _("Yes: I have a conflict of interest and decline")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("If yes, what is it?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[validators.validate_summary],
    )


class ScoreSheetForm(forms.Form):
    """A score and a comment per criterion, plus an overall text (the reviewer's comment or the
    consensus summary). ``sheet()`` gives the services' sheet."""

    def __init__(self, *args, criteria, text_label, text_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.DecimalField(
                label=_("{criterion}: score (0 to {max})").format(
                    criterion=criterion.name, max=criterion.max_score
                ),
                help_text=criterion.description,
                required=False,
                min_value=0,
                max_value=criterion.max_score,
                max_digits=4,
                decimal_places=1,
                widget=forms.NumberInput(attrs={"step": "0.5"}),
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("{criterion}: comment").format(criterion=criterion.name),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields["text"] = forms.CharField(
            label=text_label,
            required=text_required,
            widget=forms.Textarea(attrs={"rows": 4}),
            validators=[validators.validate_summary],
        )

    def sheet(self):
        return {
            c.pk: (self.cleaned_data.get(f"score_{c.pk}"), self.cleaned_data.get(f"comment_{c.pk}"))
            for c in self.criteria
        }


class DecisionForm(forms.Form):
    objective = forms.ChoiceField(
        label=_("Fund the set of proposals with"),
        choices=FundingObjective.choices,
        initial=FundingObjective.SCORE,
        widget=forms.RadioSelect,
    )
    min_score = forms.DecimalField(
        label=_("Lowest score funded (of 100)"),
        required=False,
        max_digits=5,
        decimal_places=2,
        validators=[validators.validate_min_score],
    )
