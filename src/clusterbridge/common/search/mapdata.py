"""The map data of a search, as compact JSON for ``common/static/js/map.js``.

``{"count": n, "columns": [...], "points": [[...], ...]}``: one array per point, columns named
once, no spaces, UTF-8 (not ``\\u``-escaped). The columns are, in this order, the key used in the
detail URL, the name, the kind, "lat", "lon" and the city; coordinates are rounded to 5 decimals
(about a metre).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

COORDINATES = ("lat", "lon")
DECIMALS = 5


def points(columns: Sequence[str], rows: Iterable[Sequence]) -> list[list]:
    rounded = [i for i, name in enumerate(columns) if name in COORDINATES]
    result = []
    for row in rows:
        point = list(row)
        for i in rounded:
            point[i] = round(point[i], DECIMALS)
        result.append(point)
    return result


def payload(columns: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    found = points(columns, rows)
    return json.dumps(
        {"count": len(found), "columns": list(columns), "points": found},
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode()
