"""Forms of country pages: they validate (with validators.py), views call the services."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from clusterbridge.common.search.forms import filter_form
from clusterbridge.international import validators
from clusterbridge.international.models import Priority
from clusterbridge.international.queries.search import COUNTRIES
from clusterbridge.taxonomy.models import ClusterCategory


class CountryFilterForm(filter_form(COUNTRIES)):
    """The index's filters; the API validates its query parameters with it too."""


class CountryPageForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), choices=lambda: list(countries))
    name = forms.CharField(label=_("Name shown"), max_length=100)
    priority = forms.ChoiceField(label=_("Priority status"), choices=Priority.choices)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[validators.validate_summary],
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors of cooperation"),
        queryset=ClusterCategory.objects.order_by("name"),
        to_field_name="code",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    capital = forms.CharField(label=_("Capital"), max_length=100, required=False)
    latitude = forms.FloatField(
        label=_("Latitude on the map"), required=False, min_value=-90, max_value=90
    )
    longitude = forms.FloatField(
        label=_("Longitude on the map"), required=False, min_value=-180, max_value=180
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["country"]  # a page stays the page of its country

    def clean(self):
        data = super().clean()
        try:
            validators.validate_coordinates(data.get("latitude"), data.get("longitude"))
        except ValidationError as exc:
            self.add_error("longitude", exc)
        return data


class ArrangementForm(forms.Form):
    title = forms.CharField(label=_("Title of the arrangement"), max_length=200)
    counterpart = forms.CharField(label=_("Counterpart authority"), max_length=200)
    signed_on = forms.DateField(
        label=_("Signed on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    scope = forms.CharField(
        label=_("Scope"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validators.validate_scope],
    )
    document = forms.FileField(
        label=_("Signed document (PDF, Word or OpenDocument)"), required=False
    )

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload:
            validators.validate_document(upload)
        return upload or None


class GatewayForm(forms.Form):
    name = forms.CharField(label=_("Name of the service"), max_length=200)
    url = forms.CharField(
        label=_("Address (URL)"), max_length=500, validators=[validators.validate_gateway_url]
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validators.validate_description],
    )
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
