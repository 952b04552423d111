"""Forms of the partnerships app: they validate (with validators.py), views call the services."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from clusterbridge.common.search.forms import filter_form
from clusterbridge.organisations.models import Organisation, ProfileStatus
from clusterbridge.partnerships import validators
from clusterbridge.partnerships.models import (
    DocumentCategory,
    DocumentVisibility,
    MemberRole,
    PartnershipKind,
    ResultType,
)
from clusterbridge.partnerships.queries.search import PARTNERSHIPS
from clusterbridge.taxonomy.models import ClusterCategory, IndustrialEcosystem


class PartnershipFilterForm(filter_form(PARTNERSHIPS)):
    """The public list's filters; the API validates its query parameters with it too."""


class PartnershipForm(forms.Form):
    coordinator = forms.TypedChoiceField(coerce=int, label=_("Coordinating organisation"))
    name = forms.CharField(label=_("Name of the partnership"), max_length=validators.NAME_LIMIT)
    acronym = forms.CharField(label=_("Acronym"), max_length=40, required=False)
    kind = forms.ChoiceField(label=_("Type"), choices=PartnershipKind.choices)
    programme = forms.CharField(label=_("Funding programme"), max_length=200, required=False)
    call = forms.CharField(label=_("Call"), max_length=200, required=False)
    starts_on = forms.DateField(
        label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("End"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    budget_eur = forms.DecimalField(
        label=_("Budget (EUR)"), required=False, max_digits=14, decimal_places=2, min_value=0
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"),
        queryset=ClusterCategory.objects.order_by("name"),
        to_field_name="code",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    ecosystems = forms.ModelMultipleChoiceField(
        label=_("Industrial ecosystems"),
        queryset=IndustrialEcosystem.objects.order_by("name"),
        to_field_name="code",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    target_countries = forms.MultipleChoiceField(
        label=_("Target third countries"),
        choices=lambda: list(countries),  # in the reader's language
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    objectives = forms.CharField(
        label=_("Objectives"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[validators.validate_objectives],
    )
    website = forms.URLField(label=_("Partnership website"), required=False, assume_scheme="https")

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].choices = [(o.pk, o.name) for o in organisations]

    def clean_target_countries(self):
        codes = self.cleaned_data.get("target_countries") or []
        validators.validate_target_countries(codes)
        return codes

    def clean(self):
        data = super().clean()
        try:
            validators.validate_period(data.get("starts_on"), data.get("ends_on"))
        except ValidationError as exc:
            self.add_error("ends_on", exc)
        return data


class InviteForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation to invite"),
        queryset=Organisation.objects.filter(status=ProfileStatus.PUBLISHED).order_by("name"),
        to_field_name="slug",
        error_messages={"invalid_choice": _("No published organisation by that name.")},
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (MemberRole.PARTNER, MemberRole.PARTNER.label),
            (MemberRole.ASSOCIATED, MemberRole.ASSOCIATED.label),
        ],
    )

    def __init__(self, *args, exclude_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        if exclude_ids:
            self.fields["organisation"].queryset = self.fields["organisation"].queryset.exclude(
                pk__in=exclude_ids
            )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("What should change?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validators.validate_objectives],
    )


class StoryForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=validators.TITLE_LIMIT)
    story = forms.CharField(
        label=_("Story"),
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[validators.validate_story],
    )
    result_type = forms.ChoiceField(label=_("Result"), choices=ResultType.choices)
    country = forms.ChoiceField(
        label=_("Country"), choices=lambda: [("", "—"), *countries], required=False
    )
    happened_on = forms.DateField(
        label=_("Date of the result"), widget=forms.DateInput(attrs={"type": "date"})
    )
    organisations = forms.TypedMultipleChoiceField(
        label=_("Organisations involved"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    smes_involved = forms.IntegerField(
        label=_("SMEs involved"), min_value=0, max_value=100_000, initial=0
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].choices = [(o.pk, o.name) for o in organisations]


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=validators.TITLE_LIMIT)
    body = forms.CharField(
        label=_("First message"),
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[validators.validate_post_body],
    )


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Reply"),
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[validators.validate_post_body],
        help_text=_("Plain text; links become clickable. Write @Name to notify a member."),
    )


class DocumentForm(forms.Form):
    """Upload a document (``file`` required) or change one (``require_file=False``: a new file
    replaces the stored one)."""

    title = forms.CharField(label=_("Title"), max_length=validators.TITLE_LIMIT)
    category = forms.ChoiceField(label=_("Category"), choices=DocumentCategory.choices)
    visibility = forms.ChoiceField(
        label=_("Who may see it"),
        choices=DocumentVisibility.choices,
        initial=DocumentVisibility.MEMBERS,
        help_text=_(
            "Members only: the people of the member organisations. Public: anyone, on the "
            "partnership's page, once the partnership is published."
        ),
    )
    dated_on = forms.DateField(
        label=_("Date of the document"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("For minutes, the date of the meeting. Today if left empty."),
    )
    description = forms.CharField(
        label=pgettext_lazy("document", "Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validators.validate_document_description],
    )
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, require_file: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, Word, Excel, PowerPoint, OpenDocument or an image; at most %(size)s MB."
        ) % {"size": validators.document_max_bytes() // (1024 * 1024)}
        if not require_file:
            self.fields["file"].required = False
            self.fields["file"].label = _("Replace the file")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is not None:
            validators.validate_document_file(upload)
        return upload


class DocumentFilterForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", _("All categories")), *DocumentCategory.choices],
        required=False,
    )
