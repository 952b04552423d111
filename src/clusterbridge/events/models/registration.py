from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from clusterbridge.common.models import TimestampedModel


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Received, awaiting decision")
    ADMITTED = "admitted", _("Admitted")
    WAITING = "waiting", _("On the waiting list")
    RESERVE = "reserve", _("On the reserve list")
    REJECTED = "rejected", _("Not admitted")
    CANCELLED = "cancelled", _("Cancelled")


class Attendance(models.TextChoices):
    ONSITE = "onsite", _("On site")
    ONLINE = "online", _("Online")


class Registration(TimestampedModel):
    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="registrations",
        verbose_name=_("event"),
    )  # fmt: skip
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations",
        verbose_name=_("person"),
    )  # fmt: skip
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
        verbose_name=_("organisation"),
    )
    country = models.CharField(_("country"), max_length=2, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RegistrationStatus.choices, default="pending",
        db_index=True,
    )  # fmt: skip
    attendance = models.CharField(
        _("attendance"), max_length=6, choices=Attendance.choices, default="onsite"
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    # Orders the queue (waiting list, selection by date); created_at alone can tie.
    sequence = models.PositiveIntegerField(_("order of registration"), default=0)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    # Matchmaking card, prefilled from the organisation profile.
    offer = models.TextField(_("what you offer"), blank=True)
    seek = models.TextField(_("what you seek"), blank=True)
    sectors = models.JSONField(_("sectors"), default=list, blank=True)
    technologies = models.JSONField(_("key enabling technologies"), default=list, blank=True)
    technology_keywords = models.JSONField(_("technology keywords"), default=list, blank=True)
    interest_countries = models.JSONField(_("countries of interest"), default=list, blank=True)
    unavailable_slots = models.ManyToManyField(
        "events.MeetingSlot", blank=True, related_name="+", verbose_name=_("unavailable slots")
    )

    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["sequence", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="registration_unique"),
        ]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self) -> str:
        return gettext("%(person)s at %(event)s") % {"person": self.user, "event": self.event}

    @property
    def display_name(self) -> str:
        org = f" ({self.organisation.name})" if self.organisation_id else ""
        return f"{self.user.name or self.user.email}{org}"
