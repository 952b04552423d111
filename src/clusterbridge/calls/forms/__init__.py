from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from clusterbridge.calls import validators
from clusterbridge.calls.models import Activity, CallLevel, CallType
from clusterbridge.calls.queries.search import CALLS
from clusterbridge.common.search.forms import filter_form
from clusterbridge.organisations.models import Organisation, OrganisationKind, ProfileStatus
from clusterbridge.taxonomy.models import ClusterCategory, IndustrialEcosystem, Technology

STAFF = ""  # the "post in the platform's name" choice of the poster field


class CallFilterForm(filter_form(CALLS)):
    """The public list's filters; the API validates its query parameters with it too."""


class CallForm(forms.Form):
    # Not "required": the empty value is the staff's "in the platform's name" (see clean_poster).
    poster = forms.ChoiceField(label=_("Posted by"), required=False)
    title = forms.CharField(
        label=_("Title"), max_length=validators.TITLE_LIMIT, validators=[validators.validate_title]
    )
    programme = forms.CharField(label=_("Programme"), max_length=200, required=False)
    funder_names = forms.CharField(label=_("Funders"), max_length=300)
    level = forms.ChoiceField(label=_("Level"), choices=CallLevel.choices)
    kind = forms.ChoiceField(label=_("Type"), choices=CallType.choices)
    stage1_name = forms.CharField(label=_("First stage"), max_length=120, required=False)
    stage1_deadline = forms.DateTimeField(
        label=_("First deadline"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    stage2_name = forms.CharField(label=_("Second stage"), max_length=120, required=False)
    stage2_deadline = forms.DateTimeField(
        label=_("Second deadline (two-stage calls)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    budget_eur = forms.DecimalField(
        label=_("Budget (EUR)"), required=False, max_digits=14, decimal_places=2, min_value=0
    )
    funding_rate = forms.DecimalField(
        label=_("Funding rate (%)"),
        required=False,
        max_digits=5,
        decimal_places=2,
        validators=[validators.validate_funding_rate],
    )
    eligible_kinds = forms.MultipleChoiceField(
        label=_("Eligible applicant kinds (none: any)"),
        choices=OrganisationKind.choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    eligible_countries = forms.MultipleChoiceField(
        label=_("Eligible countries (none: any)"),
        choices=lambda: list(countries),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
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
    technologies = forms.ModelMultipleChoiceField(
        label=_("Key enabling technologies"),
        queryset=Technology.objects.order_by("name"),
        to_field_name="code",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[validators.validate_summary],
    )
    link = forms.URLField(label=_("Link to the call"), required=False, assume_scheme="https")
    is_joint = forms.BooleanField(
        label=_("Joint call managed on the platform"),
        required=False,
        help_text=_(
            "Several agencies run it with their own rules and proposals are submitted here; "
            "it stays a draft until you add the agencies and publish it."
        ),
    )

    def __init__(self, *args, posters=(), staff=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = staff
        choices = [(STAFF, _("The platform (staff)"))] if staff else []
        self.fields["poster"].choices = choices + [(str(o.pk), o.name) for o in posters]

    def clean_poster(self):
        poster = self.cleaned_data.get("poster", STAFF)
        if poster == STAFF and not self.staff:
            raise ValidationError(_("Choose the agency that posts the call."), code="required")
        return poster

    def clean(self):
        data = super().clean()
        deadlines = [d for d in (data.get("stage1_deadline"), data.get("stage2_deadline")) if d]
        if data.get("stage1_deadline"):
            try:
                validators.validate_stages(deadlines)
            except ValidationError as exc:
                self.add_error("stage2_deadline", exc)
        data["deadlines"] = deadlines
        return data


class AgencyForm(forms.Form):
    """A participating agency of a joint call and its own rules."""

    organisation = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=Organisation.objects.filter(
            kind=OrganisationKind.PUBLIC_AUTHORITY, status=ProfileStatus.PUBLISHED
        ).order_by("name"),
    )
    budget_eur = forms.DecimalField(
        label=_("Its budget for the call (EUR)"), max_digits=14, decimal_places=2, min_value=0
    )
    beneficiary_kinds = forms.MultipleChoiceField(
        label=_("Beneficiary kinds it funds (none: any)"),
        choices=OrganisationKind.choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries of its beneficiaries (none: any)"),
        choices=lambda: list(countries),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    regions = forms.CharField(
        label=_("Regions of its beneficiaries, NUTS codes (none: any)"),
        required=False,
        max_length=300,
        help_text=_("Separated by spaces, e.g. FR10 BE2."),
    )
    max_grant_eur = forms.DecimalField(
        label=_("Maximum grant per beneficiary (EUR)"),
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=0,
    )
    funding_rate = forms.DecimalField(
        label=_("Maximum funding rate (%)"),
        required=False,
        max_digits=5,
        decimal_places=2,
        validators=[validators.validate_funding_rate],
    )

    def clean_regions(self):
        regions = validators.parse_regions(self.cleaned_data.get("regions", ""))
        validators.validate_regions(regions)
        return regions


class ProposalForm(forms.Form):
    coordinator = forms.ModelChoiceField(
        label=_("Submitted by"), queryset=Organisation.objects.none(), empty_label=None
    )
    title = forms.CharField(
        label=_("Title"), max_length=validators.TITLE_LIMIT, validators=[validators.validate_title]
    )
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[validators.validate_summary],
    )

    def __init__(self, *args, coordinators=None, **kwargs):
        super().__init__(*args, **kwargs)
        if coordinators is not None:
            self.fields["coordinator"].queryset = coordinators


class PartnerForm(forms.Form):
    """A partner of the consortium: its organisation, its agency, its budget and grant."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.filter(status=ProfileStatus.PUBLISHED).order_by("name"),
    )
    agency = forms.ModelChoiceField(label=_("Funded by"), queryset=None)
    budget_eur = forms.DecimalField(
        label=_("Budget (EUR)"), max_digits=14, decimal_places=2, min_value=0
    )
    grant_eur = forms.DecimalField(
        label=_("Requested grant (EUR)"), max_digits=14, decimal_places=2, min_value=0
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["agency"].label_from_instance = lambda agency: agency.organisation.name


class DetailsForm(forms.Form):
    """A draft's title and summary."""

    title = forms.CharField(
        label=_("Title"), max_length=validators.TITLE_LIMIT, validators=[validators.validate_title]
    )
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[validators.validate_summary],
    )


class ContentForm(forms.Form):
    """What a proposal reaches: targeted clusters, SMEs involved, activities."""

    targeted_clusters = forms.ModelMultipleChoiceField(
        label=_("Targeted clusters"),
        help_text=_("Other cluster organisations the proposal reaches (not the partners)."),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    smes_involved = forms.IntegerField(
        label=_("Number of SMEs involved"),
        min_value=0,
        max_value=validators.MAX_SMES_INVOLVED,
        initial=0,
    )
    sme_organisations = forms.ModelMultipleChoiceField(
        label=_("SMEs involved that are on the platform (optional)"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    activities = forms.MultipleChoiceField(
        label=_("Activities"),
        choices=Activity.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, call, consortium_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        published = Organisation.objects.filter(status=ProfileStatus.PUBLISHED).order_by("name")
        self.fields["targeted_clusters"].queryset = published.filter(
            kind=OrganisationKind.CLUSTER
        ).exclude(pk__in=list(consortium_ids))
        self.fields["sme_organisations"].queryset = published.filter(kind=OrganisationKind.SME)
        if call.activities:
            self.fields["activities"].choices = [
                (value, label) for value, label in Activity.choices if value in call.activities
            ]


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext("%(types)s, at most %(size)s MB.") % {
            "types": validators.ATTACHMENT_ACCEPTED,
            "size": validators.ATTACHMENT_MAX_BYTES // (1024 * 1024),
        }


class ActivitiesForm(forms.Form):
    activities = forms.MultipleChoiceField(
        label=_("Activities the call accepts (none: every activity)"),
        choices=Activity.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
