"""Expressions of interest: a structured first contact that opens a conversation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterbridge.common.models import TimestampedModel
from clusterbridge.marketplace.models.opportunity import PartnershipType


class InterestStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_DISCUSSION = "in_discussion", _("In discussion")
    DECLINED = "declined", _("Declined")
    AGREEMENT = "agreement", _("Agreement reached")


class ExpressionOfInterest(TimestampedModel):
    opportunity = models.ForeignKey(
        "marketplace.Opportunity", on_delete=models.CASCADE, related_name="interests"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    cooperation_sought = models.CharField(max_length=24)
    missing_information = models.TextField(blank=True)
    organisation_details = models.TextField()
    status = models.CharField(
        _("status"), max_length=16, choices=InterestStatus.choices, default=InterestStatus.NEW
    )
    conversation = models.OneToOneField(
        "marketplace.Conversation", null=True, on_delete=models.SET_NULL, related_name="interest"
    )
    agreement_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "organisation"], name="interest_once_per_organisation"
            )
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.opportunity}"

    @property
    def cooperation_label(self) -> str:
        """The label of the cooperation sought ("Technical cooperation", not "technical")."""
        if self.cooperation_sought in PartnershipType.values:
            return PartnershipType(self.cooperation_sought).label
        return self.cooperation_sought
