"""Country pages in a real browser: staff create a country page with an arrangement and a
gateway and publish it; a visitor finds it on the index filtered by priority (list and map)
and sees the arrangement, the gateway and the organisations located there."""

import pytest
from playwright.sync_api import expect

from clusterbridge.international.models import CountryPage
from tests.factories import PASSWORD, OrganisationFactory, StaffFactory
from tests.international.factories import published

pytestmark = pytest.mark.django_db(transaction=True)


def test_country_page_journey(page, login, axe_check):
    OrganisationFactory(
        name="Seoul Mobility Cluster", country="KR", city="Seoul", latitude=37.56, longitude=126.97
    )
    published(country="BR", name="Brazil", priority="partner", latitude=-15.8, longitude=-47.9)
    staff = StaffFactory()

    login(staff.email, PASSWORD)
    page.goto("/international/")
    page.click("#new-country-page")
    page.select_option("#id_country", "KR")
    page.fill("#id_name", "South Korea")
    page.select_option("#id_priority", "priority")
    page.select_option("#id_sectors", ["automotive"])
    page.fill("#id_capital", "Seoul")
    page.fill("#id_latitude", "37.5665")
    page.fill("#id_longitude", "126.978")
    axe_check("the new country page form")
    page.click("#page-form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("saved as a draft")
    expect(page.locator("#country-status")).to_contain_text("Draft: only staff see this page")

    page.click("#arrangements summary")
    page.fill("#arrangement-form #id_title", "Arrangement on cluster cooperation")
    page.fill("#arrangement-form #id_counterpart", "Korea Institute for Advancement of Technology")
    page.fill("#arrangement-form #id_signed_on", "2018-11-15")
    page.fill("#arrangement-form #id_scope", "Matchmaking and joint missions.")
    page.click("#arrangement-form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("The arrangement is added.")

    page.click("#gateways summary")
    page.fill("#gateway-form #id_name", "EU Gateway Business Avenues")
    page.fill("#gateway-form #id_url", "https://www.eu-gateway.eu/")
    page.fill("#gateway-form #id_description", "Business missions to Korea.")
    page.fill("#gateway-form #id_contact_email", "korea@example.org")
    page.click("#gateway-form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("The gateway is added.")
    axe_check("a draft country page for staff")
    page.click("#publish-form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("The country page is published.")
    assert CountryPage.objects.get(country="KR").is_published

    page.context.clear_cookies()
    page.goto("/international/")
    expect(page.locator("#countries tbody tr[id^=country-]")).to_have_count(2)
    page.check("input[name=priority][value=priority]")
    page.click("#countries-form button[type=submit]")
    page.wait_for_url("**/international/?priority=priority")
    expect(page.locator("#countries tbody tr[id^=country-]")).to_have_count(1)
    expect(page.locator("#country-kr")).to_contain_text("South Korea")
    expect(page.locator("#map")).to_have_attribute("data-loaded", "1")
    axe_check("the index of countries with its map")
    page.click("#country-kr a")
    expect(page.locator("h1")).to_have_text("South Korea")
    expect(page.locator("#arrangements")).to_contain_text(
        "Signed with Korea Institute for Advancement of Technology"
    )
    expect(page.locator("#gateways")).to_contain_text("EU Gateway Business Avenues")
    expect(page.locator("#gateways")).to_contain_text("korea@example.org")
    expect(page.locator("#organisations-here")).to_contain_text("Seoul Mobility Cluster")
    axe_check("a published country page")
