"""Import jobs: a staff member's request to (re)import a dataset, run in the background with its
progress, and the problems found in the files (by line, as codes the pages word)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterbridge.common.models import TimestampedModel


class ImportFormat(models.TextChoices):
    PLAIN_CSV = "plain_csv", _("Plain CSV (nuts, category, year, employment, enterprises, wages)")
    EUROSTAT_TSV = "eurostat_tsv", _("Eurostat TSV (bulk download)")
    SDMX_CSV = "sdmx_csv", _("Eurostat SDMX-CSV")


class ImportJob(TimestampedModel):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for a worker")
        RUNNING = "running", _("Running")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed, nothing changed")

    class Phase(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        READING = "reading", _("Reading the files")
        COMPUTING = "computing", _("Computing the indicators")
        WRITING = "writing", _("Writing the statistics")
        FINISHED = "finished", _("Finished")

    # The dataset to create or replace, as it will be described.
    dataset_slug = models.SlugField(_("identifier"), max_length=80)
    dataset_name = models.CharField(_("name"), max_length=200)
    source = models.CharField(_("source"), max_length=300)
    source_url = models.URLField(_("source address"), blank=True)
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    source_code = models.CharField(_("source code"), max_length=120, blank=True)
    format = models.CharField(_("format"), max_length=20, choices=ImportFormat.choices)
    # [{"measure": "employment", "path": storage name, "name": file name, "size": bytes}]
    files = models.JSONField(default=list)
    mapping = models.CharField(_("NACE mapping"), max_length=40, blank=True)
    mapping_file = models.JSONField(default=dict, blank=True)
    filters = models.JSONField(_("row filters"), default=dict, blank=True)
    skip_unknown_regions = models.BooleanField(_("skip unknown regions"), default=False)
    make_default = models.BooleanField(_("show first"), default=False)
    is_demo = models.BooleanField(default=False)

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    phase = models.CharField(max_length=10, choices=Phase.choices, default=Phase.WAITING)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)  # per cent
    # [{"file": "x.tsv", "line": 12, "code": "unknown_region", "value": "XX99", "detail": ""}]
    problems = models.JSONField(default=list, blank=True)
    problems_truncated = models.BooleanField(default=False)
    skipped = models.JSONField(default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)  # an unexpected failure, for staff
    dataset = models.ForeignKey(
        "observatory.Dataset", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.dataset_slug} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("observatory:import_job", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
