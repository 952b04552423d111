"""Datasets of regional statistics, their series (one per measure) and the raw figures by NACE
code. A dataset is replaced as a whole by each import (its ``version`` counts the imports)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterbridge.common.models import TimestampedModel


class Measure(models.TextChoices):
    EMPLOYMENT = "employment", _("Employment")
    ENTERPRISES = "enterprises", _("Enterprises")
    WAGES = "wages", _("Wages and salaries")
    GVA = "gva", _("Gross value added")


# The unit every figure is stored in, whatever the unit of the file (thousands, millions).
MEASURE_UNITS = {
    Measure.EMPLOYMENT: "persons",
    Measure.ENTERPRISES: "enterprises",
    Measure.WAGES: "euros",
    Measure.GVA: "euros",
}
UNIT_LABELS = {"persons": _("persons"), "enterprises": _("enterprises"), "euros": _("euros")}


class Basis(models.TextChoices):
    CATEGORY = "category", _("Cluster categories")
    NACE = "nace", _("NACE Rev. 2 codes mapped to cluster categories")


class Dataset(TimestampedModel):
    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    source = models.CharField(_("source"), max_length=300)
    source_url = models.URLField(_("source address"), blank=True)
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    basis = models.CharField(
        _("figures by"), max_length=10, choices=Basis.choices, default=Basis.CATEGORY
    )
    mapping_name = models.CharField(_("NACE mapping"), max_length=200, blank=True)
    approximate_mapping = models.BooleanField(_("approximate mapping"), default=False)
    version = models.PositiveIntegerField(_("version"), default=0)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("imported by"),
    )
    years = models.JSONField(_("years"), default=list, blank=True)
    region_count = models.PositiveIntegerField(_("regions"), default=0)
    category_count = models.PositiveIntegerField(_("categories"), default=0)
    cell_count = models.PositiveIntegerField(_("figures"), default=0)
    measures = models.JSONField(_("measures"), default=list, blank=True)
    # What the last import skipped, by reason ("missing": 120, "nuts3": 4000, …).
    skipped = models.JSONField(_("skipped"), default=dict, blank=True)
    # The star thresholds the statistics were computed with (clusterstats.Thresholds).
    thresholds = models.JSONField(_("thresholds"), default=dict, blank=True)
    is_default = models.BooleanField(_("shown first"), default=False)
    is_demo = models.BooleanField(_("demo data"), default=False, db_index=True)

    class Meta:
        ordering = ["-is_default", "name", "pk"]
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("observatory:dataset", args=[self.slug])

    @property
    def first_year(self) -> int | None:
        return self.years[0] if self.years else None

    @property
    def last_year(self) -> int | None:
        return self.years[-1] if self.years else None

    @property
    def has_productivity(self) -> bool:
        return Measure.WAGES in self.measures or Measure.GVA in self.measures


class Series(models.Model):
    """One measure of a dataset as it came from its file: unit, source code, selection."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="series")
    measure = models.CharField(_("measure"), max_length=12, choices=Measure.choices)
    # The unit of the stored figures, by its code ("persons"): ``unit_label`` in the reader's
    # language.
    unit = models.CharField(_("unit"), max_length=40)
    source_code = models.CharField(_("source code"), max_length=120, blank=True)
    source_unit = models.CharField(_("unit in the file"), max_length=40, blank=True)
    selection = models.CharField(_("rows selected"), max_length=300, blank=True)
    file_name = models.CharField(_("file"), max_length=200, blank=True)
    value_count = models.PositiveIntegerField(_("values"), default=0)
    flags = models.CharField(_("flags"), max_length=30, blank=True)

    class Meta:
        ordering = ["dataset", "measure"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "measure"], name="observatory_series_once")
        ]
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self) -> str:
        return f"{self.dataset} · {self.get_measure_display()}"

    @property
    def unit_label(self) -> str:
        return str(UNIT_LABELS.get(self.unit, self.unit))


class Observation(models.Model):
    """A figure by NACE code as read from the file (converted to the series' unit), kept for
    datasets whose figures come by NACE code: the statistics hold them by cluster category."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="observations")
    nuts_code = models.CharField(_("NUTS code"), max_length=5)
    nace_code = models.CharField(_("NACE code"), max_length=20)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("value"))
    flag = models.CharField(_("flag"), max_length=8, blank=True)

    class Meta:
        indexes = [models.Index(fields=["series", "nuts_code", "year"])]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")

    def __str__(self) -> str:
        return f"{self.nuts_code} {self.nace_code} {self.year}: {self.value:g}"
