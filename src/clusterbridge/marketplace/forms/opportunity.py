"""Forms of the marketplace: they validate (with validators.py), views call the services."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from clusterbridge.common.forms import IdField
from clusterbridge.common.languages import content_language_choices
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
    validate_description,
    validate_message_body,
    validate_missing_information,
    validate_opportunity,
    validate_organisation_details,
)
from clusterbridge.taxonomy.models import ClusterCategory, Technology


class OpportunityForm(forms.Form):
    organisation = forms.TypedChoiceField(coerce=int, label=_("Post for"))
    kind = forms.ChoiceField(label=_("Kind"), choices=OpportunityKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[validate_description],
    )
    description_language = forms.ChoiceField(
        label=_("Language of the texts"),
        choices=lambda: [("", _("Not said")), *content_language_choices()],
        required=False,
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"),
        queryset=ClusterCategory.objects.order_by("name"),
        to_field_name="code",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    technologies = forms.ModelMultipleChoiceField(
        label=_("Technologies"),
        queryset=Technology.objects.order_by("name"),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    keywords = forms.CharField(
        label=_("Keywords"), required=False, help_text=_("Separated by commas.")
    )
    target_countries = forms.MultipleChoiceField(
        choices=list(countries),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        label=_("Countries targeted"),
    )
    partnership_types = forms.MultipleChoiceField(
        choices=PartnershipType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Partnership types sought"),
    )
    development_stage = forms.ChoiceField(
        choices=[("", "—"), *DevelopmentStage.choices],
        required=False,
        label=_("Development stage"),
        help_text=_("Technology and R&D posts only."),
    )
    ipr_status = forms.ChoiceField(
        choices=[("", "—"), *IprStatus.choices],
        required=False,
        label=_("IPR status"),
        help_text=_("Technology and R&D posts only."),
    )
    deadline = forms.DateField(
        label=_("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

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
    organisation = forms.TypedChoiceField(coerce=int, label=_("On behalf of"))
    cooperation_sought = forms.ChoiceField(
        choices=PartnershipType.choices, label=_("Cooperation sought")
    )
    missing_information = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=_("What information is missing?"),
        validators=[validate_missing_information],
    )
    details = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("About your organisation"),
        validators=[validate_organisation_details],
    )
    message = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )

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
            raise ValidationError(
                _("At most {count} attachments at once.").format(count=MAX_ATTACHMENTS)
            )
        for upload in files:
            validate_attachment(upload)
        return list(files)


class MessageForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Message"))
    attachments = MultipleFileField(label=_("Attachments"), required=False)

    def clean_body(self):
        return validate_message_body(self.cleaned_data.get("body", ""))


class NewConversationForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label=_("Message"))

    def clean_body(self):
        return validate_message_body(self.cleaned_data.get("body", ""))


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_attachment(upload)
        return upload


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class MarkReadForm(forms.Form):
    """The last message the conversation page showed (read up to it)."""

    seen = IdField(widget=forms.HiddenInput)


class SettingsForm(forms.Form):
    weekly_digest = forms.BooleanField(
        required=False,
        label=_("Send me a weekly e-mail with new opportunities for my organisations"),
    )


class PolicyForm(forms.Form):
    who = forms.ChoiceField(choices=PostingPolicy.Who.choices, label=_("Who may post"))
