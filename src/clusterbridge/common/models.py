from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class WorkerHeartbeat(models.Model):
    """A running task worker (``clusterbridge worker``) says it is alive every few seconds.

    A row whose ``seen_at`` is old belongs to a worker that was killed or crashed: the tasks
    it had claimed are marked failed (see ``common.worker.reap_stale_tasks``), so nothing
    stays "running" for ever.
    """

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.host}:{self.pid})"


class PeriodicJobState(models.Model):
    """When each periodic job last ran (``clusterbridge runperiodic``), shared by every process
    that runs the jobs, so that two servers never run the same job twice in one interval."""

    name = models.CharField(max_length=80, primary_key=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_ok = models.BooleanField(null=True)
    last_summary = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name


class SitePage(models.Model):
    """A page of the footer (privacy notice, legal notice, contact, accessibility, terms),
    written by staff per language; without one, the page shows the shipped default text."""

    class Slug(models.TextChoices):
        PRIVACY = "privacy", _("Privacy notice")
        TERMS = "terms", _("Terms of use")
        IMPRINT = "imprint", _("Legal notice")
        CONTACT = "contact", _("Contact")
        ACCESSIBILITY = "accessibility", _("Accessibility statement")

    slug = models.CharField(_("page"), max_length=20, choices=Slug.choices)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=200, blank=True)
    body = models.TextField(_("text"), help_text=_("Plain text; blank lines start paragraphs."))
    # People accept the terms and the privacy notice at sign-up: a new version is recorded
    # with each acceptance (accounts.Consent).
    version = models.CharField(_("version"), max_length=20, default="1")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["slug", "language"], name="one_page_per_language")
        ]
        verbose_name = _("site page")
        verbose_name_plural = _("site pages")

    def __str__(self) -> str:
        return f"{self.get_slug_display()} ({self.language})"


class AuditEntry(models.Model):
    """One state change that matters (publication, moderation, roles, admissions, schedules,
    labels, exports, staff logins): who, when, what object, what changed, from which service.

    Written by the services inside their transaction (``common.audit.record``), so a change that
    rolls back leaves no entry. Objects are named by type and id, not foreign keys, so the log
    outlives what it describes.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=80, db_index=True)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_label = models.CharField(max_length=300, blank=True)
    # The organisation the change concerns: its administrators see the entry.
    organisation_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    changes = models.JSONField(default=dict, blank=True)
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_label}"
