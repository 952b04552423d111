"""The map data serialiser: compact JSON, columns named once, coordinates rounded."""

from __future__ import annotations

import json

from clusterbridge.common.search import mapdata

COLUMNS = ["slug", "name", "kind", "lat", "lon", "city"]


def test_payload_is_compact_utf8_json_with_rounded_coordinates():
    payload = mapdata.payload(
        COLUMNS, [("zurich", "Zürich Photonics", "cluster", 47.376887, 8.541694, "Zürich")]
    )
    assert (
        payload
        == (
            '{"count":1,"columns":["slug","name","kind","lat","lon","city"],'
            '"points":[["zurich","Zürich Photonics","cluster",47.37689,8.54169,"Zürich"]]}'
        ).encode()
    )
    assert json.loads(payload)["points"][0][3] == 47.37689


def test_points_round_only_the_coordinate_columns():
    assert mapdata.points(
        ["ref", "lat", "lon", "score"], [("A", 1.123456789, 2.0, 0.123456789)]
    ) == [["A", 1.12346, 2.0, 0.123456789]]


def test_no_points():
    assert json.loads(mapdata.payload(COLUMNS, [])) == {
        "count": 0,
        "columns": COLUMNS,
        "points": [],
    }
