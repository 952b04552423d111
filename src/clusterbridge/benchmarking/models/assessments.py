import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterbridge.common.models import TimestampedModel


class Assessor(TimestampedModel):
    """The platform role that reviews benchmarks; granted and revoked by staff in the admin."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assessor",
        verbose_name=_("user"),
    )
    active = models.BooleanField(_("active"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("assessor")
        verbose_name_plural = _("assessors")

    def __str__(self) -> str:
        return str(self.user)


class Assessment(TimestampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        VALIDATED = "validated", _("Validated")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("organisation"),
    )
    indicator_set = models.ForeignKey(
        "benchmarking.IndicatorSet",
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("indicator set"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("started by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    validated_on = models.DateField(_("validated on"), null=True, blank=True, db_index=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("validated by"),
    )
    second_assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("second assessor"),
    )
    # Set when the assessor's account is deleted (benchmarking.privacy.erase): the person is
    # gone, the fact that an assessor validated or confirmed stays (Gold needs two assessors).
    validated_by_former = models.BooleanField(
        _("validated by a former assessor"),
        default=False,
        help_text=_("Validated by an assessor whose account was deleted."),
    )
    second_assessor_former = models.BooleanField(
        _("confirmed by a former second assessor"),
        default=False,
        help_text=_("Confirmed by a second assessor whose account was deleted."),
    )
    audited = models.BooleanField(
        _("audited"), default=False, help_text=_("The assessor audited on site.")
    )
    review_note = models.TextField(_("review note"), blank=True)
    improvement_area_1 = models.CharField(_("improvement area 1"), max_length=300, blank=True)
    improvement_area_2 = models.CharField(_("improvement area 2"), max_length=300, blank=True)
    improvement_area_3 = models.CharField(_("improvement area 3"), max_length=300, blank=True)
    # Scores are stored at validation so lists and peer comparison need no recomputation.
    overall_score = models.FloatField(_("overall score"), null=True, blank=True)
    dimension_scores = models.JSONField(_("dimension scores"), default=dict, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("benchmark")
        verbose_name_plural = _("benchmarks")
        ordering = ["-created_at", "-id"]
        constraints = [
            # One open benchmark per organisation at a time.
            models.UniqueConstraint(
                fields=["organisation"],
                condition=~models.Q(status="validated"),
                name="one_open_assessment_per_organisation",
            )
        ]

    def __str__(self) -> str:
        return _("Benchmark of %(organisation)s (%(status)s)") % {
            "organisation": self.organisation,
            "status": self.get_status_display(),
        }

    def get_absolute_url(self) -> str:
        return reverse("benchmarking:assessment", kwargs={"pk": self.pk})

    @property
    def improvement_areas(self) -> list[str]:
        return [self.improvement_area_1, self.improvement_area_2, self.improvement_area_3]

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.CHANGES_REQUESTED)

    @property
    def has_validator(self) -> bool:
        return self.validated_by_id is not None or self.validated_by_former

    @property
    def has_second_assessor(self) -> bool:
        return self.second_assessor_id is not None or self.second_assessor_former


class Answer(TimestampedModel):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="answers", verbose_name=_("benchmark")
    )
    indicator = models.ForeignKey(
        "benchmarking.Indicator",
        on_delete=models.PROTECT,
        related_name="answers",
        verbose_name=_("indicator"),
    )
    # The raw answer as typed (text, date, choice value, "yes"/"no"), and the number for
    # numeric answers so percentiles are computed in SQL-free plain code over floats.
    value = models.CharField(_("value"), max_length=2000, blank=True)
    number = models.FloatField(_("number"), null=True, blank=True)
    rating = models.CharField(_("rating"), max_length=6, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("answered by"),
        help_text=_("Who last saved the answer."),
    )
    assessor_comment = models.TextField(_("assessor comment"), blank=True)
    commented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("commented by"),
        help_text=_("The assessor who wrote the comment."),
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["indicator__dimension__position", "indicator__position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "indicator"], name="answer_unique")
        ]


def evidence_path(instance, filename: str) -> str:
    """A random storage name: the uploader's file name is kept in ``Evidence.name`` for display
    and the download's Content-Disposition, never trusted as a path. Evidence is not public:
    it is served by ``views.pages.evidence_file`` after a permission check."""
    return f"benchmarking/evidence/{uuid.uuid4().hex}"


class Evidence(TimestampedModel):
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("answer")
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=200)
    name = models.CharField(
        _("file name"), max_length=200, help_text=_("The uploader's original file name.")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "benchmarking:evidence_file",
            kwargs={"pk": self.answer.assessment_id, "evidence_id": self.pk},
        )
