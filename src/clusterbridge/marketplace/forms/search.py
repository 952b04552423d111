"""The search form of the marketplace; the API validates its query parameters with it too."""

from __future__ import annotations

from django import forms
from django_countries import countries

from clusterbridge.common.forms import filter_field, page_field, sort_field
from clusterbridge.marketplace.models import OpportunityKind
from clusterbridge.marketplace.queries.search import PARAMETER_OF, SORTS, WITHIN, OpportunityQuery
from clusterbridge.organisations.models import OrganisationKind
from clusterbridge.taxonomy.models import ClusterCategory, Technology

PARAMETERS = {param: attr for attr, param in PARAMETER_OF.items()}


class SearchForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=200, strip=True)
    kind = filter_field("Kind", "kind of opportunity")
    sector = filter_field("Sector", "sector")
    technology = filter_field("Technology", "technology")
    country = filter_field("Country", "country code")
    organisation_kind = filter_field("Posted by", "kind of organisation")
    within = forms.ChoiceField(
        choices=[("", "Any time"), *WITHIN.items()],
        required=False,
        error_messages={"invalid_choice": "“Posted within” takes 7, 30, 90 or 365 (days)."},
    )
    sort = sort_field(SORTS)
    page = page_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = OpportunityKind.choices
        self.fields["country"].choices = list(countries)
        self.fields["organisation_kind"].choices = OrganisationKind.choices
        self.fields["sector"].choices = [
            (c, c) for c in ClusterCategory.objects.values_list("code", flat=True)
        ]
        self.fields["technology"].choices = [
            (c, c) for c in Technology.objects.values_list("code", flat=True)
        ]

    def to_query(self) -> OpportunityQuery:
        data = self.cleaned_data
        values = {
            attr: tuple(data.get(param) or ())
            for param, attr in PARAMETERS.items()
            if attr != "within"
        }
        return OpportunityQuery(
            text=data.get("q") or "",
            within=data.get("within") or "",
            sort=data.get("sort") or "newest",
            **values,
        )

    def error_list(self) -> list[str]:
        return [message for errors in self.errors.values() for message in errors]
