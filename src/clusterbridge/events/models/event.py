from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from clusterbridge.common.models import TimestampedModel


class EventKind(models.TextChoices):
    MATCHMAKING = "matchmaking", _("Matchmaking event")
    WORKSHOP = "workshop", _("Workshop")
    CONFERENCE = "conference", _("Conference")
    TRAINING = "training", _("Training")
    WEBINAR = "webinar", _("Webinar")
    STUDY_VISIT = "study_visit", _("Study visit or mission")


class EventFormat(models.TextChoices):
    ONSITE = "onsite", _("On-site")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class AdmissionPolicy(models.TextChoices):
    FIRST_COME = "first_come", _("First come, first served, then a waiting list")
    ORG_CAP = "org_cap", _("First come, first served with a cap per organisation")
    GEO_BALANCE = "geo_balance", _("Selection after the deadline with balanced countries")
    REVIEW = "review", _("Organiser review of each applicant")


class Event(TimestampedModel):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(
        _("kind of event"), max_length=20, choices=EventKind.choices, db_index=True
    )
    format = models.CharField(
        _("format"), max_length=10, choices=EventFormat.choices, default="onsite"
    )
    description = models.TextField(_("description"), blank=True)
    image = models.ImageField(_("image"), upload_to="events/", blank=True)
    organiser = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="events",
        verbose_name=_("organiser"),
    )  # fmt: skip
    co_organisers = models.ManyToManyField(
        "organisations.Organisation", blank=True, related_name="co_organised_events",
        verbose_name=_("co-organisers"),
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("created by"),
    )  # fmt: skip
    timezone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Brussels",
        help_text=_("The programme, the meeting slots and the agendas are shown in this time "
                    "zone, e.g. Europe/Brussels."),
    )  # fmt: skip
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True, db_index=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    online_url = models.URLField(_("video link"), blank=True)
    target_sectors = models.ManyToManyField(
        "taxonomy.ClusterCategory", blank=True, related_name="+",
        verbose_name=_("target sectors"),
    )  # fmt: skip
    target_countries = CountryField(_("target countries"), multiple=True, blank=True)
    is_published = models.BooleanField(_("published"), default=False, db_index=True)

    # Registration
    capacity = models.PositiveIntegerField(_("places"), default=50)
    admission_policy = models.CharField(
        _("admission policy"), max_length=12, choices=AdmissionPolicy.choices,
        default=AdmissionPolicy.FIRST_COME,
    )  # fmt: skip
    org_cap = models.PositiveSmallIntegerField(_("places per organisation"), null=True, blank=True)
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    decision_deadline = models.DateField(_("applicants are told by"), null=True, blank=True)
    questions = models.JSONField(_("extra registration questions"), default=list, blank=True)
    selection_confirmed_at = models.DateTimeField(
        _("selection confirmed at"), null=True, blank=True
    )

    # Matchmaking
    request_cap = models.PositiveSmallIntegerField(_("requests per participant"), default=20)
    request_expiry = models.DateTimeField(_("requests expire at"), null=True, blank=True)
    agenda_published_at = models.DateTimeField(_("agendas published at"), null=True, blank=True)
    reminders_sent_at = models.DateTimeField(_("reminders sent at"), null=True, blank=True)

    is_demo = models.BooleanField(_("demo data"), default=False, db_index=True)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.slug])

    @property
    def is_matchmaking(self) -> bool:
        return self.kind == EventKind.MATCHMAKING

    @property
    def is_online(self) -> bool:
        return self.format != EventFormat.ONSITE


class ProgrammeSession(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event")
    )
    title = models.CharField(_("title"), max_length=200)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("programme session")
        verbose_name_plural = _("programme sessions")

    def __str__(self) -> str:
        return self.title
