"""Tables of the observatory as CSV and JSON (every table a page shows can be downloaded).

Cells pass through ``common.csv.safe_row`` (a name starting with "=" never runs as a formula).
Column names are the same in every language; demo figures say so in a column of their own."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from django.http import HttpResponse

from clusterbridge.common.csv import safe_row
from clusterbridge.observatory.models import Dataset
from clusterbridge.observatory.queries.statistics import Row

INDICATOR_COLUMNS = [
    "region",
    "region_name",
    "category",
    "category_name",
    "year",
    "employment",
    "enterprises",
    "wages",
    "gva",
    "share",
    "lq",
    "productivity",
    "size_rank",
    "stars",
    "size_star",
    "specialisation_star",
    "focus_star",
    "productivity_star",
    "flags",
    "dataset",
    "dataset_version",
    "reference",
    "demo_data",
]


def indicator_row(row: Row, dataset: Dataset, reference: str) -> dict:
    i = row.indicator
    return {
        "region": row.region_code,
        "region_name": row.region_name,
        "category": row.category_code,
        "category_name": row.category.display_name if row.category else row.category_code,
        "year": i.year,
        "employment": i.employment,
        "enterprises": i.enterprises,
        "wages": i.wages,
        "gva": i.gva,
        "share": None if i.share is None else round(i.share, 6),
        "lq": None if i.lq is None else round(i.lq, 4),
        "productivity": None if i.productivity is None else round(i.productivity, 2),
        "size_rank": i.size_rank,
        "stars": i.stars,
        "size_star": i.size_star,
        "specialisation_star": i.specialisation_star,
        "focus_star": i.focus_star,
        "productivity_star": i.productivity_star,
        "flags": row.flags,
        "dataset": dataset.slug,
        "dataset_version": dataset.version,
        "reference": reference or "europe",
        "demo_data": dataset.is_demo,
    }


def dataset_dict(dataset: Dataset) -> dict:
    return {
        "slug": dataset.slug,
        "name": dataset.name,
        "source": dataset.source,
        "source_url": dataset.source_url,
        "licence": dataset.licence,
        "version": dataset.version,
        "imported_at": dataset.imported_at.isoformat() if dataset.imported_at else None,
        "demo_data": dataset.is_demo,
        "approximate_mapping": dataset.approximate_mapping,
    }


def response(rows: Iterable[dict], columns: list[str], *, fmt: str, filename: str, meta: dict):
    rows = list(rows)
    if fmt == "json":
        body = json.dumps({**meta, "rows": rows}, ensure_ascii=False, default=str)
        result = HttpResponse(body, content_type="application/json")
    else:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(safe_row(row))
        result = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    result["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return result
