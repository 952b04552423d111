from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from clusterbridge.common.models import TimestampedModel
from clusterbridge.partnerships.models.choices import (
    MemberRole,
    MemberState,
    PartnershipKind,
    PartnershipStatus,
)


class FacetCountry(models.Model):
    """A country as a row, so the shared search engine facets on several countries per
    partnership (``Related``). Rows are added by the services as partnerships use them; the
    CountryFields stay the source of truth and the services keep the relations in step."""

    code = models.CharField(max_length=2, unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class Partnership(TimestampedModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True, allow_unicode=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(
        _("type"), max_length=30, choices=PartnershipKind.choices, db_index=True
    )
    status = models.CharField(
        max_length=12,
        choices=PartnershipStatus.choices,
        default=PartnershipStatus.PROPOSED,
        db_index=True,
    )
    programme = models.CharField(_("programme"), max_length=200, blank=True)
    call = models.CharField(_("call"), max_length=200, blank=True)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    budget_eur = models.DecimalField(
        _("budget (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    # A partnership belongs to its coordinator: deleting the organisation deletes it (and its
    # forum), as an organisation's own records go with it.
    coordinator = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    sectors = models.ManyToManyField("taxonomy.ClusterCategory", blank=True, related_name="+")
    ecosystems = models.ManyToManyField(
        "taxonomy.IndustrialEcosystem", blank=True, related_name="+"
    )
    target_countries = CountryField(_("target third countries"), multiple=True, blank=True)
    # Copies for the facets, kept by the services (see FacetCountry).
    target_country_set = models.ManyToManyField(
        FacetCountry, blank=True, related_name="+", editable=False
    )
    member_country_set = models.ManyToManyField(
        FacetCountry, blank=True, related_name="+", editable=False
    )
    objectives = models.TextField(_("objectives"), blank=True)
    logo = models.ImageField(upload_to="logos/", blank=True)
    website = models.URLField(_("website"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    return_reason = models.TextField(blank=True)
    search_document = models.TextField(blank=True, editable=False)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == PartnershipStatus.PUBLISHED


class PartnershipMember(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(max_length=12, choices=MemberRole.choices, default=MemberRole.PARTNER)
    state = models.CharField(
        max_length=10, choices=MemberState.choices, default=MemberState.INVITED, db_index=True
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["partnership", "role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"], name="partnership_member_once"
            )
        ]
        indexes = [models.Index(fields=["organisation", "state"])]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.partnership}"
