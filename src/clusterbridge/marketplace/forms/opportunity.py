"""Forms of the marketplace: they validate (with validators.py), views call the services."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django_countries import countries

from clusterbridge.marketplace.models import (
    DevelopmentStage,
    IprStatus,
    OpportunityKind,
    PartnershipType,
    PostingPolicy,
)
from clusterbridge.marketplace.validators import (
    MAX_ATTACHMENTS,
    clean_keywords,
    validate_attachment,
    validate_deadline,
    validate_message_body,
    validate_opportunity,
)
from clusterbridge.taxonomy.models import ClusterCategory, Technology


class OpportunityForm(forms.Form):
    organisation = forms.TypedChoiceField(coerce=int, label="Post for")
    kind = forms.ChoiceField(choices=OpportunityKind.choices)
    title = forms.CharField(max_length=200)
    summary = forms.CharField(max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 6}))
    sectors = forms.ModelMultipleChoiceField(
        queryset=ClusterCategory.objects.order_by("name"),
        to_field_name="code",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    technologies = forms.ModelMultipleChoiceField(
        queryset=Technology.objects.order_by("name"),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    keywords = forms.CharField(required=False, help_text="Separated by commas.")
    target_countries = forms.MultipleChoiceField(
        choices=list(countries),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        label="Countries targeted",
    )
    partnership_types = forms.MultipleChoiceField(
        choices=PartnershipType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Partnership types sought",
    )
    development_stage = forms.ChoiceField(
        choices=[("", "—"), *DevelopmentStage.choices],
        required=False,
        help_text="Technology and R&D posts only.",
    )
    ipr_status = forms.ChoiceField(
        choices=[("", "—"), *IprStatus.choices],
        required=False,
        label="IPR status",
        help_text="Technology and R&D posts only.",
    )
    deadline = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, organisations=(), editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]
        if editing:
            del self.fields["organisation"]
            self.fields["kind"].disabled = True

    def clean_keywords(self):
        return clean_keywords(self.cleaned_data.get("keywords"))

    def clean_deadline(self):
        value = self.cleaned_data.get("deadline")
        validate_deadline(value)
        return value

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                validate_opportunity(data)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    self.add_error(field, errors)
        return data

    def opportunity_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("organisation", None)
        return data


class InterestForm(forms.Form):
    organisation = forms.TypedChoiceField(coerce=int, label="On behalf of")
    cooperation_sought = forms.ChoiceField(
        choices=PartnershipType.choices, label="Cooperation sought"
    )
    missing_information = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="What information is missing?",
    )
    details = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), label="About your organisation", max_length=2000
    )
    message = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(f"At most {MAX_ATTACHMENTS} attachments at once.")
        for upload in files:
            validate_attachment(upload)
        return list(files)


class MessageForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Message")
    attachments = MultipleFileField(required=False)

    def clean_body(self):
        return validate_message_body(self.cleaned_data.get("body", ""))


class NewConversationForm(forms.Form):
    subject = forms.CharField(max_length=200)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="Message")

    def clean_body(self):
        return validate_message_body(self.cleaned_data.get("body", ""))


class AttachmentForm(forms.Form):
    file = forms.FileField()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_attachment(upload)
        return upload


class ReasonForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class SettingsForm(forms.Form):
    weekly_digest = forms.BooleanField(
        required=False, label="Send me a weekly e-mail with new opportunities for my organisations"
    )


class PolicyForm(forms.Form):
    who = forms.ChoiceField(choices=PostingPolicy.Who.choices, label="Who may post")
