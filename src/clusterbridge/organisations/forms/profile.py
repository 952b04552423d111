from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from clusterbridge.organisations.models import CooperationInterest, Organisation
from clusterbridge.organisations.services.profiles import EDITABLE_FIELDS
from clusterbridge.organisations.validators import (
    clean_keywords,
    validate_coordinates,
    validate_logo,
    validate_region_in_country,
    validate_unique_name,
    validate_year_founded,
)
from clusterbridge.taxonomy.models import NutsRegion

KEYWORD_FIELDS = ("technology_keywords", "specialisation_keywords", "value_chain_keywords")


class OrganisationProfileForm(forms.ModelForm):
    technology_keywords = forms.CharField(
        label="Technology keywords",
        required=False,
        help_text="Free keywords, separated by commas.",
        max_length=2000,
    )
    specialisation_keywords = forms.CharField(
        label="Specialisation keywords",
        required=False,
        help_text="Separated by commas.",
        max_length=2000,
    )
    value_chain_keywords = forms.CharField(
        label="Value-chain keywords",
        required=False,
        help_text="Separated by commas.",
        max_length=2000,
    )
    cooperation_interests = forms.MultipleChoiceField(
        choices=CooperationInterest.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Organisation
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
            "ecosystems": forms.CheckboxSelectMultiple,
            "technologies": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 6}),
            "short_description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nuts_region"].queryset = NutsRegion.objects.filter(level=2)
        self.fields["nuts_region"].label = "Region (NUTS 2)"
        self.fields["short_description"].required = True
        self.fields["city"].required = True
        if self.instance.pk:
            for name in KEYWORD_FIELDS:
                self.initial[name] = ", ".join(getattr(self.instance, name))

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        validate_unique_name(name, exclude_pk=self.instance.pk)
        return name

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):  # a new upload, not the stored file
            validate_logo(logo)
        return logo

    def clean_year_founded(self):
        value = self.cleaned_data.get("year_founded")
        validate_year_founded(value)
        return value

    def _clean_keywords(self, name: str) -> list[str]:
        return clean_keywords(self.cleaned_data.get(name), self[name].label)

    def clean_technology_keywords(self):
        return self._clean_keywords("technology_keywords")

    def clean_specialisation_keywords(self):
        return self._clean_keywords("specialisation_keywords")

    def clean_value_chain_keywords(self):
        return self._clean_keywords("value_chain_keywords")

    def clean(self):
        data = super().clean()
        try:
            validate_coordinates(data.get("latitude"), data.get("longitude"))
        except ValidationError as exc:
            self.add_error("latitude", exc)
        if data.get("country"):
            try:
                validate_region_in_country(data.get("nuts_region"), str(data["country"]))
            except ValidationError as exc:
                self.add_error("nuts_region", exc)
        return data

    def profile_data(self) -> dict:
        """Cleaned values in the shape the profile service takes."""
        data = {
            name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data
        }
        logo = data.pop("logo", None)
        if logo is False:  # "clear" ticked
            data["logo"] = ""
        elif hasattr(logo, "content_type"):  # a new upload (an unchanged logo is left alone)
            data["logo"] = logo
        for relation in ("sectors", "ecosystems", "technologies"):
            data[relation] = list(data.get(relation) or [])
        return data


class ContactForm(forms.Form):
    subject = forms.CharField(max_length=200)
    body = forms.CharField(
        label="Message", widget=forms.Textarea(attrs={"rows": 6}), max_length=5000
    )


class SendBackForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Tell the organisation what to change; they receive this by e-mail.",
    )


class InviteForm(forms.Form):
    email = forms.EmailField()
    role = forms.ChoiceField(choices=[("member", "Member"), ("admin", "Administrator")])


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=[("member", "Member"), ("admin", "Administrator")])


class ContactPersonForm(forms.Form):
    name = forms.CharField(max_length=150)
    role = forms.CharField(max_length=150, required=False)
    email = forms.EmailField(help_text="Used by the contact form; never shown publicly.")
    phone = forms.CharField(max_length=40, required=False)


ContactPersonFormSet = forms.formset_factory(
    ContactPersonForm, extra=1, max_num=5, validate_max=True, can_delete=True
)
