"""Datasets as people find them: the one shown first, the list, a dataset's series."""

from __future__ import annotations

from django.db.models import QuerySet

from clusterbridge.observatory.models import Dataset, ImportJob


def usable() -> QuerySet[Dataset]:
    """Datasets with statistics (a dataset being created by its first import has none)."""
    return Dataset.objects.filter(cell_count__gt=0)


def default_dataset() -> Dataset | None:
    """The dataset shown first: the one staff chose, else the most recently imported."""
    return usable().order_by("-is_default", "-imported_at", "-pk").first()


def listed() -> list[Dataset]:
    return list(
        usable()
        .select_related("imported_by")
        .prefetch_related("series")
        .order_by("-is_default", "name", "pk")
    )


def by_slug(slug: str) -> Dataset | None:
    return usable().filter(slug=slug).first()


def recent_imports(limit: int = 20) -> list[ImportJob]:
    return list(ImportJob.objects.select_related("created_by", "dataset")[:limit])
