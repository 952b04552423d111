"""What a proposal keeps besides its content: its attachments (private files) and a snapshot
of every version of the draft (the receipt names the submitted one and its SHA-256)."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterbridge.calls.models.joint import Proposal
from clusterbridge.common.models import TimestampedModel


def attachment_path(instance, filename: str) -> str:
    """A random storage name: the uploader's file name is kept in ``original_name`` for display
    and the download's Content-Disposition, never trusted as a path. Attachments are never
    served from a public URL: ``views.files.attachment`` checks the permission first."""
    return f"calls/attachments/{uuid.uuid4().hex}"


class ProposalAttachment(TimestampedModel):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["proposal", "id"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        """The download (permission-checked)."""
        return reverse("calls:attachment", kwargs={"pk": self.proposal_id, "file_pk": self.pk})


class ProposalVersion(models.Model):
    """A snapshot of a proposal's content, partners and attachments after a change."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The audit action of the change ("calls.partner_set"…), worded on the history list.
    action = models.CharField(max_length=40)
    snapshot = models.JSONField()
    # SHA-256 of the snapshot's canonical JSON (services.proposals.digest).
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["proposal", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "number"], name="proposal_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.proposal} v{self.number}"

    @property
    def label(self) -> str:
        from clusterbridge.calls.audit_actions import ACTIONS

        return str(ACTIONS.get(self.action, self.action))
