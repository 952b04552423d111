import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

from clusterbridge.common.models import TimestampedModel


class Assessor(TimestampedModel):
    """The platform role that reviews benchmarks; granted and revoked by staff in the admin."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessor"
    )
    active = models.BooleanField(default=True)
    is_demo = models.BooleanField(default=False)

    def __str__(self) -> str:
        return str(self.user)


class Assessment(TimestampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted for review"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        VALIDATED = "validated", "Validated"

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="assessments"
    )
    indicator_set = models.ForeignKey(
        "benchmarking.IndicatorSet", on_delete=models.PROTECT, related_name="assessments"
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    validated_on = models.DateField(null=True, blank=True, db_index=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    second_assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set when the assessor's account is deleted (benchmarking.privacy.erase): the person is
    # gone, the fact that an assessor validated or confirmed stays (Gold needs two assessors).
    validated_by_former = models.BooleanField(
        default=False, help_text="Validated by an assessor whose account was deleted."
    )
    second_assessor_former = models.BooleanField(
        default=False, help_text="Confirmed by a second assessor whose account was deleted."
    )
    audited = models.BooleanField(default=False, help_text="The assessor audited on site.")
    review_note = models.TextField(blank=True)
    improvement_area_1 = models.CharField(max_length=300, blank=True)
    improvement_area_2 = models.CharField(max_length=300, blank=True)
    improvement_area_3 = models.CharField(max_length=300, blank=True)
    # Scores are stored at validation so lists and peer comparison need no recomputation.
    overall_score = models.FloatField(null=True, blank=True)
    dimension_scores = models.JSONField(default=dict, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
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
        return f"Benchmark of {self.organisation} ({self.get_status_display()})"

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
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    indicator = models.ForeignKey(
        "benchmarking.Indicator", on_delete=models.PROTECT, related_name="answers"
    )
    # The raw answer as typed (text, date, choice value, "yes"/"no"), and the number for
    # numeric answers so percentiles are computed in SQL-free plain code over floats.
    value = models.CharField(max_length=2000, blank=True)
    number = models.FloatField(null=True, blank=True)
    rating = models.CharField(max_length=6, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who last saved the answer.",
    )
    assessor_comment = models.TextField(blank=True)
    commented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The assessor who wrote the comment.",
    )

    class Meta:
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
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=evidence_path, max_length=200)
    name = models.CharField(max_length=200, help_text="The uploader's original file name.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "benchmarking:evidence_file",
            kwargs={"pk": self.answer.assessment_id, "evidence_id": self.pk},
        )
