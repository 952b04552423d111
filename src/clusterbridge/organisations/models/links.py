"""Links between organisations: a cluster organisation and the organisations that are its
members on the platform (``docs/member-links.md``).

Either side proposes; the other side's administrator confirms or declines; either side may
end the link. Only confirmed links between published organisations are public.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from clusterbridge.common.models import TimestampedModel


class LinkStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    ENDED = "ended", _("Ended")


class LinkSide(models.TextChoices):
    """Which side of the link acted (proposed it): the cluster or the member."""

    CLUSTER = "cluster", _("The cluster organisation")
    MEMBER = "member", _("The member organisation")


class MemberLink(TimestampedModel):
    cluster = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("cluster organisation"),
        on_delete=models.CASCADE,
        related_name="member_links",
    )
    member = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("member organisation"),
        on_delete=models.CASCADE,
        related_name="cluster_links",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=LinkStatus.choices, default=LinkStatus.PROPOSED
    )
    proposed_by_side = models.CharField(
        _("proposed by"), max_length=8, choices=LinkSide.choices, default=LinkSide.CLUSTER
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"))
    # Who confirmed or declined, and when (the other side's administrator).
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("member since"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_by_side = models.CharField(max_length=8, choices=LinkSide.choices, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    is_demo = models.BooleanField(default=False, help_text=_("Generated demo data."))

    class Meta:
        ordering = ["cluster__name", "member__name"]
        verbose_name = _("member link")
        verbose_name_plural = _("member links")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "member"], name="member_link_unique"),
            models.CheckConstraint(
                condition=~Q(cluster=F("member")), name="member_link_not_itself"
            ),
        ]
        indexes = [
            models.Index(fields=["cluster", "status"]),
            models.Index(fields=["member", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.member} in {self.cluster} ({self.status})"

    @property
    def deciding_side(self) -> str:
        """The side whose administrator confirms or declines a proposal."""
        return LinkSide.MEMBER if self.proposed_by_side == LinkSide.CLUSTER else LinkSide.CLUSTER

    def organisation_of(self, side: str):
        return self.cluster if side == LinkSide.CLUSTER else self.member

    def organisation_id_of(self, side: str) -> int:
        return self.cluster_id if side == LinkSide.CLUSTER else self.member_id
