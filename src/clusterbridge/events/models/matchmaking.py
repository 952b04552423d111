from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from clusterbridge.common.models import TimestampedModel
from clusterbridge.events.reasons import PROFILE_LABELS
from clusterbridge.scheduling import DEFAULT_PROFILE, PROFILES


class MeetingSlot(models.Model):
    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="slots", verbose_name=_("event")
    )
    start = models.DateTimeField(_("start"))
    minutes = models.PositiveSmallIntegerField(_("length (minutes)"), default=25)
    online = models.BooleanField(_("online"), default=False)

    class Meta:
        ordering = ["start", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "start", "online"], name="slot_unique"),
        ]
        verbose_name = _("meeting slot")
        verbose_name_plural = _("meeting slots")

    def __str__(self) -> str:
        when = f"{self.start:%Y-%m-%d %H:%M}"
        return gettext("%(when)s (online)") % {"when": when} if self.online else when


class MeetingTable(models.Model):
    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="tables", verbose_name=_("event")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    seats = models.PositiveSmallIntegerField(_("seats"), default=2)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="table_unique"),
        ]
        verbose_name = _("meeting table")
        verbose_name_plural = _("meeting tables")

    def __str__(self) -> str:
        return gettext("Table %(number)s") % {"number": self.number}


class MeetingRequest(TimestampedModel):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="requests", verbose_name=_("event")
    )
    sender = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="sent_requests",
        verbose_name=_("sender"),
    )  # fmt: skip
    recipient = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="received_requests",
        verbose_name=_("recipient"),
    )  # fmt: skip
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="pending")
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["sender", "recipient"], name="request_unique"),
        ]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")


class Meeting(TimestampedModel):
    """One accepted request; the scheduler (or the organiser) gives it a slot and a table."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        UNSCHEDULED = "unscheduled", _("Not scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="meetings", verbose_name=_("event")
    )
    request = models.OneToOneField(
        MeetingRequest, on_delete=models.CASCADE, related_name="meeting",
        verbose_name=_("meeting request"),
    )  # fmt: skip
    participants = models.ManyToManyField(
        "events.Registration", related_name="meetings", verbose_name=_("participants")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default="unscheduled"
    )
    slot = models.ForeignKey(
        MeetingSlot, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("slot")
    )
    table = models.ForeignKey(
        MeetingTable, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("table")
    )
    online = models.BooleanField(_("online"), default=False)
    locked = models.BooleanField(_("locked"), default=False)
    # Set when the agenda is published: the scheduler keeps communicated meetings fixed.
    communicated = models.BooleanField(_("published to the participants"), default=False)
    reason = models.CharField(_("reason it is not scheduled"), max_length=40, blank=True)

    class Meta:
        ordering = ["slot__start", "table__number", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def video_link(self) -> str:
        base = self.event.online_url.rstrip("/")
        return f"{base}/meeting-{self.pk}" if base and self.online else ""


class OutcomeType(models.TextChoices):
    FOLLOW_UP = "follow_up", _("Follow-up planned")
    AGREEMENT = "agreement", _("Cooperation agreement")
    MOU = "mou", _("Memorandum of understanding")
    JOINT_PROJECT = "joint_project", _("Joint project")
    BUSINESS_DEAL = "business_deal", _("Business deal")


class MeetingOutcome(TimestampedModel):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("meeting")
    )
    registration = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="outcomes",
        verbose_name=_("registration"),
    )  # fmt: skip
    held = models.BooleanField(_("took place"))
    outcomes = models.JSONField(_("outcomes"), default=list, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "registration"], name="outcome_unique"),
        ]
        verbose_name = _("meeting outcome")
        verbose_name_plural = _("meeting outcomes")


class ScheduleRun(TimestampedModel):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="runs", verbose_name=_("event")
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("started by"),
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default="queued")
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    message = models.CharField(_("message"), max_length=300, blank=True)
    # The organiser's choice of time (scheduling.PROFILES); time_limit is the profile's unless
    # a service was given one of its own (the demo, tests).
    profile = models.CharField(
        _("time choice"), max_length=10, default=DEFAULT_PROFILE,
        choices=[(name, PROFILE_LABELS[name]) for name in PROFILES],
    )  # fmt: skip
    fairness = models.BooleanField(_("fairness floor"), default=True)
    time_limit = models.FloatField(_("time limit (seconds)"), default=10)
    result = models.JSONField(_("result"), default=dict, blank=True)
    # What the run placed, kept so the organiser can compare runs and apply any of them:
    # {"placed": {meeting id: [slot id, table id or None]}, "reasons": {meeting id: reason}}.
    # Loaded only to apply the run (the pages defer it).
    assignment = models.JSONField(_("assignment"), default=dict, blank=True)
    # When the run's schedule was applied to the meetings (None: kept for comparison only).
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("scheduler run")
        verbose_name_plural = _("scheduler runs")
