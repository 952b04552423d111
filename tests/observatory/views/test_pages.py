"""The public pages: map, region, category, comparison, datasets; exports and the factsheet."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clusterbridge.clusterstats import Figures
from tests.events.factories import EventFactory
from tests.factories import OrganisationFactory
from tests.observatory.factories import AUTO, FOOD, make_dataset, small_table
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.django_db

INDEX = "/observatory/"


@pytest.fixture
def dataset():
    return make_dataset()


def html(response) -> str:
    return response.content.decode()


def section(page: str, marker: str, end: str = "</table>") -> str:
    start = page.index(marker)
    return page[start : page.index(end, start)]


def test_without_statistics_the_observatory_says_so(client):
    response = client.get(INDEX)
    assert response.status_code == 200
    assert "No statistics have been imported yet." in html(response)


def test_the_map_page_lists_the_regions_with_the_measure(client, dataset):
    response = client.get(INDEX, {"category": AUTO, "measure": "lq", "year": 2020})
    assert response.status_code == 200
    page = html(response)
    table = section(page, 'id="map-table"')
    rows = table.split("<tr data-code=")[1:]
    assert [row[1:5] for row in rows] == ["DE11", "DE12", "FR10"]  # highest LQ first
    assert "2.40" in rows[0] and "0.80" in rows[1] and "0.40" in rows[2]
    assert 'class="swatch q4"' in rows[0]  # 2 and more
    assert "2.00 and more" in section(page, 'id="map-legend"', "</ul>")
    assert "observatory/nuts2_2021_60m.json" in page
    assert "© EuroGeographics for the administrative boundaries" in page
    assert "demo-note" not in page


def test_the_map_data_and_its_export(client, dataset):
    data = client.get("/observatory/map.json", {"category": AUTO, "measure": "stars"}).json()
    assert data["palette"] == "stars"
    assert data["regions"]["DE11"] == {"c": 3, "v": "3", "s": 3}
    assert data["regions"]["DE12"]["s"] == 0
    response = client.get("/observatory/table.csv", {"category": AUTO, "year": 2021})
    assert response["Content-Disposition"] == f'attachment; filename="observatory-{AUTO}-2021.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["region"], r["lq"], r["stars"], r["demo_data"]) for r in rows] == [
        ("DE11", "2.4", "3", "False"),
        ("DE12", "0.8", "0", "False"),
        ("FR10", "0.4", "1", "False"),
    ]
    body = client.get("/observatory/table.json", {"category": AUTO}).json()
    assert body["dataset"]["slug"] == "test-statistics"
    assert body["rows"][0]["employment"] == pytest.approx(330.0)  # 300 grown by 10 % in 2021


def test_a_country_as_reference_area(client, dataset):
    data = client.get(
        "/observatory/map.json", {"category": AUTO, "reference": "DE", "measure": "lq"}
    ).json()
    assert set(data["regions"]) == {"DE11", "DE12"}
    assert data["regions"]["DE11"]["v"] == "1.50"  # 0.3 / 0.2 within Germany


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "1900"}, "Ensure this value is greater than or equal to 1950."),
        ({"year": "2019"}, "The dataset has no figures for 2019; it covers 2020–2021."),
        ({"year": "x"}, "The year must be a whole number."),
        ({"dataset": "nothing"}, "Unknown dataset “nothing”."),
        ({"category": "nope"}, "Unknown cluster category “nope”."),
        ({"category": "apparel"}, "The dataset has no figures for “Apparel”."),
        ({"measure": "colour"}, "Unknown measure “colour”."),
        (
            {"measure": "productivity", "dataset": "no-wages"},
            "This dataset has no wages or value added.",
        ),
        ({"reference": "XX"}, "Unknown country code “XX”."),
    ],
)
def test_bad_filters_are_a_400_with_the_reason(client, dataset, params, message):
    table = small_table()
    table.cells = {k: Figures(f.employment) for k, f in table.cells.items()}
    make_dataset(slug="no-wages", name="No wages", table=table, make_default=False)
    response = client.get(INDEX, params)
    assert response.status_code == 400
    assert message in html(response)
    assert client.get("/observatory/map.json", params).status_code == 400


def test_the_region_page(client, dataset):
    OrganisationFactory(name="Stuttgart Auto Cluster", sectors=[AUTO], region="DE11")
    OrganisationFactory(name="Draft Cluster", sectors=[AUTO], region="DE11", status="draft")
    OrganisationFactory(name="Karlsruhe Food", sectors=[FOOD], region="DE12")
    now = timezone.now()
    EventFactory(
        title="Stuttgart Mobility Days",
        latitude=48.78,
        longitude=9.18,
        start=now + timedelta(days=30),
        end=now + timedelta(days=31),
    )
    EventFactory(
        title="Paris Summit",
        latitude=48.86,
        longitude=2.35,
        start=now + timedelta(days=30),
        end=now + timedelta(days=31),
    )
    EventFactory(
        title="Online Stuttgart Webinar",
        latitude=48.78,
        longitude=9.18,
        format="online",
        start=now + timedelta(days=30),
        end=now + timedelta(days=31),
    )
    response = client.get("/observatory/regions/DE11/", {"year": 2021})
    assert response.status_code == 200
    page = html(response)
    portfolio = section(page, 'id="portfolio"')
    assert portfolio.index(AUTO) < portfolio.index(FOOD)
    assert "size, specialisation, focus" in portfolio
    figures = section(page, 'id="region-figures"', "</dl>")
    assert "1,100" in figures  # total employment 2021
    assert "+10.0 %" in figures
    organisations = section(page, 'id="region-organisations"', "</section>")
    assert "Stuttgart Auto Cluster" in organisations
    assert "Draft Cluster" not in organisations and "Karlsruhe Food" not in organisations
    events = section(page, 'id="events-here"', "</section>")
    assert "Stuttgart Mobility Days" in events
    assert "Paris Summit" not in events and "Online Stuttgart Webinar" not in events
    trend = section(page, 'id="trend-table"')
    assert "2020" in trend and "2021" in trend
    assert json.loads(section(page, 'id="trend-data"', "</script>").split(">", 1)[1])["labels"] == [
        "2020",
        "2021",
    ]


def test_regions_of_coarser_levels_and_unknown_ones(client, dataset):
    OrganisationFactory(name="Stuttgart Auto Cluster", sectors=[AUTO], region="DE11")
    page = html(client.get("/observatory/regions/DE/"))
    assert "Stuttgart Auto Cluster" in section(page, 'id="region-organisations"', "</section>")
    assert "1.60" in section(page, 'id="portfolio"')  # LQ(DE, automotive) = 0.2 / 0.125
    assert client.get("/observatory/regions/ZZ99/").status_code == 404
    assert client.get("/observatory/regions/de11/").status_code == 200


def test_portfolio_export_and_factsheet(client, dataset):
    body = client.get("/observatory/regions/DE11/portfolio.json", {"year": 2020}).json()
    assert [(r["category"], r["stars"]) for r in body["rows"]] == [(AUTO, 3), (FOOD, 1)]
    response = client.get("/observatory/regions/DE11/factsheet.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Cluster factsheet: Stuttgart (DE11)" in text
    assert "Automotive" in text and "2.40" in text
    assert "EuroGeographics" in text


def test_the_category_page(client, dataset):
    OrganisationFactory(name="Paris Auto", country="FR", sectors=[AUTO], region="FR10")
    OrganisationFactory(name="Stuttgart Auto", sectors=[AUTO], region="DE11")
    OrganisationFactory(name="Food Only", sectors=[FOOD], region="DE11")
    response = client.get(f"/observatory/categories/{AUTO}/", {"order": "lq"})
    assert response.status_code == 200
    page = html(response)
    scoreboard = section(page, 'id="scoreboard"')
    assert [row[1:5] for row in scoreboard.split("<tr data-code=")[1:]] == ["DE11", "DE12", "FR10"]
    organisations = section(page, 'id="category-organisations"')
    assert organisations.index("Stuttgart Auto") < organisations.index("Paris Auto")
    assert "Food Only" not in organisations
    assert "+10.0 %" in page  # European employment 2020–2021
    countries = html(client.get(f"/observatory/categories/{AUTO}/", {"level": 0}))
    assert [
        row[1:3] for row in section(countries, 'id="scoreboard"').split("<tr data-code=")[1:]
    ] == [
        "DE",
        "FR",
    ]
    assert client.get("/observatory/categories/nothing/").status_code == 404
    assert client.get(f"/observatory/categories/{AUTO}/", {"order": "colour"}).status_code == 400
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(f"/observatory/categories/{AUTO}/scoreboard.csv").content.decode()
            )
        )
    )
    assert [r["region"] for r in rows] == ["DE11", "DE12", "FR10"]


def test_the_comparison(client, dataset):
    empty = client.get("/observatory/compare/")
    assert empty.status_code == 200 and 'id="comparison"' not in html(empty)
    response = client.get("/observatory/compare/", {"region": ["DE11", "FR10"], "year": 2020})
    page = html(response)
    table = section(page, 'id="comparison"')
    assert table.index(AUTO) < table.index(FOOD)  # automotive has the highest LQ (2.4)
    assert "2.40" in table and "0.40" in table
    chart = json.loads(section(page, 'id="compare-data"', "</script>").split(">", 1)[1])
    assert [s["data"] for s in chart["series"]] == [[2.4, 0.8], [0.4, 0.4]]
    # One region (the link of a region page) starts the form, with the region filled in.
    started = client.get("/observatory/compare/", {"region": ["de11"], "year": 2020})
    assert started.status_code == 200
    assert 'name="region" value="DE11"' in html(started)
    assert 'name="year" value="2020"' in html(started)
    assert 'id="comparison"' not in html(started)
    bad = client.get(
        "/observatory/compare/", {"region": ["DE11", "DE12", "FR10", "DE13", "DE14", "DE21"]}
    )
    assert bad.status_code == 400
    assert "Choose 2 to 5 regions to compare (you chose 6)." in html(bad)
    assert (
        client.get("/observatory/compare/", {"region": ["DE11"], "year": 1990}).status_code == 400
    )
    assert "Unknown NUTS code “XX11”." in html(
        client.get("/observatory/compare/", {"region": ["DE11", "XX11"]})
    )
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(
                    "/observatory/compare.csv", {"region": ["DE11", "FR10"]}
                ).content.decode()
            )
        )
    )
    assert sorted((r["region"], r["category"]) for r in rows) == [
        ("DE11", AUTO),
        ("DE11", FOOD),
        ("FR10", AUTO),
        ("FR10", FOOD),
    ]


def test_demo_data_is_labelled_everywhere(client):
    make_dataset(is_demo=True)
    org = OrganisationFactory(sectors=[AUTO], region="DE11")
    for url in (
        INDEX,
        "/observatory/regions/DE11/",
        f"/observatory/categories/{AUTO}/",
        "/observatory/compare/?region=DE11&region=FR10",
        "/observatory/datasets/",
        "/observatory/datasets/test-statistics/",
        org.get_absolute_url(),
    ):
        assert "demo data" in html(client.get(url)), url
    assert "Demo data" in pdf_text(client.get("/observatory/regions/DE11/factsheet.pdf").content)
    assert client.get("/observatory/table.json").json()["dataset"]["demo_data"] is True


def test_datasets_and_their_page(client, dataset):
    page = html(client.get("/observatory/datasets/"))
    assert "Test statistics" in page
    assert 'id="imports"' not in page and 'id="new-import"' not in page
    detail = html(client.get("/observatory/datasets/test-statistics/"))
    assert "Wages and salaries" in detail
    assert client.get("/observatory/datasets/nothing/").status_code == 404


def test_csv_cells_are_formula_safe(client):
    make_dataset(name="=HYPERLINK(1)")
    from clusterbridge.taxonomy.models import NutsRegion

    NutsRegion.objects.filter(code="DE11").update(name="=cmd|' /C calc'!A0")
    text = client.get("/observatory/table.csv", {"category": AUTO}).content.decode()
    assert "'=cmd|" in text


def _queries(client, url, params=None) -> int:
    client.get(url, params)  # warm the caches of the first request
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        INDEX,
        "/observatory/map.json",
        "/observatory/table.csv",
        "/observatory/regions/DE11/",
        "/observatory/regions/DE/",
        "/observatory/regions/DE11/portfolio.csv",
        f"/observatory/categories/{AUTO}/",
        f"/observatory/categories/{AUTO}/scoreboard.json",
        "/observatory/compare/?region=DE11&region=FR10",
        "/observatory/datasets/",
        "/observatory/datasets/test-statistics/",
        "/observatory/regions/DE11/?reference=DE",
        "/observatory/regions/DE11/factsheet.pdf",
        "/observatory/categories/automotive/?reference=DE&level=1",
        "/observatory/compare.csv?region=DE11&region=FR10",
        "/observatory/compare/?region=DE11",
    ],
)
def test_query_counts_do_not_grow_with_the_data(client, url):
    small = small_table()
    make_dataset(table=small)
    OrganisationFactory(sectors=[AUTO], region="DE11")
    before = _queries(client, url)
    # Ten times the regions, categories, years, organisations and events.
    bigger = small_table(years=(2018, 2019, 2020, 2021))
    for region in ("DE13", "DE14", "DE21", "DE22", "FR21", "FR22", "ITC1", "ITC4"):
        for category in (AUTO, FOOD, "apparel", "biopharmaceuticals", "medical-devices"):
            for year in (2018, 2019, 2020, 2021):
                bigger.set(region, category, year, Figures(50, 3, 2_000_000))
            bigger.totals.update({(region, y): 900 for y in (2018, 2019, 2020, 2021)})
    make_dataset(table=bigger)
    make_dataset(slug="second", name="Second", table=small, make_default=False)
    for i in range(12):
        OrganisationFactory(name=f"Extra {i}", sectors=[AUTO, FOOD, "apparel"], region="DE11")
        EventFactory(latitude=48.78, longitude=9.18)
    assert _queries(client, url) == before
