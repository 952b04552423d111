from django.conf import settings
from django.db import models

from clusterbridge.common.models import TimestampedModel


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", "Received, awaiting decision"
    ADMITTED = "admitted", "Admitted"
    WAITING = "waiting", "On the waiting list"
    RESERVE = "reserve", "On the reserve list"
    REJECTED = "rejected", "Not admitted"
    CANCELLED = "cancelled", "Cancelled"


class Attendance(models.TextChoices):
    ONSITE = "onsite", "On site"
    ONLINE = "online", "Online"


class Registration(TimestampedModel):
    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    country = models.CharField(max_length=2, blank=True)
    status = models.CharField(
        max_length=10, choices=RegistrationStatus.choices, default="pending", db_index=True
    )
    attendance = models.CharField(max_length=6, choices=Attendance.choices, default="onsite")
    answers = models.JSONField(default=dict, blank=True)
    # Orders the queue (waiting list, selection by date); created_at alone can tie.
    sequence = models.PositiveIntegerField(default=0)
    decided_at = models.DateTimeField(null=True, blank=True)

    # Matchmaking card, prefilled from the organisation profile.
    offer = models.TextField(blank=True)
    seek = models.TextField(blank=True)
    sectors = models.JSONField(default=list, blank=True)
    technologies = models.JSONField(default=list, blank=True)
    technology_keywords = models.JSONField(default=list, blank=True)
    interest_countries = models.JSONField(default=list, blank=True)
    unavailable_slots = models.ManyToManyField("events.MeetingSlot", blank=True, related_name="+")

    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["sequence", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="registration_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.event}"

    @property
    def display_name(self) -> str:
        org = f" ({self.organisation.name})" if self.organisation_id else ""
        return f"{self.user.name or self.user.email}{org}"
