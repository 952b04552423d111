"""The cluster observatory in a real browser: open the map, pick a category, click a region on
the map, see its portfolio with stars and its cluster organisations, compare it with another
region and download the comparison as CSV; every page passes the accessibility check."""

import csv
import io

import pytest
from playwright.sync_api import expect

from tests.factories import OrganisationFactory
from tests.observatory.factories import AUTO, FOOD, make_dataset

pytestmark = pytest.mark.django_db(transaction=True)


def test_observatory_journey(page, axe_check):
    make_dataset()
    OrganisationFactory(name="Stuttgart Auto Cluster", sectors=[AUTO], region="DE11")
    OrganisationFactory(name="Karlsruhe Food Network", sectors=[FOOD], region="DE12")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto("/observatory/")
    expect(page.locator("h1")).to_have_text("Cluster observatory")
    axe_check("observatory map")

    # Pick a category: the map and its table follow, and the filters are in the URL.
    page.select_option("#filter-category", AUTO)
    page.select_option("#filter-measure", "lq")
    page.click("#show-map")
    page.wait_for_url(lambda url: f"category={AUTO}" in url and "measure=lq" in url)
    expect(page.locator("#map-table tbody tr")).to_have_count(3)
    expect(page.locator("#map-table tbody tr").first).to_have_attribute("data-code", "DE11")
    expect(page.locator("#map-table tbody tr").first).to_contain_text("2.40")
    expect(page.locator("#observatory-map")).to_have_attribute("data-loaded", "3")
    expect(page.locator("#observatory-map")).to_contain_text("EuroGeographics")
    axe_check("observatory map of a category")

    # Click the region on the map: its page, with the map's dataset and year.
    region = page.locator("path.cb-region-DE11")
    expect(region).to_be_visible()
    region.click()
    page.wait_for_url("**/observatory/regions/DE11/**")
    expect(page.locator("h1")).to_contain_text("DE11")
    automotive = page.locator(f"#portfolio tr[data-category={AUTO}]")
    expect(automotive.locator(".stars")).to_contain_text("★★★")
    expect(automotive.locator(".stars")).to_contain_text("specialisation")
    expect(automotive).to_contain_text("2.40")
    organisations = page.locator("#region-organisations")
    expect(organisations).to_contain_text("Stuttgart Auto Cluster")
    expect(organisations).not_to_contain_text("Karlsruhe Food Network")
    axe_check("observatory region page")

    # The category's scoreboard, from the portfolio.
    automotive.locator("th a").click()
    page.wait_for_url(f"**/observatory/categories/{AUTO}/**")
    axe_check("observatory category page")
    page.go_back()

    # Compare with another region: the region is already chosen.
    page.click("#compare-link")
    page.wait_for_url("**/observatory/compare/**")
    first, second = (
        page.locator("#compare-form input[name=region]").nth(0),
        page.locator("#compare-form input[name=region]").nth(1),
    )
    expect(first).to_have_value("DE11")
    second.fill("FR10")
    page.click("#compare-submit")
    page.wait_for_url(lambda url: "region=DE11" in url and "region=FR10" in url)
    table = page.locator("#comparison")
    expect(table.locator("thead")).to_contain_text("DE11")
    expect(table.locator("thead")).to_contain_text("FR10")
    expect(table.locator("tbody tr").first).to_contain_text("2.40")
    axe_check("observatory comparison")

    with page.expect_download() as download_info:
        page.click("#compare-csv")
    download = download_info.value
    assert download.suggested_filename.startswith("comparison-DE11-FR10-")
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read())))
    assert sorted((row["region"], row["category"]) for row in rows) == [
        ("DE11", AUTO),
        ("DE11", FOOD),
        ("FR10", AUTO),
        ("FR10", FOOD),
    ]
