from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from clusterbridge.common.models import TimestampedModel


class OrganisationKind(models.TextChoices):
    CLUSTER = "cluster", _("Cluster organisation")
    SME = "sme", _("Company (SME)")
    LARGE_COMPANY = "large_company", _("Company (large)")
    RTO = "rto", _("Research and technology organisation")
    UNIVERSITY = "university", _("University")
    PUBLIC_AUTHORITY = "public_authority", _("Public authority or agency")
    NATIONAL_ASSOCIATION = "national_association", _("National cluster association")
    CLUSTER_NETWORK = "cluster_network", _("Network of clusters")
    CLUSTER_PROJECT = "cluster_project", _("Cluster-related project")


class ProfileStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for validation")
    PUBLISHED = "published", _("Published")
    RETURNED = "returned", _("Sent back for changes")


class SizeBand(models.TextChoices):
    """Bands of total member count, used as a directory facet."""

    NONE = "0", _("No members")
    SMALL = "1-14", _("1–14 members")
    MEDIUM = "15-49", _("15–49 members")
    LARGE = "50-149", _("50–149 members")
    XLARGE = "150-499", _("150–499 members")
    HUGE = "500+", _("500 members or more")

    @classmethod
    def for_total(cls, total: int) -> "SizeBand":
        if total <= 0:
            return cls.NONE
        for band, upper in ((cls.SMALL, 14), (cls.MEDIUM, 49), (cls.LARGE, 149), (cls.XLARGE, 499)):
            if total <= upper:
                return band
        return cls.HUGE


class LabelLevel(models.TextChoices):
    """Excellence label levels. Labels are awarded by the benchmarking app, which keeps the
    organisation's copy (``label_level``, ``label_valid_until``) up to date; this app never
    imports benchmarking."""

    BRONZE = "bronze", _("Bronze")
    SILVER = "silver", _("Silver")
    GOLD = "gold", _("Gold")


class CooperationInterest(models.TextChoices):
    JOINT_PROJECTS = "joint_projects", _("Joint projects and funding applications")
    INTERNATIONALISATION = "internationalisation", _("Internationalisation of members")
    STRATEGIC_PARTNERSHIP = "strategic_partnership", _("Strategic cluster partnerships")
    KNOWLEDGE_EXCHANGE = "knowledge_exchange", _("Knowledge and good-practice exchange")
    MATCHMAKING = "matchmaking", _("B2B matchmaking")
    RESEARCH = "research", _("Joint research and innovation")
    STAFF_EXCHANGE = "staff_exchange", _("Staff exchange and mobility")
    VALUE_CHAINS = "value_chains", _("Cross-sectoral value chains")
    TRAINING = "training", _("Skills and training")
    MARKET_ACCESS = "market_access", _("Access to new markets")


MEMBER_COUNT_FIELDS = (
    "members_smes",
    "members_large_companies",
    "members_research",
    "members_universities",
    "members_public",
    "members_other",
)

# Organisations that have members (companies, research bodies…) and are asked to count them;
# for the others (a company, a university, an agency) the counts stay 0 and are not shown.
KINDS_WITH_MEMBERS = frozenset(
    {
        OrganisationKind.CLUSTER,
        OrganisationKind.NATIONAL_ASSOCIATION,
        OrganisationKind.CLUSTER_NETWORK,
    }
)

# The profile fields people edit (forms, API and the profile service share these lists).
SCALAR_FIELDS = (
    "name",
    "acronym",
    "kind",
    "country",
    "nuts_region",
    "city",
    "latitude",
    "longitude",
    "address",
    "website",
    "short_description",
    "description",
    "description_language",
    "year_founded",
    "management_fte",
    *MEMBER_COUNT_FIELDS,
    "technology_keywords",
    "specialisation_keywords",
    "value_chain_keywords",
    "cooperation_countries",
    "cooperation_interests",
    "support_programme",
    "linkedin_url",
    "x_url",
    "facebook_url",
    "youtube_url",
)
M2M_FIELDS = ("sectors", "ecosystems", "technologies")
EDITABLE_FIELDS = (*SCALAR_FIELDS, "logo", *M2M_FIELDS)


