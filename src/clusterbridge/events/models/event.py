from django.conf import settings
from django.db import models
from django.urls import reverse
from django_countries.fields import CountryField

from clusterbridge.common.models import TimestampedModel


class EventKind(models.TextChoices):
    MATCHMAKING = "matchmaking", "Matchmaking event"
    WORKSHOP = "workshop", "Workshop"
    CONFERENCE = "conference", "Conference"
    TRAINING = "training", "Training"
    WEBINAR = "webinar", "Webinar"
    STUDY_VISIT = "study_visit", "Study visit or mission"


class EventFormat(models.TextChoices):
    ONSITE = "onsite", "On-site"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "Hybrid"


class AdmissionPolicy(models.TextChoices):
    FIRST_COME = "first_come", "First come, first served, then a waiting list"
    ORG_CAP = "org_cap", "First come, first served with a cap per organisation"
    GEO_BALANCE = "geo_balance", "Selection after the deadline with balanced countries"
    REVIEW = "review", "Organiser review of each applicant"


class Event(TimestampedModel):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    kind = models.CharField(max_length=20, choices=EventKind.choices, db_index=True)
    format = models.CharField(max_length=10, choices=EventFormat.choices, default="onsite")
    description = models.TextField(blank=True)
    image = models.ImageField(upload_to="events/", blank=True)
    organiser = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="events"
    )
    co_organisers = models.ManyToManyField(
        "organisations.Organisation", blank=True, related_name="co_organised_events"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    timezone = models.CharField(max_length=64, default="Europe/Brussels")
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField()
    venue = models.CharField(max_length=200, blank=True)
    address = models.CharField(max_length=300, blank=True)
    city = models.CharField(max_length=120, blank=True)
    country = CountryField(blank=True, db_index=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    online_url = models.URLField("video link", blank=True)
    target_sectors = models.ManyToManyField(
        "taxonomy.ClusterCategory", blank=True, related_name="+"
    )
    target_countries = CountryField(multiple=True, blank=True)
    is_published = models.BooleanField(default=False, db_index=True)

    # Registration
    capacity = models.PositiveIntegerField(default=50)
    admission_policy = models.CharField(
        max_length=12, choices=AdmissionPolicy.choices, default=AdmissionPolicy.FIRST_COME
    )
    org_cap = models.PositiveSmallIntegerField("places per organisation", null=True, blank=True)
    registration_opens = models.DateTimeField(null=True, blank=True)
    registration_deadline = models.DateTimeField(null=True, blank=True)
    decision_deadline = models.DateField("applicants are told by", null=True, blank=True)
    questions = models.JSONField(default=list, blank=True)
    selection_confirmed_at = models.DateTimeField(null=True, blank=True)

    # Matchmaking
    request_cap = models.PositiveSmallIntegerField("requests per participant", default=20)
    request_expiry = models.DateTimeField("requests expire at", null=True, blank=True)
    agenda_published_at = models.DateTimeField(null=True, blank=True)
    reminders_sent_at = models.DateTimeField(null=True, blank=True)

    is_demo = models.BooleanField(default=False, db_index=True)

    class Meta:
        ordering = ["start", "pk"]

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
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=200)
    start = models.DateTimeField()
    end = models.DateTimeField()

    class Meta:
        ordering = ["start", "pk"]

    def __str__(self) -> str:
        return self.title
