from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterbridge.common.models import TimestampedModel


class LabelLevel(models.TextChoices):
    # The values are also the directory's `label` filter values (organisations.queries.directory).
    BRONZE = "bronze", _("Bronze")
    SILVER = "silver", _("Silver")
    GOLD = "gold", _("Gold")


class Label(TimestampedModel):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUPERSEDED = "superseded", _("Superseded by a newer label")
        EXPIRED = "expired", _("Expired")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # related_name is used by the directory's label filter (no import of this app there).
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="excellence_labels",
        verbose_name=_("organisation"),
    )
    assessment = models.ForeignKey(
        "benchmarking.Assessment",
        on_delete=models.CASCADE,
        related_name="labels",
        verbose_name=_("benchmark"),
    )
    level = models.CharField(_("level"), max_length=6, choices=LabelLevel.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), db_index=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("label")
        verbose_name_plural = _("labels")
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
        return _("%(level)s label of %(organisation)s") % {
            "level": self.get_level_display(),
            "organisation": self.organisation,
        }


class LabelDecision(models.Model):
    """Every label decision, with who decided (None: the platform, e.g. expiry) and why."""

    class Kind(models.TextChoices):
        AWARDED = "awarded", _("Awarded")
        RENEWED = "renewed", _("Renewed")
        REFUSED = "refused", _("Refused")
        EXPIRED = "expired", _("Expired")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="label_decisions",
        verbose_name=_("organisation"),
    )
    label = models.ForeignKey(
        Label,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("label"),
    )
    assessment = models.ForeignKey(
        "benchmarking.Assessment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="label_decisions",
        verbose_name=_("benchmark"),
    )
    level = models.CharField(_("level"), max_length=6, choices=LabelLevel.choices)
    kind = models.CharField(_("decision"), max_length=10, choices=Kind.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    # Who decided once their account is deleted (benchmarking.privacy.erase), e.g. "a former
    # assessor": an empty decided_by alone would read as a decision of the platform.
    decided_by_former = models.CharField(
        _("decided by (former account)"), max_length=60, blank=True
    )
    reason = models.TextField(_("reason"))
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("label decision")
        verbose_name_plural = _("label decisions")
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.get_level_display()} – {self.organisation}"

    @property
    def decider(self) -> str:
        """Who decided, for display: the person, "a former assessor", or the platform, in
        the reader's language (the stored role is English: see FORMER_ROLES)."""
        if self.decided_by_id is not None:
            return str(self.decided_by)
        if self.decided_by_former:
            return str(FORMER_ROLES.get(self.decided_by_former, self.decided_by_former))
        return str(_("the platform"))


# The roles that sign a deleted person's decisions (stored in English, benchmarking.privacy).
FORMER_ROLES = {
    "a former assessor": _("a former assessor"),
    "a former staff member": _("a former staff member"),
    "a former member of the organisation": _("a former member of the organisation"),
}
