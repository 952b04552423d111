"""Region outlines (GeoJSON Polygon/MultiPolygon, longitude/latitude): which region holds a
point, and a lighter copy of the outlines for the map.

Outlines at 1:60 million are coarse (a few kilometres): a point near a border or on the coast
may fall in the neighbouring region or in none.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Ring = Sequence[Sequence[float]]  # [[lon, lat], …], first point repeated last


def _in_ring(lon: float, lat: float, ring: Ring) -> bool:
    """Ray casting: does a ray from the point towards +longitude cross the ring an odd number
    of times?"""
    inside = False
    count = len(ring)
    for i in range(count):
        x1, y1 = ring[i][0], ring[i][1]
        x2, y2 = ring[i - 1][0], ring[i - 1][1]
        if (y1 > lat) != (y2 > lat):
            crossing = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
            if lon < crossing:
                inside = not inside
    return inside


def _polygons(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    raise ValueError(f"not a polygon: {geometry['type']}")


@dataclass(frozen=True)
class Area:
    """One or more polygons (each an outer ring and holes)."""

    polygons: tuple

    @classmethod
    def from_geometries(cls, geometries: Iterable[dict]) -> Area:
        return cls(polygons=tuple(p for g in geometries for p in _polygons(g)))

    @property
    def bbox(self) -> tuple[float, float, float, float] | None:
        """(min longitude, min latitude, max longitude, max latitude), None when empty."""
        points = [point for polygon in self.polygons for point in polygon[0]]
        if not points:
            return None
        lons, lats = [p[0] for p in points], [p[1] for p in points]
        return min(lons), min(lats), max(lons), max(lats)

    def contains(self, lon: float, lat: float) -> bool:
        for outer, *holes in self.polygons:
            if _in_ring(lon, lat, outer) and not any(_in_ring(lon, lat, h) for h in holes):
                return True
        return False


def _simplify_ring(ring: Ring, digits: int) -> list[list[float]]:
    points: list[list[float]] = []
    for lon, lat, *_ in ring:
        point = [round(lon, digits), round(lat, digits)]
        if not points or point != points[-1]:
            points.append(point)
    if points and points[0] != points[-1]:
        points.append(points[0])
    return points


def simplify(geometry: dict, *, digits: int = 2) -> dict | None:
    """The geometry with coordinates rounded to ``digits`` decimals (2: about a kilometre,
    finer than a 1:60 million map shows), repeated points removed and rings that collapse to
    fewer than four points dropped; None when nothing is left."""
    polygons = []
    for polygon in _polygons(geometry):
        outer = _simplify_ring(polygon[0], digits)
        if len(outer) < 4:
            continue
        holes = [h for h in (_simplify_ring(r, digits) for r in polygon[1:]) if len(h) >= 4]
        polygons.append([outer, *holes])
    if not polygons:
        return None
    if len(polygons) == 1:
        return {"type": "Polygon", "coordinates": polygons[0]}
    return {"type": "MultiPolygon", "coordinates": polygons}
