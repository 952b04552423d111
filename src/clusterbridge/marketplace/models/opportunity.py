"""Opportunities: typed offers and requests posted on behalf of an organisation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from clusterbridge.common.models import TimestampedModel


class OpportunityKind(models.TextChoices):
    TECHNOLOGY_OFFER = "technology_offer", _("Technology offer")
    TECHNOLOGY_REQUEST = "technology_request", _("Technology request")
    BUSINESS_OFFER = "business_offer", _("Business offer")
    BUSINESS_REQUEST = "business_request", _("Business request")
    RD_PARTNER = "rd_partner", _("R&D partner search")
    CLUSTER_COOPERATION = "cluster_cooperation", _("Cluster-to-cluster cooperation")
    PROJECT_PARTNER = "project_partner", _("Partner search for an event, mission or project")


# The prefix of each kind in reference codes (CB-TO-2026-000123); never change a prefix.
KIND_PREFIX = {
    OpportunityKind.TECHNOLOGY_OFFER: "TO",
    OpportunityKind.TECHNOLOGY_REQUEST: "TR",
    OpportunityKind.BUSINESS_OFFER: "BO",
    OpportunityKind.BUSINESS_REQUEST: "BR",
    OpportunityKind.RD_PARTNER: "RD",
    OpportunityKind.CLUSTER_COOPERATION: "CC",
    OpportunityKind.PROJECT_PARTNER: "PS",
}
# Development stage and IPR status apply to technology and R&D posts only.
TECHNICAL_KINDS = frozenset(
    {
        OpportunityKind.TECHNOLOGY_OFFER,
        OpportunityKind.TECHNOLOGY_REQUEST,
        OpportunityKind.RD_PARTNER,
    }
)


class OpportunityStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    EXPIRED = "expired", _("Expired")
    CLOSED_SUCCESS = "closed_success", _("Closed – partner found")
    CLOSED_NO_SUCCESS = "closed_no_success", _("Closed – no partner found")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    UNPUBLISHED = "unpublished", _("Unpublished by moderation")


class PartnershipType(models.TextChoices):
    COMMERCIAL = "commercial", _("Commercial agreement")
    TECHNICAL = "technical", _("Technical cooperation")
    RESEARCH = "research", _("Research cooperation")
    LICENCE = "licence", _("Licence agreement")
    JOINT_VENTURE = "joint_venture", _("Joint venture")
    SUBCONTRACTING = "subcontracting", _("Subcontracting")
    INVESTMENT = "investment", _("Investment or financial agreement")
    CLUSTER_PARTNERSHIP = "cluster_partnership", _("Cluster partnership")


class DevelopmentStage(models.TextChoices):
    CONCEPT = "concept", _("Concept stage")
    DEVELOPMENT = "development", _("Under development / lab tested")
    PROTOTYPE = "prototype", _("Prototype available")
    FIELD_TESTED = "field_tested", _("Field tested / evaluated")
    MARKET = "market", _("Already on the market")


class IprStatus(models.TextChoices):
    NONE = "none", _("No IPR applied")
    PATENT_APPLIED = "patent_applied", _("Patent(s) applied for")
    PATENT_GRANTED = "patent_granted", _("Patent(s) granted")
    SECRET = "secret", _("Secret know-how")
    OTHER = "other", _("Other (copyright, design, trade mark)")


class Opportunity(TimestampedModel):
    reference = models.CharField(max_length=24, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="opportunities"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=OpportunityKind.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=OpportunityStatus.choices,
        default=OpportunityStatus.DRAFT,
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    # The language the texts are written in (see common.languages): pages mark them up with it.
    description_language = models.CharField(_("language of the texts"), max_length=10, blank=True)
    sectors = models.ManyToManyField(
        "taxonomy.ClusterCategory", verbose_name=_("sectors"), blank=True, related_name="+"
    )
    technologies = models.ManyToManyField(
        "taxonomy.Technology", verbose_name=_("technologies"), blank=True, related_name="+"
    )
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    target_countries = CountryField(_("countries targeted"), multiple=True, blank=True)
    partnership_types = models.JSONField(_("partnership types sought"), default=list, blank=True)
    development_stage = models.CharField(
        _("development stage"), max_length=20, choices=DevelopmentStage.choices, blank=True
    )
    ipr_status = models.CharField(
        _("IPR status"), max_length=20, choices=IprStatus.choices, blank=True
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)

    # Copies of the poster's country and kind, refreshed by the service on every save: the
    # search facets count them on 100,000 rows without a join.
    country = CountryField(db_index=True)
    organisation_kind = models.CharField(max_length=30)

    published_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    renewal_reminded_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    moderation_reason = models.TextField(blank=True)
    search_document = models.TextField(blank=True, editable=False)
    is_demo = models.BooleanField(default=False, help_text=_("Generated demo data."))

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        indexes = [
            models.Index(fields=["status", "published_at"]),
            models.Index(fields=["status", "kind"]),
            models.Index(fields=["status", "country"]),
            models.Index(fields=["status", "organisation_kind"]),
            models.Index(fields=["status", "expires_at"]),
            # An organisation's own posts, newest first ("for you" reads them on every ranking).
            models.Index(fields=["organisation", "status", "published_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("marketplace:detail", kwargs={"reference": self.reference})

    @property
    def is_published(self) -> bool:
        return self.status == OpportunityStatus.PUBLISHED

    @property
    def is_technical(self) -> bool:
        return self.kind in TECHNICAL_KINDS


class ReferenceSequence(models.Model):
    """The last number handed out per kind and year; locked while a reference is issued."""

    prefix = models.CharField(max_length=4)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="reference_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last}"


def attachment_path(instance, filename: str) -> str:
    # Random names: the original name is kept in a field, never trusted as a path.
    import uuid

    return f"marketplace/{uuid.uuid4().hex}"


class OpportunityAttachment(TimestampedModel):
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class Follow(TimestampedModel):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="follows")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "opportunity"], name="follow_unique")
        ]


class PostingPolicy(models.Model):
    """Who may post for an organisation; without a row, every member may."""

    class Who(models.TextChoices):
        MEMBERS = "members", _("All members")
        ADMINS = "admins", _("Administrators only")

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="posting_policy"
    )
    who = models.CharField(
        _("who may post"), max_length=10, choices=Who.choices, default=Who.MEMBERS
    )

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_who_display()}"


class DigestSubscription(models.Model):
    """Opt-in to the weekly e-mail of new matches for the user's organisations."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="marketplace_digest"
    )
    weekly = models.BooleanField(_("weekly digest"), default=False)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user}: {'weekly' if self.weekly else 'off'}"
