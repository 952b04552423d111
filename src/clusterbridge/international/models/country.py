import uuid

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from clusterbridge.common.models import TimestampedModel
from clusterbridge.international.models.choices import PageStatus, Priority


class CountryPage(TimestampedModel):
    """The page of one third country, edited by staff; public once published."""

    country = CountryField(_("country"), unique=True)
    slug = models.SlugField(max_length=10, unique=True)  # the country code in lower case
    name = models.CharField(_("name"), max_length=100)
    priority = models.CharField(
        _("priority status"), max_length=12, choices=Priority.choices, db_index=True
    )
    status = models.CharField(
        max_length=10, choices=PageStatus.choices, default=PageStatus.DRAFT, db_index=True
    )
    summary = models.TextField(_("summary"), blank=True)
    sectors = models.ManyToManyField(
        "taxonomy.ClusterCategory", blank=True, related_name="+", verbose_name=_("sectors")
    )
    capital = models.CharField(_("capital"), max_length=100, blank=True)
    # Where the country is drawn on the index's map (its capital or centroid).
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("country page")
        verbose_name_plural = _("country pages")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("international:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == PageStatus.PUBLISHED


def arrangement_path(instance, filename: str) -> str:
    """A random storage name; the file is served by ``views.pages.document`` only."""
    return f"international/arrangements/{uuid.uuid4().hex}"


class Arrangement(TimestampedModel):
    """An administrative arrangement signed with the country's authorities."""

    page = models.ForeignKey(CountryPage, on_delete=models.CASCADE, related_name="arrangements")
    title = models.CharField(_("title"), max_length=200)
    counterpart = models.CharField(_("counterpart authority"), max_length=200)
    signed_on = models.DateField(_("signed on"))
    scope = models.TextField(_("scope"), blank=True)
    document = models.FileField(
        _("document"), upload_to=arrangement_path, max_length=200, blank=True
    )
    original_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-signed_on", "-id"]
        verbose_name = _("administrative arrangement")
        verbose_name_plural = _("administrative arrangements")

    def __str__(self) -> str:
        return self.title

    def get_document_url(self) -> str:
        return reverse("international:document", kwargs={"slug": self.page.slug, "pk": self.pk})


class Gateway(TimestampedModel):
    """A link to a support service for the country (EU or national)."""

    page = models.ForeignKey(CountryPage, on_delete=models.CASCADE, related_name="gateways")
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("address (URL)"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("gateway")
        verbose_name_plural = _("gateways")

    def __str__(self) -> str:
        return self.name
