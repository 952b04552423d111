"""The NUTS import command on the real GISCO files, and its error handling."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from clusterbridge.taxonomy.models import NutsRegion

pytestmark = pytest.mark.django_db

# /work/main/tests/taxonomy/test_import_nuts.py → parents[3] is /work, next to the repository.
GISCO_DIR = Path(__file__).resolve().parents[3] / "shared" / "data" / "nuts2021"
POINT_FILES = ("nutspt_0.json", "nutspt_1.json", "nutspt_2.json")
POLYGON_FILE = "nutsrg_2_60M.json"


@pytest.fixture
def gisco() -> Path:
    missing = [name for name in (*POINT_FILES, POLYGON_FILE) if not (GISCO_DIR / name).is_file()]
    if missing:
        pytest.fail(
            f"The GISCO reference files are missing: {', '.join(missing)} not found in {GISCO_DIR}. "
            "These tests need the shared/ directory next to the repository (see shared/README.md)."
        )
    return GISCO_DIR


@pytest.fixture
def empty_table():
    NutsRegion.objects.all().delete()
    assert NutsRegion.objects.count() == 0


def run(*args) -> str:
    out = StringIO()
    call_command("import_nuts", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def level_counts() -> dict[int, int]:
    return {level: NutsRegion.objects.filter(level=level).count() for level in (0, 1, 2, 3)}


def test_import_label_points_and_polygons(gisco, empty_table):
    output = run(*(gisco / name for name in (*POINT_FILES, POLYGON_FILE)))

    assert output.strip() == "Imported 488 NUTS regions."
    assert level_counts() == {0: 37, 1: 123, 2: 328, 3: 0}
    assert NutsRegion.objects.count() == 488
    berlin = NutsRegion.objects.select_related("parent__parent").get(code="DE30")
    assert (berlin.name, berlin.level, berlin.country_code) == ("Berlin", 2, "DE")
    assert berlin.parent.code == "DE3"
    assert berlin.parent.parent.code == "DE"
    assert berlin.parent.parent.parent is None
    assert (berlin.latitude, berlin.longitude) == (52.5, 13.402)
    attiki = NutsRegion.objects.get(code="EL30")
    assert (attiki.name, attiki.country_code, attiki.parent.code) == ("Attiki", "EL", "EL3")
    assert NutsRegion.objects.get(code="CY00").name == "Kýpros"
    assert NutsRegion.objects.get(code="DE").name == "Deutschland"
    assert NutsRegion.objects.filter(latitude=None).count() == 0
    assert NutsRegion.objects.filter(level__gt=0, parent=None).count() == 0
    # Every region's parent is one level up and its code is the parent's code plus one character.
    for region in NutsRegion.objects.filter(level__gt=0).select_related("parent"):
        assert region.parent.level == region.level - 1
        assert region.code[:-1] == region.parent.code


def test_polygons_file_alone_is_accepted(gisco, empty_table):
    output = run(gisco / POLYGON_FILE)
    assert output.strip() == "Imported 328 NUTS regions."
    assert level_counts() == {0: 0, 1: 0, 2: 328, 3: 0}
    region = NutsRegion.objects.get(code="BE31")
    assert region.name == "Prov. Brabant Wallon"
    assert (region.latitude, region.longitude, region.parent) == (None, None, None)
    # Adding the label points afterwards links the parents and fills in the coordinates.
    run(*(gisco / name for name in POINT_FILES))
    region.refresh_from_db()
    assert region.parent.code == "BE3"
    assert region.latitude is not None


def test_import_is_idempotent(gisco, empty_table):
    files = [gisco / name for name in (*POINT_FILES, POLYGON_FILE)]
    run(*files)
    before = list(
        NutsRegion.objects.order_by("code").values_list(
            "id", "code", "name", "level", "parent_id", "latitude", "longitude"
        )
    )
    assert run(*files).strip() == "Imported 488 NUTS regions."
    after = list(
        NutsRegion.objects.order_by("code").values_list(
            "id", "code", "name", "level", "parent_id", "latitude", "longitude"
        )
    )
    assert after == before


def test_import_over_the_migrated_data_keeps_ids_and_counts(gisco):
    berlin_id = NutsRegion.objects.get(code="DE30").pk
    run(*(gisco / name for name in POINT_FILES))
    assert NutsRegion.objects.count() == 488
    berlin = NutsRegion.objects.get(code="DE30")
    assert berlin.pk == berlin_id
    assert (berlin.latitude, berlin.longitude) == (52.5, 13.402)


def test_max_level(gisco, empty_table):
    output = run(*(gisco / name for name in POINT_FILES), "--max-level", "1")
    assert output.strip() == "Imported 160 NUTS regions."
    assert level_counts() == {0: 37, 1: 123, 2: 0, 3: 0}


# -- bad input ------------------------------------------------------------------------------


def _write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def _feature(code, name="Somewhere", point=(1.0, 2.0)):
    return {
        "type": "Feature",
        "properties": {"id": code, "na": name},
        "geometry": {"type": "Point", "coordinates": list(point)},
    }


def test_malformed_json(tmp_path):
    path = _write(tmp_path, "broken.json", '{"type": "FeatureCollection", "features": [')
    with pytest.raises(
        CommandError, match=r"^broken\.json: not valid JSON \(Expecting value, line 1\)$"
    ):
        run(path)
    assert NutsRegion.objects.count() == 488


def test_not_a_feature_collection(tmp_path):
    path = _write(tmp_path, "feature.json", json.dumps(_feature("DE30")))
    with pytest.raises(
        CommandError, match=r"^feature\.json: expected a GeoJSON FeatureCollection$"
    ):
        run(path)
    path = _write(tmp_path, "list.json", "[]")
    with pytest.raises(CommandError, match="expected a GeoJSON FeatureCollection"):
        run(path)


@pytest.mark.parametrize("code", ["D3", "DE-30", "DE3000", "", None, "123"])
def test_bad_code(tmp_path, code):
    path = _write(
        tmp_path,
        "bad.json",
        json.dumps({"type": "FeatureCollection", "features": [_feature("ZZ1"), _feature(code)]}),
    )
    with pytest.raises(CommandError, match=r"^bad\.json feature 1: .* is not a NUTS code$"):
        run(path)
    assert not NutsRegion.objects.filter(code="ZZ1").exists()  # nothing written


def test_missing_name(tmp_path):
    path = _write(
        tmp_path,
        "noname.json",
        json.dumps({"type": "FeatureCollection", "features": [_feature("ZZ1", name="")]}),
    )
    with pytest.raises(CommandError, match=r"^noname\.json feature 0 \(ZZ1\): no name$"):
        run(path)


def test_feature_that_is_not_an_object_is_a_command_error(tmp_path):
    path = _write(
        tmp_path, "odd.json", json.dumps({"type": "FeatureCollection", "features": ["DE30"]})
    )
    with pytest.raises(CommandError):
        run(path)


def test_a_bad_file_among_good_ones_writes_nothing(gisco, tmp_path, empty_table):
    bad = _write(tmp_path, "bad.json", '{"type": "Feature"}')
    with pytest.raises(CommandError):
        run(gisco / "nutspt_0.json", bad)
    assert NutsRegion.objects.count() == 0


def test_missing_file_and_unsupported_type(tmp_path):
    with pytest.raises(CommandError, match=r"no such file$"):
        run(tmp_path / "nope.json")
    with pytest.raises(
        CommandError, match=r"^regions\.txt: unsupported file type \(use GeoJSON or CSV\)$"
    ):
        run(_write(tmp_path, "regions.txt", "DE30"))


def test_csv_import(tmp_path):
    path = _write(
        tmp_path,
        "nuts.csv",
        "NUTS_ID,LEVL_CODE,NAME_LATN\nZZ,0,Zedland\nZZ1,1,North Zedland\nZZ11,2,Zed City\n",
    )
    assert run(path).strip() == "Imported 3 NUTS regions."
    region = NutsRegion.objects.get(code="ZZ11")
    assert (region.name, region.level, region.parent.code, region.parent.parent.code) == (
        "Zed City",
        2,
        "ZZ1",
        "ZZ",
    )
    bad = _write(tmp_path, "bad.csv", "code;name\nZZ;Zedland\n")
    with pytest.raises(CommandError, match="needs a NUTS_ID and a NAME_LATN"):
        run(bad)
