"""Loading the reference taxonomies shipped in ``taxonomy/data/``.

The functions take model classes as arguments so that data migrations (historical models)
and the ``load_taxonomies`` command share one implementation.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
# Translated names of cluster categories, ecosystems and technologies: name_fr, name_de, …
NAME_PREFIX = "name_"


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def translated_names(row: dict[str, str]) -> dict[str, str]:
    """{"fr": …, "de": …} from a CSV row's ``name_<language>`` columns (empty ones left out)."""
    return {
        key.removeprefix(NAME_PREFIX): value.strip()
        for key, value in row.items()
        if key.startswith(NAME_PREFIX) and value and value.strip()
    }


def _has_field(model, name: str) -> bool:
    return any(f.name == name for f in model._meta.get_fields())


def upsert_codes(model, rows: Iterable[dict[str, str]], fields: tuple[str, ...]) -> int:
    """Create or update rows by ``code``; returns the number of rows written.

    The translated names (``name_fr``, ``name_de``… columns) go to ``names`` when the model has
    that field (the historical model of the first data migration has not)."""
    with_names = _has_field(model, "names")
    count = 0
    for row in rows:
        defaults = {f: row[f] for f in fields}
        if with_names:
            defaults["names"] = translated_names(row)
        model.objects.update_or_create(code=row["code"], defaults=defaults)
        count += 1
    return count


def load_names(category_model, ecosystem_model, technology_model) -> int:
    """Fill ``names`` of the existing rows from the shipped CSV files (a data migration)."""
    count = 0
    for model, name in (
        (category_model, "cluster_categories.csv"),
        (ecosystem_model, "industrial_ecosystems.csv"),
        (technology_model, "key_enabling_technologies.csv"),
    ):
        for row in read_csv(name):
            count += model.objects.filter(code=row["code"]).update(names=translated_names(row))
    return count


def upsert_nuts(model, regions: Iterable[dict]) -> int:
    """Create or update NUTS regions (dicts with code, name and optional level/lat/lon).

    Parents are linked by code prefix, so levels may arrive in any order.
    """
    count = 0
    for region in sorted(regions, key=lambda r: r["code"]):
        code = region["code"].strip().upper()
        defaults = {
            "name": region["name"].strip(),
            "level": int(region.get("level") if region.get("level") is not None else len(code) - 2),
            "country_code": code[:2],
        }
        for coordinate in ("latitude", "longitude"):
            if region.get(coordinate) is not None:
                defaults[coordinate] = float(region[coordinate])
        model.objects.update_or_create(code=code, defaults=defaults)
        count += 1
    by_code = {r.code: r for r in model.objects.all()}
    for code, region in by_code.items():
        parent = by_code.get(code[:-1]) if len(code) > 2 else None
        if region.parent_id != (parent.pk if parent else None):
            region.parent = parent
            region.save(update_fields=["parent"])
    return count


def load_all(nuts_model, category_model, ecosystem_model, technology_model) -> dict[str, int]:
    return {
        "nuts": upsert_nuts(nuts_model, read_csv("nuts2021.csv")),
        "categories": upsert_codes(
            category_model, read_csv("cluster_categories.csv"), ("kind", "name")
        ),
        "ecosystems": upsert_codes(
            ecosystem_model, read_csv("industrial_ecosystems.csv"), ("name",)
        ),
        "technologies": upsert_codes(
            technology_model, read_csv("key_enabling_technologies.csv"), ("name",)
        ),
    }
