"""Reading the official GISCO NUTS files (GeoJSON from Nuts2json/GISCO, or the GISCO CSV)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

NUTS_CODE = re.compile(r"^[A-Z]{2}[0-9A-Z]{0,3}$")


class GiscoFormatError(ValueError):
    pass


def _check_code(code: str, where: str) -> str:
    code = (code or "").strip().upper()
    if not NUTS_CODE.match(code):
        raise GiscoFormatError(f"{where}: {code!r} is not a NUTS code")
    return code


def read_geojson(path: Path) -> list[dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise GiscoFormatError(
            f"{path.name}: not valid JSON ({exc.msg}, line {exc.lineno})"
        ) from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise GiscoFormatError(f"{path.name}: expected a GeoJSON FeatureCollection")
    regions = []
    features = data.get("features")
    if not isinstance(features, list):
        raise GiscoFormatError(f"{path.name}: the FeatureCollection has no list of features")
    for index, feature in enumerate(features):
        if not isinstance(feature, dict) or not isinstance(feature.get("properties") or {}, dict):
            raise GiscoFormatError(f"{path.name} feature {index}: not a GeoJSON feature object")
        props = feature.get("properties") or {}
        code = _check_code(props.get("id") or props.get("NUTS_ID"), f"{path.name} feature {index}")
        name = props.get("na") or props.get("NAME_LATN") or props.get("NUTS_NAME")
        if not name:
            raise GiscoFormatError(f"{path.name} feature {index} ({code}): no name")
        region = {"code": code, "name": name, "level": props.get("LEVL_CODE", len(code) - 2)}
        geometry = feature.get("geometry") or {}
        if isinstance(geometry, dict) and geometry.get("type") == "Point":
            coordinates = geometry.get("coordinates")
            if not (
                isinstance(coordinates, list)
                and len(coordinates) >= 2
                and all(isinstance(c, int | float) for c in coordinates[:2])
            ):
                raise GiscoFormatError(
                    f"{path.name} feature {index} ({code}): bad point coordinates"
                )
            region["longitude"], region["latitude"] = coordinates[:2]
        regions.append(region)
    return regions


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = set(reader.fieldnames or [])
        code_column = next((c for c in ("NUTS_ID", "code", "CODE") if c in columns), None)
        name_column = next((c for c in ("NAME_LATN", "NUTS_NAME", "name") if c in columns), None)
        if not code_column or not name_column:
            raise GiscoFormatError(
                f"{path.name}: needs a NUTS_ID and a NAME_LATN (or NUTS_NAME) column"
            )
        regions = []
        for line, row in enumerate(reader, start=2):
            code = _check_code(row[code_column], f"{path.name} line {line}")
            level = row.get("LEVL_CODE") or row.get("level")
            regions.append(
                {"code": code, "name": row[name_column], "level": int(level) if level else None}
            )
        return regions


def read_file(path: Path) -> list[dict]:
    if path.suffix.lower() in {".json", ".geojson"}:
        return read_geojson(path)
    if path.suffix.lower() == ".csv":
        return read_csv(path)
    raise GiscoFormatError(f"{path.name}: unsupported file type (use GeoJSON or CSV)")


def merge(regions: list[dict]) -> list[dict]:
    """Merge records of the same code from several files (e.g. polygons and label points)."""
    merged: dict[str, dict] = {}
    for region in regions:
        current = merged.setdefault(region["code"], {})
        current.update({k: v for k, v in region.items() if v is not None})
    return [r for r in merged.values() if r["level"] is None or int(r["level"]) <= 3]
