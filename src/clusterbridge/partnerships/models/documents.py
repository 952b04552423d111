import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterbridge.common.models import TimestampedModel
from clusterbridge.partnerships.models.choices import DocumentCategory, DocumentVisibility
from clusterbridge.partnerships.models.partnership import Partnership


def document_path(instance, filename: str) -> str:
    """A random storage name: the uploader's file name is kept in ``original_name`` for display
    and the download's Content-Disposition, never trusted as a path. Documents are never served
    from a public URL: ``views.documents.document_file`` checks the permission first."""
    return f"partnerships/documents/{uuid.uuid4().hex}"


class PartnershipDocument(TimestampedModel):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(_("category"), max_length=20, choices=DocumentCategory.choices)
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=DocumentVisibility.choices,
        default=DocumentVisibility.MEMBERS,
    )
    # The document's own date (a meeting's minutes, a report's issue), shown and sorted on.
    dated_on = models.DateField(_("date"))
    file = models.FileField(_("file"), upload_to=document_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-dated_on", "-id"]
        indexes = [models.Index(fields=["partnership", "visibility", "-dated_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.visibility == DocumentVisibility.PUBLIC

    def get_absolute_url(self) -> str:
        """The download (permission-checked)."""
        return reverse(
            "partnerships:document_file", kwargs={"slug": self.partnership.slug, "pk": self.pk}
        )


class DocumentVersion(models.Model):
    """An earlier file of a document, kept when a new file replaces it (newest first). Its
    file is served like the document's own, to whoever may see the document."""

    document = models.ForeignKey(
        PartnershipDocument, on_delete=models.CASCADE, related_name="versions"
    )
    file = models.FileField(upload_to=document_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    # When a newer file replaced this one, and who uploaded the newer one.
    replaced_at = models.DateTimeField()
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-replaced_at", "-id"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse(
            "partnerships:document_version_file",
            kwargs={
                "slug": self.document.partnership.slug,
                "pk": self.document_id,
                "version": self.pk,
            },
        )
