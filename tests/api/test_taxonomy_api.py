"""Taxonomy endpoints: complete lists, filters, errors, fixed query counts."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_sectors(api, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = api.get("/api/v1/taxonomies/sectors/")
    body = response.json()
    assert len(body) == 61
    assert sum(1 for s in body if s["kind"] == "traded") == 51
    assert {"code": "automotive", "kind": "traded", "name": "Automotive"} in body


def test_ecosystems_and_technologies(api, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        ecosystems = api.get("/api/v1/taxonomies/ecosystems/").json()
    with django_assert_max_num_queries(1):
        technologies = api.get("/api/v1/taxonomies/technologies/").json()
    assert len(ecosystems) == 14
    assert [t["code"] for t in technologies] == [
        "advanced-manufacturing-technologies",
        "advanced-materials",
        "industrial-biotechnology",
        "micro-and-nanoelectronics",
        "nanotechnology",
        "photonics",
    ]


def test_regions_all_in_one_query(api, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        body = api.get("/api/v1/taxonomies/regions/").json()
    assert len(body) == 488
    assert {
        "code": "DE30",
        "level": 2,
        "name": "Berlin",
        "country_code": "DE",
        "parent": "DE3",
    } in body
    assert {
        "code": "DE",
        "level": 0,
        "name": "Deutschland",
        "country_code": "DE",
        "parent": None,
    } in body


def test_regions_filters(api):
    assert len(api.get("/api/v1/taxonomies/regions/", {"level": 2}).json()) == 328
    greek = api.get("/api/v1/taxonomies/regions/", {"level": 2, "country": "el"}).json()
    assert len(greek) == 13
    assert all(r["code"].startswith("EL") for r in greek)


@pytest.mark.parametrize("level", ["4", "x", "-1"])
def test_regions_bad_level(api, level):
    response = api.get("/api/v1/taxonomies/regions/", {"level": level})
    assert response.status_code == 400
    assert response.json() == {
        "error": "validation_error",
        "message": f"Unknown NUTS level “{level}”; use 0, 1, 2 or 3.",
    }


def test_countries(api):
    body = api.get("/api/v1/taxonomies/countries/").json()
    assert {"code": "GR", "name": "Greece"} in body
    assert {"code": "DE", "name": "Germany"} in body
