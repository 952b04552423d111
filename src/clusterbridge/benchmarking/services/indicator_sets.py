"""Indicator sets: load the default set, copy a set as a new draft version, publish a version."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from clusterbridge.benchmarking.models import Dimension, Indicator, IndicatorSet

DEFAULT_SET_FILE = Path(__file__).resolve().parent.parent / "data" / "default_indicator_set.json"
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
        raise ValidationError("A set without indicators cannot be published.")
    codes = [i.code for i in indicators]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise ValidationError(
            "Indicator codes must be unique within a set; repeated: " + ", ".join(duplicates) + "."
        )
    for ind in indicators:
        if ind.is_numeric and (ind.green_at is None) != (ind.yellow_at is None):
            raise ValidationError(f"Indicator {ind.code}: give both thresholds or neither.")
        if ind.answer_type == "choice" and not ind.choices:
            raise ValidationError(f"Indicator {ind.code}: a choice indicator needs choices.")


@transaction.atomic
def publish_set(*, indicator_set: IndicatorSet) -> IndicatorSet:
    """Publish a draft version; the previous one is retired (its assessments keep it)."""
    indicator_set = IndicatorSet.objects.select_for_update().get(pk=indicator_set.pk)
    if indicator_set.status != IndicatorSet.Status.DRAFT:
        raise ValidationError("Only a draft version can be published.")
    validate_set(indicator_set)
    IndicatorSet.objects.filter(status=IndicatorSet.Status.PUBLISHED).update(
        status=IndicatorSet.Status.RETIRED
    )
    indicator_set.status = IndicatorSet.Status.PUBLISHED
    indicator_set.published_at = timezone.now()
    indicator_set.save(update_fields=["status", "published_at", "updated_at"])
    return indicator_set
