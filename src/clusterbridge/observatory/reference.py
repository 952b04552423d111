"""The reference data the observatory ships (``data/`` and the region outlines in ``static/``)
and how it is built from Eurostat GISCO's files (``build_observatory_reference``)."""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path

from clusterbridge.clusterstats.geometry import Area, simplify

APP_DIR = Path(__file__).resolve().parent
DATA_DIR = APP_DIR / "data"
SHAPES_STATIC = "observatory/nuts2_2021_60m.json"
SHAPES_FILE = APP_DIR / "static" / SHAPES_STATIC
AREAS_FILE = DATA_DIR / "nuts2_areas.csv"
ATTRIBUTION = "© EuroGeographics for the administrative boundaries"
# The NACE mappings shipped with the platform: key → file.
MAPPING_FILES = {"sections": "nace_sections.csv", "divisions": "nace_divisions.csv"}


def mapping_path(key: str) -> Path:
    return DATA_DIR / MAPPING_FILES[key]


@cache
def areas() -> dict[str, float]:
    """NUTS-2 code → area in km²."""
    with AREAS_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: float(row["area_km2"]) for row in csv.DictReader(handle)}


@cache
def _geometries() -> dict[str, dict]:
    with SHAPES_FILE.open(encoding="utf-8") as handle:
        collection = json.load(handle)
    return {feature["properties"]["id"]: feature["geometry"] for feature in collection["features"]}


def area_of(code: str) -> Area:
    """The outline of a region of any level: the union of its NUTS-2 outlines."""
    return Area.from_geometries(g for c, g in _geometries().items() if c.startswith(code))


def build_shapes(source: Path, *, digits: int = 2) -> dict:
    """The level-2 outlines of ``nutsrg_2.json`` (GISCO, EPSG:4326), lighter (see
    ``clusterstats.geometry.simplify``), keeping the code and the name of each region."""
    with source.open(encoding="utf-8") as handle:
        collection = json.load(handle)
    features = []
    for feature in sorted(collection["features"], key=lambda f: f["properties"]["id"]):
        geometry = simplify(feature["geometry"], digits=digits)
        if geometry is None:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "id": feature["properties"]["id"],
                    "na": feature["properties"]["na"],
                },
                "geometry": geometry,
            }
        )
    return {"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": features}


def build_areas(source: Path) -> list[tuple[str, float]]:
    """(code, km²) of the level-2 label points of ``nutspt_2.json`` that carry an area."""
    with source.open(encoding="utf-8") as handle:
        collection = json.load(handle)
    rows = []
    for feature in collection["features"]:
        area = feature["properties"].get("ar")
        if area:
            rows.append((feature["properties"]["id"], round(area / 1_000_000, 1)))
    return sorted(rows)
