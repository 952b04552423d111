from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from clusterbridge.calls.models.choices import CallLevel, CallStatus, CallType
from clusterbridge.common.models import TimestampedModel


class Call(TimestampedModel):
    """A funding call of any funder and level. ``next_deadline`` (the earliest stage deadline
    still to come, ``None`` once all have passed) is a copy kept by the services and the
    periodic job, so the list sorts and filters on it."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True, allow_unicode=True)
    programme = models.CharField(_("programme"), max_length=200, blank=True)
    funder_names = models.CharField(
        _("funders"), max_length=300, help_text=_("The funding bodies, as they sign the call.")
    )
    # The organisation that posted it (a published funding agency), or None when staff did.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    level = models.CharField(_("level"), max_length=16, choices=CallLevel.choices, db_index=True)
    kind = models.CharField(_("type"), max_length=16, choices=CallType.choices, db_index=True)
    status = models.CharField(
        max_length=12, choices=CallStatus.choices, default=CallStatus.PUBLISHED, db_index=True
    )
    summary = models.TextField(_("summary"), blank=True)
    budget_eur = models.DecimalField(
        _("budget (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    funding_rate = models.DecimalField(
        _("funding rate (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    # OrganisationKind values; empty: every kind may apply.
    eligible_kinds = models.JSONField(_("eligible applicant kinds"), default=list, blank=True)
    eligible_countries = CountryField(_("eligible countries"), multiple=True, blank=True)
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
    link = models.URLField(_("link to the call"), blank=True)
    # A joint call is run on the platform by several agencies, each with its own rules
    # (CallAgency); it is a draft until its poster publishes it with its agencies.
    is_joint = models.BooleanField(_("joint call managed on the platform"), default=False)
    # The conflict-of-interest rule of the evaluation: besides the consortium's own people
    # (never), people of the call's agency of a consortium partner's country may not review.
    exclude_same_country_reviewers = models.BooleanField(
        _("reviewers may not come from the agency of a partner's country"), default=False
    )
    # Activity values a joint call accepts in its proposals; empty: every activity.
    activities = models.JSONField(_("activities accepted"), default=list, blank=True)
    next_deadline = models.DateTimeField(null=True, blank=True, db_index=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True)
    search_document = models.TextField(blank=True, editable=False)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["next_deadline", "id"]
        indexes = [models.Index(fields=["status", "next_deadline"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("calls:detail", kwargs={"slug": self.slug})


class CallStage(models.Model):
    """One stage of a call (one- or two-stage calls) with its deadline. The reminder marks
    make the reminder job idempotent."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(_("stage"), max_length=120, blank=True)
    deadline = models.DateTimeField(_("deadline"))
    reminded_7_days_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminded_1_day_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["call", "number"]
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="call_stage_number_once")
        ]
        indexes = [models.Index(fields=["deadline"])]

    def __str__(self) -> str:
        return f"{self.call} — {self.number}"


class CallFollow(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["call", "user"], name="call_follow_once")]

    def __str__(self) -> str:
        return f"{self.user} follows {self.call}"
