from django.conf import settings
from django.db import models

from clusterbridge.common.models import TimestampedModel


class MeetingSlot(models.Model):
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="slots")
    start = models.DateTimeField()
    minutes = models.PositiveSmallIntegerField(default=25)
    online = models.BooleanField(default=False)

    class Meta:
        ordering = ["start", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "start", "online"], name="slot_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d %H:%M}" + (" (online)" if self.online else "")


class MeetingTable(models.Model):
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="tables")
    number = models.PositiveSmallIntegerField()
    seats = models.PositiveSmallIntegerField(default=2)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="table_unique"),
        ]

    def __str__(self) -> str:
        return f"Table {self.number}"


class MeetingRequest(TimestampedModel):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for an answer"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        EXPIRED = "expired", "Expired"

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="requests")
    sender = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="sent_requests"
    )
    recipient = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="received_requests"
    )
    message = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default="pending")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["sender", "recipient"], name="request_unique"),
        ]


class Meeting(TimestampedModel):
    """One accepted request; the scheduler (or the organiser) gives it a slot and a table."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        UNSCHEDULED = "unscheduled", "Not scheduled"
        CANCELLED = "cancelled", "Cancelled"

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="meetings")
    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    participants = models.ManyToManyField("events.Registration", related_name="meetings")
    status = models.CharField(max_length=12, choices=Status.choices, default="unscheduled")
    slot = models.ForeignKey(MeetingSlot, null=True, blank=True, on_delete=models.SET_NULL)
    table = models.ForeignKey(MeetingTable, null=True, blank=True, on_delete=models.SET_NULL)
    online = models.BooleanField(default=False)
    locked = models.BooleanField(default=False)
    # Set when the agenda is published: the scheduler keeps communicated meetings fixed.
    communicated = models.BooleanField(default=False)
    reason = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["slot__start", "table__number", "pk"]

    def video_link(self) -> str:
        base = self.event.online_url.rstrip("/")
        return f"{base}/meeting-{self.pk}" if base and self.online else ""


class OutcomeType(models.TextChoices):
    FOLLOW_UP = "follow_up", "Follow-up planned"
    AGREEMENT = "agreement", "Cooperation agreement"
    MOU = "mou", "Memorandum of understanding"
    JOINT_PROJECT = "joint_project", "Joint project"
    BUSINESS_DEAL = "business_deal", "Business deal"


class MeetingOutcome(TimestampedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="outcomes")
    registration = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="outcomes"
    )
    held = models.BooleanField()
    outcomes = models.JSONField(default=list, blank=True)
    note = models.CharField(max_length=500, blank=True)
    satisfaction = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "registration"], name="outcome_unique"),
        ]


class ScheduleRun(TimestampedModel):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="runs")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default="queued")
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    time_limit = models.FloatField(default=10)
    result = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
