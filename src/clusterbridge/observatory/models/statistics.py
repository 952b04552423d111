"""The statistics people read: figures and indicators per region (NUTS 0, 1 and 2), cluster
category and year, computed by ``clusterbridge.clusterstats`` when a dataset is imported.

A row with no category holds the region's total employment (all activities)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clusterbridge.observatory.models.datasets import Dataset


class Statistic(models.Model):
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="statistics")
    region = models.ForeignKey(
        "taxonomy.NutsRegion", on_delete=models.CASCADE, related_name="+", verbose_name=_("region")
    )
    level = models.PositiveSmallIntegerField(_("NUTS level"))
    category = models.ForeignKey(
        "taxonomy.ClusterCategory",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("cluster category"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    employment = models.FloatField(_("employment"), null=True, blank=True)
    enterprises = models.FloatField(_("enterprises"), null=True, blank=True)
    wages = models.FloatField(_("wages and salaries"), null=True, blank=True)
    gva = models.FloatField(_("gross value added"), null=True, blank=True)
    flags = models.CharField(_("flags"), max_length=12, blank=True)
    share = models.FloatField(_("share of the region's employment"), null=True, blank=True)
    lq = models.FloatField(_("location quotient"), null=True, blank=True)
    productivity = models.FloatField(_("per employee"), null=True, blank=True)
    size_rank = models.PositiveIntegerField(_("rank by employment"), null=True, blank=True)
    size_star = models.BooleanField(_("size star"), default=False)
    specialisation_star = models.BooleanField(_("specialisation star"), default=False)
    focus_star = models.BooleanField(_("focus star"), default=False)
    productivity_star = models.BooleanField(_("productivity star"), default=False)
    stars = models.PositiveSmallIntegerField(_("stars"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "region", "category", "year"],
                condition=Q(category__isnull=False),
                name="observatory_statistic_once",
            ),
            models.UniqueConstraint(
                fields=["dataset", "region", "year"],
                condition=Q(category__isnull=True),
                name="observatory_total_once",
            ),
        ]
        indexes = [
            # The map and the scoreboard: one category, one year, one level.
            models.Index(fields=["dataset", "category", "year", "level"]),
            # A region's portfolio and trend.
            models.Index(fields=["dataset", "region", "year"]),
        ]
        verbose_name = _("statistic")
        verbose_name_plural = _("statistics")

    def __str__(self) -> str:
        return f"{self.region_id} {self.category_id or '*'} {self.year}"
