"""Versioned indicator sets: a set has dimensions, a dimension has indicators.

A published set is frozen: assessments point at the set's own indicator rows, so editing or
replacing a set never changes an old assessment. New versions are copies (services.indicator_sets).
"""

from django.db import models

from clusterbridge.common.models import TimestampedModel


class IndicatorSet(TimestampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (editable)"
        PUBLISHED = "published", "Published (in use)"
        RETIRED = "retired", "Retired (kept for old assessments)"

    name = models.CharField(max_length=200)
    version = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["version"], name="indicator_set_version_unique"),
            models.UniqueConstraint(
                fields=["status"],
                condition=models.Q(status="published"),
                name="one_published_indicator_set",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version} ({self.get_status_display()})"

    @property
    def is_frozen(self) -> bool:
        return self.status != self.Status.DRAFT


class Dimension(models.Model):
    indicator_set = models.ForeignKey(
        IndicatorSet, on_delete=models.CASCADE, related_name="dimensions"
    )
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["indicator_set", "code"], name="dimension_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class AnswerType(models.TextChoices):
    NUMBER = "number", "Number"
    PERCENTAGE = "percentage", "Percentage"
    CHOICE = "choice", "Choice"
    YES_NO = "yes_no", "Yes / no"
    TEXT = "text", "Text"
    DATE = "date", "Date"


class Indicator(models.Model):
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="indicators")
    code = models.SlugField(
        max_length=40, help_text="Stable across versions: peer comparison matches on it."
    )
    name = models.CharField(max_length=200)
    help_text = models.TextField(blank=True)
    answer_type = models.CharField(max_length=12, choices=AnswerType.choices)
    unit = models.CharField(max_length=40, blank=True)
    min_value = models.FloatField(null=True, blank=True)
    max_value = models.FloatField(null=True, blank=True)
    # For choice answers: [{"value": "...", "label": "...", "rating": "green|yellow|red"}].
    choices = models.JSONField(default=list, blank=True)
    green_at = models.FloatField(null=True, blank=True)
    yellow_at = models.FloatField(null=True, blank=True)
    higher_is_better = models.BooleanField(default=True)
    required = models.BooleanField(default=True)
    evidence_required = models.BooleanField(default=False)
    minimum_requirement = models.BooleanField(default=False)
    quality = models.BooleanField("quality indicator", default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["dimension__position", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "code"], name="indicator_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.name}"

    @property
    def is_numeric(self) -> bool:
        return self.answer_type in (AnswerType.NUMBER, AnswerType.PERCENTAGE)
