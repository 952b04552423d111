"""Indicator sets: load the default set, copy a set as a new draft version, publish a version."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterbridge.benchmarking.models import Dimension, Indicator, IndicatorSet

DEFAULT_SET_FILE = Path(__file__).resolve().parent.parent / "data" / "default_indicator_set.json"
# The default set's texts in other languages: {"dimensions": {code: {"fr": {...}}},
# "indicators": {code: {"fr": {"name", "help_text", "unit", "choices": {value: label}}}}}.
DEFAULT_TRANSLATIONS_FILE = DEFAULT_SET_FILE.with_name("default_indicator_set_translations.json")
INDICATOR_FIELDS = (
    "code",
    "name",
    "help_text",
    "answer_type",
    "unit",
    "min_value",
    "max_value",
    "choices",
    "green_at",
    "yellow_at",
    "higher_is_better",
    "required",
    "evidence_required",
    "minimum_requirement",
    "quality",
    "translations",
)


def load_default_set(set_model, dimension_model, indicator_model) -> None:
    """Create version 1 of the default set, published. Takes the model classes so the data
    migration can pass its historical models; does nothing when any set exists."""
    if set_model.objects.exists():
        return
    data = json.loads(DEFAULT_SET_FILE.read_text(encoding="utf-8"))
    indicator_set = set_model.objects.create(
        name=data["name"], version=1, status="published", published_at=timezone.now()
    )
    for d_pos, dim in enumerate(data["dimensions"]):
        dimension = dimension_model.objects.create(
            indicator_set=indicator_set,
            code=dim["code"],
            name=dim["name"],
            description=dim.get("description", ""),
            position=d_pos,
        )
        indicator_model.objects.bulk_create(
            indicator_model(
                dimension=dimension,
                position=i_pos,
                **{f: ind[f] for f in INDICATOR_FIELDS if f in ind},
            )
            for i_pos, ind in enumerate(dim["indicators"])
        )
    if _has_translations(dimension_model) and _has_translations(indicator_model):
        apply_default_translations(dimension_model, indicator_model)


def _has_translations(model) -> bool:
    # The data migration that loads the set runs before the translations field exists.
    return any(f.name == "translations" for f in model._meta.get_fields())


def apply_default_translations(dimension_model, indicator_model) -> int:
    """Give the default set's dimensions and indicators (every version, matched by code and
    by their unchanged English name) the shipped French and German texts; texts staff already
    translated are kept. Returns how many rows changed."""
    data = json.loads(DEFAULT_TRANSLATIONS_FILE.read_text(encoding="utf-8"))
    english = json.loads(DEFAULT_SET_FILE.read_text(encoding="utf-8"))
    names = {d["code"]: d["name"] for d in english["dimensions"]}
    indicator_names = {i["code"]: i["name"] for d in english["dimensions"] for i in d["indicators"]}
    changed = 0
    for model, texts, known in (
        (dimension_model, data["dimensions"], names),
        (indicator_model, data["indicators"], indicator_names),
    ):
        for row in model.objects.filter(code__in=list(texts)):
            if row.name != known.get(row.code):
                continue  # staff renamed it: the shipped translation may no longer fit
            merged = {lang: {**values, **(row.translations or {}).get(lang, {})}
                      for lang, values in texts[row.code].items()}  # fmt: skip
            merged = {**(row.translations or {}), **merged}
            if merged != row.translations:
                row.translations = merged
                row.save(update_fields=["translations"])
                changed += 1
    return changed


def ensure_default_set() -> IndicatorSet:
    load_default_set(IndicatorSet, Dimension, Indicator)
    return current_set()


def current_set() -> IndicatorSet | None:
    return IndicatorSet.objects.filter(status=IndicatorSet.Status.PUBLISHED).first()


@transaction.atomic
def copy_as_new_version(*, indicator_set: IndicatorSet) -> IndicatorSet:
    """A new draft version with copies of every dimension and indicator, for staff to edit."""
    version = (IndicatorSet.objects.aggregate(v=Max("version"))["v"] or 0) + 1
    copy = IndicatorSet.objects.create(name=indicator_set.name, version=version)
    for dimension in indicator_set.dimensions.prefetch_related("indicators"):
        new_dimension = Dimension.objects.create(
            indicator_set=copy,
            code=dimension.code,
            name=dimension.name,
            description=dimension.description,
            translations=dimension.translations,
            position=dimension.position,
        )
        Indicator.objects.bulk_create(
            Indicator(
                dimension=new_dimension,
                position=ind.position,
                **{f: getattr(ind, f) for f in INDICATOR_FIELDS},
            )
            for ind in dimension.indicators.all()
        )
    return copy


def validate_set(indicator_set: IndicatorSet) -> None:
    indicators = list(Indicator.objects.filter(dimension__indicator_set=indicator_set))
    if not indicators:
        raise ValidationError(_("A set without indicators cannot be published."))
    codes = [i.code for i in indicators]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise ValidationError(
            _("Indicator codes must be unique within a set; repeated: %(codes)s.")
            % {"codes": ", ".join(duplicates)}
        )
    for ind in indicators:
        if ind.is_numeric and (ind.green_at is None) != (ind.yellow_at is None):
            raise ValidationError(
                _("Indicator %(code)s: give both thresholds or neither.") % {"code": ind.code}
            )
        if ind.answer_type == "choice" and not ind.choices:
            raise ValidationError(
                _("Indicator %(code)s: a choice indicator needs choices.") % {"code": ind.code}
            )


@transaction.atomic
def publish_set(*, indicator_set: IndicatorSet) -> IndicatorSet:
    """Publish a draft version; the previous one is retired (its assessments keep it)."""
    indicator_set = IndicatorSet.objects.select_for_update().get(pk=indicator_set.pk)
    if indicator_set.status != IndicatorSet.Status.DRAFT:
        raise ValidationError(_("Only a draft version can be published."))
    validate_set(indicator_set)
    IndicatorSet.objects.filter(status=IndicatorSet.Status.PUBLISHED).update(
        status=IndicatorSet.Status.RETIRED
    )
    indicator_set.status = IndicatorSet.Status.PUBLISHED
    indicator_set.published_at = timezone.now()
    indicator_set.save(update_fields=["status", "published_at", "updated_at"])
    return indicator_set
