from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterbridge.notifications.kinds import render


class Notification(models.Model):
    """An in-app notification: a kind and its parameters, rendered in the reader's language.

    Most are also e-mailed (see services.notify), at once or in the daily digest.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("user"),
    )
    kind = models.CharField(
        _("kind"), max_length=60, help_text=_("Machine-readable type, e.g. events.admitted")
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # Waiting for the recipient's daily digest e-mail (their setting for this kind).
    in_digest = models.BooleanField(_("waiting for the daily summary"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(
                fields=["user"], condition=models.Q(in_digest=True), name="notification_digest"
            ),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return render(self.kind, self.params)[0]

    @property
    def body(self) -> str:
        return render(self.kind, self.params)[1]


class EmailChoice(models.TextChoices):
    IMMEDIATELY = "immediately", _("E-mail at once")
    DAILY = "daily", _("In a daily digest")
    NEVER = "never", _("No e-mail (in-app only)")


class NotificationPreference(models.Model):
    """How a person wants to hear about one kind of notification (in-app is always on)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=60)
    email = models.CharField(_("e-mail"), max_length=12, choices=EmailChoice.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return f"{self.kind}: {self.email}"
