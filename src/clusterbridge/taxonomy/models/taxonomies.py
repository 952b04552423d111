"""Reference taxonomies. Rows come from data migrations and import commands, never the admin."""

from django.db import models

# NUTS uses EL for Greece and UK for the United Kingdom; everywhere else it is the ISO code.
ISO_TO_NUTS_COUNTRY = {"GR": "EL", "GB": "UK"}


def nuts_country_code(iso_code: str) -> str:
    return ISO_TO_NUTS_COUNTRY.get(iso_code, iso_code)


class NutsRegion(models.Model):
    code = models.CharField(max_length=5, unique=True)
    level = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    country_code = models.CharField(max_length=2, db_index=True, help_text="NUTS country code.")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "country_code"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ClusterCategory(models.Model):
    """The 51 traded cluster categories and the emerging industries of the cluster observatory."""

    class Kind(models.TextChoices):
        TRADED = "traded", "Traded cluster category"
        EMERGING = "emerging", "Emerging industry"

    code = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name_plural = "cluster categories"

    def __str__(self) -> str:
        return self.name if self.kind == self.Kind.TRADED else f"{self.name} (emerging)"


class IndustrialEcosystem(models.Model):
    """The 14 industrial ecosystems of the EU industrial strategy."""

    code = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Technology(models.Model):
    """Key enabling technologies."""

    code = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "technologies"

    def __str__(self) -> str:
        return self.name
