"""The observatory's API: datasets, series, portfolio, scoreboard, comparison."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.observatory.factories import AUTO, FOOD, make_dataset

pytestmark = pytest.mark.django_db
API = "/api/v1/observatory"


@pytest.fixture
def dataset():
    return make_dataset()


def test_datasets(client, dataset):
    body = client.get(f"{API}/datasets/").json()
    assert body["count"] == 1
    item = body["results"][0]
    assert (item["slug"], item["version"], item["years"], item["demo_data"]) == (
        "test-statistics",
        1,
        [2020, 2021],
        False,
    )
    assert [s["measure"] for s in item["series"]] == ["employment", "enterprises", "wages"]
    assert client.get(f"{API}/datasets/test-statistics/").json()["name"] == "Test statistics"
    missing = client.get(f"{API}/datasets/nothing/")
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"


def test_series(client, dataset):
    body = client.get(f"{API}/series/", {"region": "DE11", "sector": AUTO}).json()
    assert [(r["year"], r["employment"], round(r["lq"], 2)) for r in body["results"]] == [
        (2020, 300.0, 2.4),
        (2021, 330.0, 2.4),
    ]
    assert body["dataset"]["slug"] == "test-statistics"
    assert client.get(f"{API}/series/", {"region": "DE11"}).json()["count"] == 4
    assert client.get(f"{API}/series/", {"region": "ZZ99"}).status_code == 404
    assert client.get(f"{API}/series/").status_code == 400


def test_portfolio(client, dataset):
    body = client.get(f"{API}/regions/DE11/portfolio/", {"year": 2020}).json()
    assert body["region_name"] == "Stuttgart"
    assert [(c["category"], c["stars"], c["size_star"]) for c in body["categories"]] == [
        (AUTO, 3, True),
        (FOOD, 1, False),
    ]
    germany = client.get(f"{API}/regions/DE11/portfolio/", {"reference": "DE"}).json()
    assert round(germany["categories"][0]["lq"], 6) == 1.5
    assert client.get(f"{API}/regions/ZZ99/portfolio/").status_code == 404
    assert client.get(f"{API}/regions/DE11/portfolio/", {"year": 2000}).status_code == 404
    bad = client.get(f"{API}/regions/DE11/portfolio/", {"year": "soon"})
    assert bad.status_code == 400 and bad.json()["error"] == "validation_error"


def test_scoreboard(client, dataset):
    body = client.get(f"{API}/categories/{AUTO}/scoreboard/", {"order": "lq"}).json()
    assert [r["region"] for r in body["regions"]] == ["DE11", "DE12", "FR10"]
    assert body["order"] == "lq" and body["level"] == 2
    countries = client.get(f"{API}/categories/{AUTO}/scoreboard/", {"level": "0"}).json()
    assert [r["region"] for r in countries["regions"]] == ["DE", "FR"]
    assert client.get(f"{API}/categories/nothing/scoreboard/").status_code == 404
    assert client.get(f"{API}/categories/{AUTO}/scoreboard/", {"order": "x"}).status_code == 400


def test_compare(client, dataset):
    body = client.get(f"{API}/compare/", {"regions": ["DE11", "FR10"], "year": 2020}).json()
    assert body["regions"] == ["DE11", "FR10"]
    assert [c["category"] for c in body["categories"]] == [AUTO, FOOD]
    assert [round(r["lq"], 2) for r in body["categories"][0]["regions"]] == [2.4, 0.4]
    with_missing = client.get(f"{API}/compare/", {"regions": ["DE11", "PL22"]}).json()
    assert with_missing["categories"][0]["regions"][1] is None
    assert client.get(f"{API}/compare/", {"regions": ["DE11"]}).status_code == 400
    assert client.get(f"{API}/compare/", {"regions": ["DE11", "DE11"]}).status_code == 400
    assert client.get(f"{API}/compare/", {"regions": ["DE11", "XX99"]}).status_code == 404


def test_without_statistics_everything_is_not_found(client):
    assert client.get(f"{API}/regions/DE11/portfolio/").status_code == 404
    assert client.get(f"{API}/datasets/").json()["count"] == 0


@pytest.mark.parametrize(
    "url",
    [
        f"{API}/datasets/",
        f"{API}/series/?region=DE11",
        f"{API}/regions/DE11/portfolio/",
        f"{API}/categories/{AUTO}/scoreboard/",
        f"{API}/compare/?regions=DE11&regions=FR10",
    ],
)
def test_query_counts_do_not_grow(client, url):
    make_dataset()

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    before = count()
    make_dataset(slug="second", name="Second", make_default=False)
    make_dataset(slug="third", name="Third", make_default=False)
    assert count() == before
