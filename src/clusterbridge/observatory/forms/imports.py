"""The staff upload form of a dataset import; it validates, the view calls the service."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterbridge.observatory.models import ImportFormat
from clusterbridge.observatory.validators import (
    DESCRIPTION_MAX,
    LICENCE_MAX,
    NAME_MAX,
    SOURCE_MAX,
    parse_filters,
    validate_data_file,
    validate_description,
)

MAPPING_CHOICES = [
    ("sections", gettext_lazy("NACE sections (e.g. nama_10r_3empers) — approximate")),
    ("divisions", gettext_lazy("NACE divisions and groups (structural business statistics)")),
    ("upload", gettext_lazy("My own mapping file (nace, category, share, note)")),
]
MEASURE_FILES = (
    ("employment_file", "employment", gettext_lazy("Employment (persons)")),
    ("enterprises_file", "enterprises", gettext_lazy("Enterprises (number)")),
    ("wages_file", "wages", gettext_lazy("Wages and salaries (euros)")),
    ("gva_file", "gva", gettext_lazy("Gross value added (euros)")),
)


class ImportForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=NAME_MAX)
    slug = forms.SlugField(
        label=gettext_lazy("Identifier"),
        max_length=80,
        required=False,
        help_text=gettext_lazy(
            "Lower-case letters, digits and hyphens. Importing again under the same identifier "
            "replaces the dataset. Left empty, it is made from the name."
        ),
    )
    source = forms.CharField(
        label=gettext_lazy("Source"),
        max_length=SOURCE_MAX,
        help_text=gettext_lazy("Who published the figures, e.g. “Eurostat, nama_10r_3empers”."),
    )
    source_url = forms.URLField(label=gettext_lazy("Source address"), required=False)
    licence = forms.CharField(label=gettext_lazy("Licence"), max_length=LICENCE_MAX, required=False)
    description = forms.CharField(
        label=gettext_lazy("Description"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=DESCRIPTION_MAX,
        validators=[validate_description],
    )
    source_code = forms.CharField(
        label=gettext_lazy("Dataset code at the source"), max_length=120, required=False
    )
    format = forms.ChoiceField(label=gettext_lazy("Format"), choices=ImportFormat.choices)
    plain_file = forms.FileField(
        label=gettext_lazy("Plain CSV file"),
        required=False,
        help_text=gettext_lazy(
            "Columns nuts, category, year, employment, enterprises, wages (and gva); "
            "category “total” gives a region's total employment."
        ),
    )
    employment_file = forms.FileField(label=MEASURE_FILES[0][2], required=False)
    enterprises_file = forms.FileField(label=MEASURE_FILES[1][2], required=False)
    wages_file = forms.FileField(label=MEASURE_FILES[2][2], required=False)
    gva_file = forms.FileField(label=MEASURE_FILES[3][2], required=False)
    mapping = forms.ChoiceField(
        label=gettext_lazy("NACE codes to cluster categories"),
        choices=MAPPING_CHOICES,
        required=False,
        initial="sections",
    )
    mapping_file = forms.FileField(label=gettext_lazy("Mapping file"), required=False)
    filters = forms.CharField(
        label=gettext_lazy("Row filters"),
        required=False,
        max_length=300,
        help_text=gettext_lazy(
            "For Eurostat files with several rows per region and code, e.g. “wstatus=EMP”."
        ),
    )
    skip_unknown_regions = forms.BooleanField(
        label=gettext_lazy("Skip NUTS codes the platform does not know (they are counted)"),
        required=False,
    )
    make_default = forms.BooleanField(label=gettext_lazy("Show this dataset first"), required=False)

    def clean_filters(self):
        return parse_filters(self.cleaned_data.get("filters") or "")

    def clean(self):
        data = super().clean()
        if "name" in data and not data.get("slug"):
            data["slug"] = slugify(data["name"])[:80] or "dataset"
        files = {}
        if data.get("format") == ImportFormat.PLAIN_CSV:
            if not data.get("plain_file"):
                self.add_error("plain_file", _("Choose the CSV file."))
            else:
                files["plain"] = data["plain_file"]
        elif data.get("format"):
            for field, measure, _label in MEASURE_FILES:
                if data.get(field):
                    files[measure] = data[field]
            if "employment" not in files:
                self.add_error("employment_file", _("Choose the file with the employment figures."))
            if not data.get("mapping"):
                data["mapping"] = "sections"
            if data["mapping"] == "upload" and not data.get("mapping_file"):
                self.add_error("mapping_file", _("Choose the mapping file."))
        for field in ("plain_file", *(f for f, _m, _l in MEASURE_FILES), "mapping_file"):
            upload = data.get(field)
            if upload:
                try:
                    validate_data_file(upload)
                except ValidationError as exc:
                    self.add_error(field, exc)
        data["files"] = files
        return data
