from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from clusterbridge.common.languages import content_language_choices
from clusterbridge.organisations.models import CooperationInterest, Membership, Organisation
from clusterbridge.organisations.models.organisation import (
    EDITABLE_FIELDS,
    KINDS_WITH_MEMBERS,
    MEMBER_COUNT_FIELDS,
)
from clusterbridge.organisations.validators import (
    clean_keywords,
    member_counts_for_kind,
    validate_contact_message,
    validate_coordinates,
    validate_description,
    validate_logo,
    validate_region_in_country,
    validate_return_reason,
    validate_unique_name,
    validate_year_founded,
)
from clusterbridge.taxonomy.models import NutsRegion

# Member first: the invitation form proposes the least powerful role.
ROLE_CHOICES = [
    (Membership.Role.MEMBER, Membership.Role.MEMBER.label),
    (Membership.Role.ADMIN, Membership.Role.ADMIN.label),
]
KEYWORD_FIELDS = ("technology_keywords", "specialisation_keywords", "value_chain_keywords")

# The registration and edit form in steps (one form, one save: without JavaScript every step
# is shown at once; profile-steps.js shows one at a time). Contact persons join the last step.
PROFILE_STEPS = (
    ("basics", _("Basics"),
     ("name", "acronym", "kind", "short_description", "description", "description_language",
      "year_founded", "website", "logo")),
    ("location", _("Location"),
     ("country", "nuts_region", "city", "address", "latitude", "longitude")),
    ("sectors", _("Sectors and technologies"),
     ("sectors", "ecosystems", "technologies", "technology_keywords", "specialisation_keywords",
      "value_chain_keywords", "cooperation_interests", "cooperation_countries",
      "support_programme")),
    ("people", _("Members and contacts"),
     ("management_fte", *MEMBER_COUNT_FIELDS, "linkedin_url", "x_url", "facebook_url",
      "youtube_url")),
)  # fmt: skip


class OrganisationProfileForm(forms.ModelForm):
    technology_keywords = forms.CharField(
        label=_("Technology keywords"),
        required=False,
        help_text=_("Free keywords, separated by commas."),
        max_length=2000,
    )
    specialisation_keywords = forms.CharField(
        label=_("Specialisation keywords"),
        required=False,
        help_text=_("Separated by commas."),
        max_length=2000,
    )
    value_chain_keywords = forms.CharField(
        label=_("Value-chain keywords"),
        required=False,
        help_text=_("Separated by commas."),
        max_length=2000,
    )
    cooperation_interests = forms.MultipleChoiceField(
        label=_("Cooperation interests"),
        choices=CooperationInterest.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
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
        self.fields["description"].validators.append(validate_description)
        self.fields["nuts_region"].label = _("Region (NUTS 2)")
        self.fields["short_description"].required = True
        self.fields["city"].required = True
        self.fields["description_language"] = forms.ChoiceField(
            label=_("Language of the descriptions"),
            choices=[("", _("Not said")), *content_language_choices()],
            required=False,
            help_text=_("Pages mark the descriptions up in this language (screen readers)."),
        )
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

    def steps(self) -> list[dict]:
        """The steps with their bound fields, for the template (every field in one step)."""
        return [
            {"key": key, "title": title, "number": number,
             "fields": [self[name] for name in names if name in self.fields],
             "has_errors": any(self[name].errors for name in names if name in self.fields)}
            for number, (key, title, names) in enumerate(PROFILE_STEPS, start=1)
        ]  # fmt: skip

    @property
    def kinds_with_members(self) -> list[str]:
        return sorted(KINDS_WITH_MEMBERS)

    def clean(self):
        data = super().clean()
        if data.get("kind"):
            counts = {name: data.get(name) or 0 for name in MEMBER_COUNT_FIELDS}
            data.update(member_counts_for_kind(data["kind"], counts))
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
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[validate_contact_message],
    )


class SendBackForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_return_reason],
        help_text=_("Tell the organisation what to change; they receive this by e-mail."),
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES)


class ContactPersonForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    role = forms.CharField(label=_("Role"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("E-mail"), help_text=_("Used by the contact form; never shown publicly.")
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)


ContactPersonFormSet = forms.formset_factory(
    ContactPersonForm, extra=1, max_num=5, validate_max=True, can_delete=True
)