class Organisation(TimestampedModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(
        _("kind of organisation"), max_length=30, choices=OrganisationKind.choices, db_index=True
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ProfileStatus.choices,
        default=ProfileStatus.DRAFT,
        db_index=True,
    )

    country = CountryField(_("country"), db_index=True)
    nuts_region = models.ForeignKey(
        "taxonomy.NutsRegion",
        verbose_name=_("region (NUTS 2)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    short_description = models.CharField(_("short description"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    # The language the descriptions are written in (any language, not only the interface's):
    # pages mark them up with lang="…" so that screen readers and translators read them right.
    description_language = models.CharField(
        _("language of the descriptions"), max_length=10, blank=True
    )
    year_founded = models.PositiveSmallIntegerField(_("year founded"), null=True, blank=True)
    management_fte = models.DecimalField(
        _("management team (FTE)"), max_digits=6, decimal_places=2, null=True, blank=True
    )

    members_smes = models.PositiveIntegerField(_("member SMEs"), default=0)
    members_large_companies = models.PositiveIntegerField(_("member large companies"), default=0)
    members_research = models.PositiveIntegerField(_("member research organisations"), default=0)
    members_universities = models.PositiveIntegerField(_("member universities"), default=0)
    members_public = models.PositiveIntegerField(_("member public bodies"), default=0)
    members_other = models.PositiveIntegerField(_("other members"), default=0)
    # Derived from the counts above by the profile service; stored so the directory can
    # sort and facet on size with an index.
    members_total = models.PositiveIntegerField(_("members in total"), default=0, db_index=True)
    size_band = models.CharField(
        _("size"), max_length=8, choices=SizeBand.choices, default=SizeBand.NONE
    )

    sectors = models.ManyToManyField(
        "taxonomy.ClusterCategory", verbose_name=_("sectors"), blank=True, related_name="+"
    )
    ecosystems = models.ManyToManyField(
        "taxonomy.IndustrialEcosystem",
        verbose_name=_("industrial ecosystems"),
        blank=True,
        related_name="+",
    )
    technologies = models.ManyToManyField(
        "taxonomy.Technology",
        verbose_name=_("key enabling technologies"),
        blank=True,
        related_name="+",
    )
    technology_keywords = models.JSONField(_("technology keywords"), default=list, blank=True)
    specialisation_keywords = models.JSONField(
        _("specialisation keywords"), default=list, blank=True
    )
    value_chain_keywords = models.JSONField(_("value-chain keywords"), default=list, blank=True)
    cooperation_countries = CountryField(
        _("countries to cooperate with"), multiple=True, blank=True
    )
    cooperation_interests = models.JSONField(_("cooperation interests"), default=list, blank=True)
    support_programme = models.CharField(
        _("regional or national support programme"),
        max_length=200,
        blank=True,
        help_text=_("Cluster organisations in such a programme are exempt from the checklist."),
    )

    linkedin_url = models.URLField("LinkedIn", blank=True)  # a name, the same in every language
    x_url = models.URLField(_("X / Twitter"), blank=True)
    facebook_url = models.URLField("Facebook", blank=True)
    youtube_url = models.URLField("YouTube", blank=True)

    website_active = models.BooleanField(null=True, blank=True, editable=False)
    website_checked_at = models.DateTimeField(null=True, blank=True, editable=False)

    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    return_reason = models.TextField(_("reason for sending back"), blank=True)

    # Folded (lower-case, accent-free) text for portable search on SQLite and PostgreSQL.
    search_name = models.CharField(max_length=260, blank=True, editable=False)
    search_document = models.TextField(blank=True, editable=False)
    is_demo = models.BooleanField(default=False, help_text=_("Generated demo data."))

    # The current excellence label: a copy kept by benchmarking's label services (award,
    # withdraw, expire) inside their transactions, so the directory filters on it with no join.
    # Valid while label_valid_until is today or later (expiry may run a little later).
    label_level = models.CharField(
        max_length=6, choices=LabelLevel.choices, blank=True, default="", editable=False
    )
    label_valid_until = models.DateField(null=True, blank=True, editable=False)

    # Copies kept by the observatory app (never imported here), recomputed after each dataset
    # import and when the profile's region or sectors change: the organisation's sectors in
    # which its NUTS-2 region is specialised (location quotient ≥ 2 in the default dataset's
    # latest year), and the highest location quotient of its region among its sectors. The
    # directory filters and sorts on them with no join to the statistics.
    specialised_sectors = models.ManyToManyField(
        "taxonomy.ClusterCategory", blank=True, related_name="+", editable=False
    )
    region_top_lq = models.FloatField(null=True, blank=True, editable=False)

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
            models.Index(fields=["status", "label_level"]),
            models.Index(fields=["status", "region_top_lq"]),
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
    def has_members(self) -> bool:
        """Whether this kind of organisation has members to count (``KINDS_WITH_MEMBERS``)."""
        return self.kind in KINDS_WITH_MEMBERS

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def current_label_level(self) -> str:
        """The excellence label level valid today, or "" (no query)."""
        until = self.label_valid_until
        if self.label_level and until and until >= timezone.localdate():
            return self.label_level
        return ""


class ContactPerson(models.Model):
    """A named contact; the e-mail address is used by the contact form, never shown publicly."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
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
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
