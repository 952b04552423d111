"""Reference taxonomies. Rows come from data migrations and import commands, never the admin.

Cluster categories, industrial ecosystems and key enabling technologies have an English
``name`` and its translations in ``names`` ({"fr": "…", "de": "…"}), shipped in the CSV files of
``taxonomy/data/``. ``display_name`` (and ``str()``) is the name in the active language, read
from the row itself: showing it costs no query. NUTS regions keep their official local names.
"""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from clusterbridge.common.text import fold

# NUTS uses EL for Greece and UK for the United Kingdom; everywhere else it is the ISO code.
ISO_TO_NUTS_COUNTRY = {"GR": "EL", "GB": "UK"}


def nuts_country_code(iso_code: str) -> str:
    return ISO_TO_NUTS_COUNTRY.get(iso_code, iso_code)


def localized_name(names: dict | None, english: str, language: str | None = None) -> str:
    """The name in ``language`` (default: the active language), else the English ``name``.

    For rows read with ``values()``/``values_list()``: ``localized_name(row["names"],
    row["name"])``. "de-at" falls back to "de", then to English."""
    if not names:
        return english
    language = (language or translation.get_language() or "en").lower()
    return names.get(language) or names.get(language.split("-")[0]) or english


class TaxonomyQuerySet(models.QuerySet):
    def labels(self) -> dict[str, str]:
        """code → name in the active language, with one query (facets, recommendations)."""
        return {
            code: localized_name(names, name)
            for code, name, names in self.values_list("code", "name", "names")
        }

    def in_name_order(self) -> list:
        """The rows sorted by their name in the active language ("É" sorts with "E")."""
        return sorted(self, key=lambda row: fold(row.display_name))


class NamedTaxonomy(models.Model):
    code = models.SlugField(max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120, help_text=_("The name in English."))
    names = models.JSONField(
        _("translated names"), default=dict, blank=True, help_text=_("By language code.")
    )

    objects = TaxonomyQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return localized_name(self.names, self.name)


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


class ClusterCategory(NamedTaxonomy):
    """The 51 traded cluster categories and the emerging industries of the cluster observatory."""

    class Kind(models.TextChoices):
        TRADED = "traded", _("Traded cluster category")
        EMERGING = "emerging", _("Emerging industry")

    kind = models.CharField(max_length=10, choices=Kind.choices)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("cluster category")
        verbose_name_plural = _("cluster categories")

    def __str__(self) -> str:
        if self.kind == self.Kind.TRADED:
            return self.display_name
        return gettext("%(name)s (emerging)") % {"name": self.display_name}


class IndustrialEcosystem(NamedTaxonomy):
    """The 14 industrial ecosystems of the EU industrial strategy."""

    class Meta:
        ordering = ["name"]
        verbose_name = _("industrial ecosystem")
        verbose_name_plural = _("industrial ecosystems")


class Technology(NamedTaxonomy):
    """Key enabling technologies."""

    class Meta:
        ordering = ["name"]
        verbose_name = _("key enabling technology")
        verbose_name_plural = _("key enabling technologies")
