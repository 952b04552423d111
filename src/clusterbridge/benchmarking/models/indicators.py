"""Versioned indicator sets: a set has dimensions, a dimension has indicators.

A published set is frozen: assessments point at the set's own indicator rows, so editing or
replacing a set never changes an old assessment. New versions are copies (services.indicator_sets).
"""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from clusterbridge.common.models import TimestampedModel


def _translated(obj, field: str) -> str:
    """``field`` of an indicator-set text in the active language: its ``translations`` entry
    for the language ({"fr": {"name": "…"}}), else the English text stored in the field."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    texts = obj.translations or {}
    for code in (language, language.split("-")[0]):
        text = (texts.get(code) or {}).get(field)
        if text:
            return text
    return getattr(obj, field)


TRANSLATIONS_HELP = _(
    'Texts in other languages, by language code: {"fr": {"name": "…", "description": "…"}}. '
    "A missing text is shown in English."
)


class IndicatorSet(TimestampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft (editable)")
        PUBLISHED = "published", _("Published (in use)")
        RETIRED = "retired", _("Retired (kept for old assessments)")

    name = models.CharField(_("name"), max_length=200)
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("indicator set")
        verbose_name_plural = _("indicator sets")
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
        return _("%(name)s v%(version)s (%(status)s)") % {
            "name": self.name,
            "version": self.version,
            "status": self.get_status_display(),
        }

    @property
    def is_frozen(self) -> bool:
        return self.status != self.Status.DRAFT


class Dimension(models.Model):
    indicator_set = models.ForeignKey(
        IndicatorSet,
        on_delete=models.CASCADE,
        related_name="dimensions",
        verbose_name=_("indicator set"),
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=120, help_text=_("In English."))
    description = models.TextField(_("description"), blank=True, help_text=_("In English."))
    translations = models.JSONField(
        _("translations"), default=dict, blank=True, help_text=TRANSLATIONS_HELP
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["indicator_set", "code"], name="dimension_code_unique")
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the reader's language (English when not translated)."""
        return _translated(self, "name")

    @property
    def display_description(self) -> str:
        return _translated(self, "description")


class AnswerType(models.TextChoices):
    NUMBER = "number", _("Number")
    PERCENTAGE = "percentage", _("Percentage")
    CHOICE = "choice", _("Choice")
    YES_NO = "yes_no", _("Yes / no")
    TEXT = "text", _("Text")
    DATE = "date", _("Date")


class Indicator(models.Model):
    dimension = models.ForeignKey(
        Dimension, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("dimension")
    )
    code = models.SlugField(
        _("code"),
        max_length=40,
        help_text=_("Stable across versions: peer comparison matches on it."),
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("In English."))
    help_text = models.TextField(_("help text"), blank=True, help_text=_("In English."))
    answer_type = models.CharField(_("answer type"), max_length=12, choices=AnswerType.choices)
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("In English."))
    min_value = models.FloatField(_("minimum value"), null=True, blank=True)
    max_value = models.FloatField(_("maximum value"), null=True, blank=True)
    # For choice answers: [{"value": "...", "label": "...", "rating": "green|yellow|red"}].
    choices = models.JSONField(_("choices"), default=list, blank=True)
    # {"fr": {"name": "…", "help_text": "…", "unit": "…", "choices": {"<value>": "<label>"}}}
    translations = models.JSONField(
        _("translations"), default=dict, blank=True, help_text=TRANSLATIONS_HELP
    )
    green_at = models.FloatField(_("green from"), null=True, blank=True)
    yellow_at = models.FloatField(_("yellow from"), null=True, blank=True)
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    required = models.BooleanField(_("required"), default=True)
    evidence_required = models.BooleanField(_("evidence required"), default=False)
    minimum_requirement = models.BooleanField(_("minimum requirement"), default=False)
    quality = models.BooleanField(_("quality indicator"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["dimension__position", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "code"], name="indicator_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.display_name}"

    @property
    def display_name(self) -> str:
        """The name in the reader's language (English when not translated)."""
        return _translated(self, "name")

    @property
    def display_help_text(self) -> str:
        return _translated(self, "help_text")

    @property
    def display_unit(self) -> str:
        return _translated(self, "unit") if self.unit else ""

    @property
    def display_choices(self) -> list[dict]:
        """The choices with their labels in the reader's language."""
        language = translation.get_language() or settings.LANGUAGE_CODE
        texts = self.translations or {}
        labels = {}
        for code in (language.split("-")[0], language):
            labels.update((texts.get(code) or {}).get("choices") or {})
        return [
            {**c, "label": labels.get(c["value"]) or c.get("label") or c["value"]}
            for c in self.choices or []
        ]

    @property
    def is_numeric(self) -> bool:
        return self.answer_type in (AnswerType.NUMBER, AnswerType.PERCENTAGE)
