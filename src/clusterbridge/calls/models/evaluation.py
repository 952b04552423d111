"""Evaluation of joint-call proposals: the call's criteria, reviewers assigned by the
agencies (with their conflict-of-interest declaration) and their scores, the consensus, and
the call's funding decision."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterbridge.calls.models.call import Call
from clusterbridge.calls.models.choices import FundingObjective, ReviewState
from clusterbridge.calls.models.joint import Proposal
from clusterbridge.common.models import TimestampedModel


class EvaluationCriterion(models.Model):
    """A criterion of the call's common part, with its weight and the scale it is scored on."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(_("criterion"), max_length=200)
    description = models.TextField(_("what the reviewers look at"), blank=True)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2)
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=5)

    class Meta:
        ordering = ["call", "number"]
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="call_criterion_number_once")
        ]
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")

    def __str__(self) -> str:
        return self.name


class ReviewAssignment(TimestampedModel):
    """A reviewer assigned to a proposal. The reviewer first declares that they have no
    conflict of interest (or that they have one: the assignment is then declined), then
    scores every criterion and submits (final)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(
        _("state"), max_length=12, choices=ReviewState.choices, default=ReviewState.ASSIGNED
    )
    declared_at = models.DateTimeField(null=True, blank=True, editable=False)
    conflict_note = models.TextField(_("conflict of interest"), blank=True)
    comment = models.TextField(_("overall comment"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["proposal", "id"]
        constraints = [models.UniqueConstraint(fields=["proposal", "reviewer"], name="review_once")]
        indexes = [models.Index(fields=["reviewer", "state"])]

    def __str__(self) -> str:
        return f"{self.reviewer} — {self.proposal}"


class ReviewScore(models.Model):
    assignment = models.ForeignKey(
        ReviewAssignment, on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(EvaluationCriterion, on_delete=models.CASCADE, related_name="+")
    score = models.DecimalField(_("score"), max_digits=4, decimal_places=1)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["assignment", "criterion__number"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="review_score_once")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class ConsensusScore(models.Model):
    """The agreed score of a proposal on one criterion (what counts for the ranking)."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="consensus_scores"
    )
    criterion = models.ForeignKey(EvaluationCriterion, on_delete=models.CASCADE, related_name="+")
    score = models.DecimalField(_("score"), max_digits=4, decimal_places=1)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["proposal", "criterion__number"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "criterion"], name="consensus_score_once")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class FundingDecision(models.Model):
    """The call's funding decision, taken once (the one-to-one makes a second one fail)."""

    call = models.OneToOneField(Call, on_delete=models.CASCADE, related_name="funding_decision")
    objective = models.CharField(_("objective"), max_length=8, choices=FundingObjective.choices)
    min_score = models.DecimalField(
        _("lowest score funded"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    optimal = models.BooleanField(default=True)
    total_score = models.DecimalField(max_digits=12, decimal_places=2)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.call}: {self.decided_at:%Y-%m-%d}"
