from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django_countries.fields import CountryField

from clusterbridge.common.models import TimestampedModel


class OrganisationKind(models.TextChoices):
    CLUSTER = "cluster", "Cluster organisation"
    SME = "sme", "Company (SME)"
    LARGE_COMPANY = "large_company", "Company (large)"
    RTO = "rto", "Research and technology organisation"
    UNIVERSITY = "university", "University"
    PUBLIC_AUTHORITY = "public_authority", "Public authority or agency"
    NATIONAL_ASSOCIATION = "national_association", "National cluster association"
    CLUSTER_NETWORK = "cluster_network", "Network of clusters"
    CLUSTER_PROJECT = "cluster_project", "Cluster-related project"


class ProfileStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted for validation"
    PUBLISHED = "published", "Published"
    RETURNED = "returned", "Sent back for changes"


class SizeBand(models.TextChoices):
    """Bands of total member count, used as a directory facet."""

    NONE = "0", "No members"
    SMALL = "1-14", "1–14 members"
    MEDIUM = "15-49", "15–49 members"
    LARGE = "50-149", "50–149 members"
    XLARGE = "150-499", "150–499 members"
    HUGE = "500+", "500 members or more"

    @classmethod
    def for_total(cls, total: int) -> "SizeBand":
        if total <= 0:
            return cls.NONE
        for band, upper in ((cls.SMALL, 14), (cls.MEDIUM, 49), (cls.LARGE, 149), (cls.XLARGE, 499)):
            if total <= upper:
                return band
        return cls.HUGE


class CooperationInterest(models.TextChoices):
    JOINT_PROJECTS = "joint_projects", "Joint projects and funding applications"
    INTERNATIONALISATION = "internationalisation", "Internationalisation of members"
    STRATEGIC_PARTNERSHIP = "strategic_partnership", "Strategic cluster partnerships"
    KNOWLEDGE_EXCHANGE = "knowledge_exchange", "Knowledge and good-practice exchange"
    MATCHMAKING = "matchmaking", "B2B matchmaking"
    RESEARCH = "research", "Joint research and innovation"
    STAFF_EXCHANGE = "staff_exchange", "Staff exchange and mobility"
    VALUE_CHAINS = "value_chains", "Cross-sectoral value chains"
    TRAINING = "training", "Skills and training"
    MARKET_ACCESS = "market_access", "Access to new markets"


MEMBER_COUNT_FIELDS = (
    "members_smes",
    "members_large_companies",
    "members_research",
    "members_universities",
    "members_public",
    "members_other",
)


class Organisation(TimestampedModel):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    acronym = models.CharField(max_length=40, blank=True)
    kind = models.CharField(max_length=30, choices=OrganisationKind.choices, db_index=True)
    status = models.CharField(
        max_length=12, choices=ProfileStatus.choices, default=ProfileStatus.DRAFT, db_index=True
    )

    country = CountryField(db_index=True)
    nuts_region = models.ForeignKey(
        "taxonomy.NutsRegion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    city = models.CharField(max_length=120, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    address = models.CharField(max_length=300, blank=True)
    website = models.URLField(blank=True)
    logo = models.ImageField(upload_to="logos/", blank=True)
    short_description = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    year_founded = models.PositiveSmallIntegerField(null=True, blank=True)
    management_fte = models.DecimalField(
        "management team (FTE)", max_digits=6, decimal_places=2, null=True, blank=True
    )

    members_smes = models.PositiveIntegerField("member SMEs", default=0)
    members_large_companies = models.PositiveIntegerField("member large companies", default=0)
    members_research = models.PositiveIntegerField("member research organisations", default=0)
    members_universities = models.PositiveIntegerField("member universities", default=0)
    members_public = models.PositiveIntegerField("member public bodies", default=0)
    members_other = models.PositiveIntegerField("other members", default=0)
    # Derived from the counts above by the profile service; stored so the directory can
    # sort and facet on size with an index.
    members_total = models.PositiveIntegerField(default=0, db_index=True)
    size_band = models.CharField(max_length=8, choices=SizeBand.choices, default=SizeBand.NONE)

    sectors = models.ManyToManyField("taxonomy.ClusterCategory", blank=True, related_name="+")
    ecosystems = models.ManyToManyField(
        "taxonomy.IndustrialEcosystem", blank=True, related_name="+"
    )
    technologies = models.ManyToManyField("taxonomy.Technology", blank=True, related_name="+")
    technology_keywords = models.JSONField(default=list, blank=True)
    specialisation_keywords = models.JSONField(default=list, blank=True)
    value_chain_keywords = models.JSONField(default=list, blank=True)
    cooperation_countries = CountryField(multiple=True, blank=True)
    cooperation_interests = models.JSONField(default=list, blank=True)
    support_programme = models.CharField(
        "regional or national support programme",
        max_length=200,
        blank=True,
        help_text="Cluster organisations in such a programme are exempt from the checklist.",
    )

    linkedin_url = models.URLField("LinkedIn", blank=True)
    x_url = models.URLField("X / Twitter", blank=True)
    facebook_url = models.URLField("Facebook", blank=True)
    youtube_url = models.URLField("YouTube", blank=True)

    website_active = models.BooleanField(null=True, blank=True, editable=False)
    website_checked_at = models.DateTimeField(null=True, blank=True, editable=False)

    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    return_reason = models.TextField(blank=True)

    # Folded (lower-case, accent-free) text for portable search on SQLite and PostgreSQL.
    search_name = models.CharField(max_length=260, blank=True, editable=False)
    search_document = models.TextField(blank=True, editable=False)
    is_demo = models.BooleanField(default=False, help_text="Generated demo data.")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="organisation_name_unique_ci"),
        ]
        indexes = [
            models.Index(fields=["status", "kind"]),
            models.Index(fields=["status", "country"]),
            models.Index(fields=["status", "size_band"]),
            models.Index(fields=["status", "published_at"]),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == ProfileStatus.PUBLISHED

    @property
    def member_counts(self) -> dict[str, int]:
        return {field: getattr(self, field) for field in MEMBER_COUNT_FIELDS}

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class ContactPerson(models.Model):
    """A named contact; the e-mail address is used by the contact form, never shown publicly."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(max_length=150)
    role = models.CharField(max_length=150, blank=True)
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class ContactMessage(TimestampedModel):
    """A message sent to an organisation through its profile's contact form."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_messages"
    )
    subject = models.CharField(max_length=200)
    body = models.TextField()
