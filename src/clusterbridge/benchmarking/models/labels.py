from django.conf import settings
from django.db import models

from clusterbridge.common.models import TimestampedModel


class LabelLevel(models.TextChoices):
    # The values are also the directory's `label` filter values (organisations.queries.directory).
    BRONZE = "bronze", "Bronze"
    SILVER = "silver", "Silver"
    GOLD = "gold", "Gold"


class Label(TimestampedModel):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        SUPERSEDED = "superseded", "Superseded by a newer label"
        EXPIRED = "expired", "Expired"
        WITHDRAWN = "withdrawn", "Withdrawn"

    # related_name is used by the directory's label filter (no import of this app there).
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="excellence_labels"
    )
    assessment = models.ForeignKey(
        "benchmarking.Assessment", on_delete=models.CASCADE, related_name="labels"
    )
    level = models.CharField(max_length=6, choices=LabelLevel.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    valid_from = models.DateField()
    valid_until = models.DateField(db_index=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-valid_from", "-id"]
        constraints = [
            # At most one active label per organisation: the directory joins on it.
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(status="active"),
                name="one_active_label_per_organisation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} label of {self.organisation}"


class LabelDecision(models.Model):
    """Every label decision, with who decided (None: the platform, e.g. expiry) and why."""

    class Kind(models.TextChoices):
        AWARDED = "awarded", "Awarded"
        RENEWED = "renewed", "Renewed"
        REFUSED = "refused", "Refused"
        EXPIRED = "expired", "Expired"
        WITHDRAWN = "withdrawn", "Withdrawn"

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="label_decisions"
    )
    label = models.ForeignKey(
        Label, null=True, blank=True, on_delete=models.CASCADE, related_name="decisions"
    )
    assessment = models.ForeignKey(
        "benchmarking.Assessment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="label_decisions",
    )
    level = models.CharField(max_length=6, choices=LabelLevel.choices)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who decided once their account is deleted (benchmarking.privacy.erase), e.g. "a former
    # assessor": an empty decided_by alone would read as a decision of the platform.
    decided_by_former = models.CharField(max_length=60, blank=True)
    reason = models.TextField()
    decided_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.get_level_display()} – {self.organisation}"

    @property
    def decider(self) -> str:
        """Who decided, for display: the person, "a former assessor", or the platform."""
        if self.decided_by_id is not None:
            return str(self.decided_by)
        return self.decided_by_former or "the platform"
