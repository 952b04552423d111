from clusterbridge.clusterstats.geometry import Area, simplify

SQUARE_WITH_HOLE = {
    "type": "Polygon",
    "coordinates": [
        [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
        [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]],
    ],
}
ISLAND = {"type": "Polygon", "coordinates": [[[20, 20], [21, 20], [21, 21], [20, 21], [20, 20]]]}


def test_points_inside_outside_and_in_holes():
    area = Area.from_geometries([SQUARE_WITH_HOLE, ISLAND])
    assert area.contains(1, 1)
    assert not area.contains(5, 5)  # in the hole
    assert not area.contains(11, 5)
    assert area.contains(20.5, 20.5)
    assert area.bbox == (0, 0, 21, 21)
    assert Area.from_geometries([]).bbox is None


def test_simplify_rounds_and_drops_collapsed_rings():
    geometry = {
        "type": "MultiPolygon",
        "coordinates": [
            [[[0.001, 0.001], [1.004, 0.0], [1.0, 1.0], [0.0, 1.0], [0.001, 0.001]]],
            [[[5.0, 5.0], [5.001, 5.0], [5.0, 5.001], [5.0, 5.0]]],  # a speck
        ],
    }
    assert simplify(geometry) == {
        "type": "Polygon",
        "coordinates": [[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]],
    }
    assert simplify({"type": "Polygon", "coordinates": [[[5, 5], [5.001, 5], [5, 5]]]}) is None
