"""Joint calls managed on the platform: the participating agencies with their own rules, and
the proposals that consortia of organisations prepare and submit."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from clusterbridge.calls.models.call import Call
from clusterbridge.calls.models.choices import DecisionReason, ProposalStatus
from clusterbridge.common.models import TimestampedModel


class CallAgency(models.Model):
    """An agency taking part in a joint call, with its own rules (empty: no restriction)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="agencies")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("agency"),
    )
    budget_eur = models.DecimalField(
        _("budget for the call (EUR)"), max_digits=14, decimal_places=2
    )
    # OrganisationKind values; empty: every kind.
    beneficiary_kinds = models.JSONField(_("eligible beneficiary kinds"), default=list, blank=True)
    countries = CountryField(_("eligible countries"), multiple=True, blank=True)
    # NUTS codes; a region contains every code that starts with its own.
    regions = models.JSONField(_("eligible regions (NUTS)"), default=list, blank=True)
    max_grant_eur = models.DecimalField(
        _("maximum grant per beneficiary (EUR)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    funding_rate = models.DecimalField(
        _("maximum funding rate (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["call", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "organisation"], name="call_agency_once")
        ]
        verbose_name = _("participating agency")
        verbose_name_plural = _("participating agencies")

    def __str__(self) -> str:
        return f"{self.organisation} — {self.call}"


class Proposal(TimestampedModel):
    """A proposal to a joint call, prepared and submitted by a cluster organisation (the
    coordinator) for a consortium of partners, each funded by one of the call's agencies."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="proposals")
    coordinator = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("coordinator"),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ProposalStatus.choices,
        default=ProposalStatus.DRAFT,
        db_index=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # The content: the other cluster organisations the proposal reaches (not partners), the
    # SMEs involved (a number, and those on the platform), and the activities (Activity values).
    targeted_clusters = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="+",
        verbose_name=_("targeted clusters"),
    )
    smes_involved = models.PositiveIntegerField(_("SMEs involved"), default=0)
    sme_organisations = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="+",
        verbose_name=_("SMEs on the platform"),
    )
    activities = models.JSONField(_("activities"), default=list, blank=True)
    # Counts every change of the draft (the receipt names the version submitted).
    version = models.PositiveIntegerField(default=1, editable=False)
    # The evaluation: the consensus score (percent, see callrules.evaluation) and the summary
    # the applicants receive, then the decision (rank among the call's proposals, and why).
    score = models.DecimalField(
        _("score"), max_digits=5, decimal_places=2, null=True, blank=True, editable=False
    )
    evaluation_summary = models.TextField(_("evaluation summary"), blank=True)
    consensus_at = models.DateTimeField(null=True, blank=True, editable=False)
    consensus_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    rank = models.PositiveIntegerField(null=True, blank=True, editable=False)
    decision_reason = models.CharField(
        max_length=24, choices=DecisionReason.choices, blank=True, editable=False
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["call", "id"]
        indexes = [models.Index(fields=["call", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def reference(self) -> str:
        return f"CB-{self.call_id}-{self.pk:05d}"

    def get_absolute_url(self) -> str:
        return reverse("calls:proposal", kwargs={"pk": self.pk})


class ProposalPartner(models.Model):
    """An organisation of a proposal's consortium, tied to the agency that would fund it."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    agency = models.ForeignKey(
        CallAgency, on_delete=models.CASCADE, related_name="partners", verbose_name=_("agency")
    )
    budget_eur = models.DecimalField(_("budget (EUR)"), max_digits=14, decimal_places=2)
    grant_eur = models.DecimalField(_("requested grant (EUR)"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["proposal", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "organisation"], name="proposal_partner_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.proposal}"
