"""The directory's filter form; the API validates its query parameters with the same form."""

from __future__ import annotations

from django import forms
from django_countries import countries

from clusterbridge.common.forms import filter_field, page_field, sort_field
from clusterbridge.organisations.models import OrganisationKind, SizeBand
from clusterbridge.organisations.queries.directory import (
    LABEL_LEVELS,
    PARAMETER_OF,
    SORTS,
    DirectoryQuery,
)
from clusterbridge.taxonomy.models import (
    ClusterCategory,
    IndustrialEcosystem,
    NutsRegion,
    Technology,
)

# URL parameter → DirectoryQuery attribute
PARAMETERS = {param: attr for attr, param in PARAMETER_OF.items()}


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=200, strip=True)
    kind = filter_field("Kind", "kind of organisation")
    country = filter_field("Country", "country code")
    region = filter_field("Region", "NUTS region code")
    sector = filter_field("Sector", "sector")
    ecosystem = filter_field("Industrial ecosystem", "industrial ecosystem")
    technology = filter_field("Technology", "technology")
    size = filter_field("Members", "member-size band")
    label = filter_field("Excellence label", "label level (use bronze, silver or gold)")
    sort = sort_field(SORTS)
    page = page_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = OrganisationKind.choices
        self.fields["country"].choices = list(countries)
        self.fields["size"].choices = SizeBand.choices
        self.fields["label"].choices = list(LABEL_LEVELS.items())
        # Filter choices are validated against codes only: labels are not needed to validate.
        self.fields["region"].choices = [
            (code, code)
            for code in NutsRegion.objects.filter(level=2).values_list("code", flat=True)
        ]
        for name, model in (
            ("sector", ClusterCategory),
            ("ecosystem", IndustrialEcosystem),
            ("technology", Technology),
        ):
            self.fields[name].choices = [
                (code, code) for code in model.objects.values_list("code", flat=True)
            ]

    def to_query(self) -> DirectoryQuery:
        data = self.cleaned_data
        return DirectoryQuery(
            text=data.get("q") or "",
            sort=data.get("sort") or "relevance",
            **{attr: tuple(data.get(param) or ()) for param, attr in PARAMETERS.items()},
        )

    def error_list(self) -> list[str]:
        return [message for errors in self.errors.values() for message in errors]
