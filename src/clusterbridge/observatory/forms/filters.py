"""The observatory's query parameters (pages and API): dataset, year, reference area, category,
measure, regions to compare. Unknown values get a specific message and a 400, never a 500."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterbridge.clusterstats.reports import MAX_COMPARED, MIN_COMPARED, SCOREBOARD_ORDERS
from clusterbridge.observatory.queries import datasets
from clusterbridge.observatory.queries.statistics import EUROPE
from clusterbridge.taxonomy.models import ClusterCategory, NutsRegion

MEASURE_LABELS = {
    "lq": gettext_lazy("Location quotient"),
    "employment": gettext_lazy("Employment"),
    "stars": gettext_lazy("Stars"),
    "share": gettext_lazy("Share of the region's employment"),
    "productivity": gettext_lazy("Wage or GVA per employee"),
}
ORDER_LABELS = {
    "employment": gettext_lazy("Employment"),
    "lq": gettext_lazy("Location quotient"),
    "stars": gettext_lazy("Stars"),
    "share": gettext_lazy("Share of the region's employment"),
    "productivity": gettext_lazy("Wage or GVA per employee"),
}
LEVEL_LABELS = {
    2: gettext_lazy("NUTS 2 regions"),
    1: gettext_lazy("NUTS 1 regions"),
    0: gettext_lazy("Countries"),
}


class FilterForm(forms.Form):
    """Dataset (default: the one shown first), year (default: its last) and reference area
    ("" for Europe, else a country code of the dataset)."""

    dataset = forms.SlugField(label=gettext_lazy("Dataset"), required=False, max_length=80)
    year = forms.IntegerField(
        label=gettext_lazy("Year"),
        required=False,
        min_value=1950,
        max_value=2100,
        error_messages={"invalid": gettext_lazy("The year must be a whole number.")},
    )
    reference = forms.CharField(
        label=gettext_lazy("Compared with"), required=False, max_length=2, strip=True
    )

    # Numbers given but empty ("?year=") are refused, as any other text that is no number.
    NUMBERS = ("year",)

    def clean(self):
        data = super().clean()
        for name in self.NUMBERS:
            if name in self.data and not str(self.data.get(name)).strip():
                self.add_error(name, self.fields[name].error_messages["invalid"])
        if self.errors:
            return data
        slug = data.get("dataset") or ""
        dataset = datasets.by_slug(slug) if slug else datasets.default_dataset()
        if dataset is None:
            if slug:
                raise ValidationError(
                    _("Unknown dataset “%(value)s”.") % {"value": slug}, code="unknown_dataset"
                )
            raise ValidationError(_("No statistics have been imported yet."), code="no_data")
        data["dataset"] = dataset
        year = data.get("year") or dataset.last_year
        if year not in dataset.years:
            raise ValidationError(
                _("The dataset has no figures for %(year)s; it covers %(first)s–%(last)s.")
                % {"year": year, "first": dataset.first_year, "last": dataset.last_year},
                code="unknown_year",
            )
        data["year"] = year
        reference = (data.get("reference") or "").upper()
        if reference and not NutsRegion.objects.filter(code=reference, level=0).exists():
            raise ValidationError(
                _("Unknown country code “%(value)s”.") % {"value": reference},
                code="unknown_reference",
            )
        data["reference"] = reference or EUROPE
        return data

    def error_list(self) -> list[str]:
        return [message for errors in self.errors.values() for message in errors]


class MapForm(FilterForm):
    category = forms.SlugField(label=gettext_lazy("Cluster category"), required=False)
    measure = forms.ChoiceField(
        label=gettext_lazy("Measure"),
        required=False,
        choices=[("", ""), *MEASURE_LABELS.items()],
        error_messages={"invalid_choice": gettext_lazy("Unknown measure “%(value)s”.")},
    )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        data["measure"] = data.get("measure") or "lq"
        code = data.get("category") or ""
        if code:
            category = ClusterCategory.objects.filter(code=code).first()
            if category is None:
                raise ValidationError(
                    _("Unknown cluster category “%(value)s”.") % {"value": code},
                    code="unknown_category",
                )
            data["category"] = category
        else:
            data["category"] = None  # the view picks the first category of the dataset
        return data


class ScoreboardForm(FilterForm):
    level = forms.TypedChoiceField(
        label=gettext_lazy("Regions"),
        required=False,
        coerce=int,
        empty_value=2,
        choices=[(str(level), label) for level, label in LEVEL_LABELS.items()],
        error_messages={"invalid_choice": gettext_lazy("Unknown level “%(value)s”.")},
    )
    order = forms.ChoiceField(
        label=gettext_lazy("Ranked by"),
        required=False,
        choices=[("", "")] + [(o, ORDER_LABELS[o]) for o in SCOREBOARD_ORDERS],
        error_messages={"invalid_choice": gettext_lazy("Unknown order “%(value)s”.")},
    )
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=100_000,
        error_messages={"invalid": gettext_lazy("The page must be a whole number.")},
    )
    NUMBERS = ("year", "page")

    def clean(self):
        data = super().clean()
        if not self.errors:
            data["order"] = data.get("order") or "employment"
        return data


class CompareForm(FilterForm):
    region = forms.MultipleChoiceField(label=gettext_lazy("Regions"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Codes are checked in clean() with one query, not listed as choices (hundreds).
        self.fields["region"].valid_value = lambda value: True

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        codes = [code.strip().upper() for code in data.get("region") or [] if code.strip()]
        if len(set(codes)) != len(codes):
            raise ValidationError(_("Each region may be compared once."), code="repeated_region")
        if not MIN_COMPARED <= len(codes) <= MAX_COMPARED:
            raise ValidationError(
                _("Choose %(min)s to %(max)s regions to compare (you chose %(count)s).")
                % {
                    "min": number_format(MIN_COMPARED),
                    "max": number_format(MAX_COMPARED),
                    "count": number_format(len(codes)),
                },
                code="region_count",
            )
        found = {r.code: r for r in NutsRegion.objects.filter(code__in=codes)}
        for code in codes:
            if code not in found:
                raise ValidationError(
                    _("Unknown NUTS code “%(value)s”.") % {"value": code}, code="unknown_region"
                )
        data["regions"] = [found[code] for code in codes]
        return data
