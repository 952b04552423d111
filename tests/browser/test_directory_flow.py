"""Key user flows in a real browser."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from clusterbridge.organisations.models import Organisation
from clusterbridge.taxonomy.models import NutsRegion
from tests.factories import PASSWORD, OrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _link_in_last_mail(pattern: str) -> str:
    body = mail.outbox[-1].body
    match = re.search(pattern, body)
    assert match, body
    return match.group(0)


def test_signup_verify_create_submit_publish_then_found_in_directory_and_map(
    page, login, live_server
):
    staff = StaffFactory(email="staff@example.org")

    # Sign up and verify the e-mail address.
    page.goto("/accounts/signup/")
    page.fill("input[name=name]", "Maria Lopez")
    page.fill("input[name=email]", "maria@example.org")
    page.fill("input[name=password1]", "a-long-Password-42")
    page.fill("input[name=password2]", "a-long-Password-42")
    page.check("input[name=accept_terms]")
    page.click("main form button[type=submit]:not(.outline)")
    expect(page.locator("main")).to_contain_text("Verify")
    confirm_url = _link_in_last_mail(r"http://[^\s]+/accounts/confirm-email/[^\s]+")
    page.goto(confirm_url.replace("http://127.0.0.1:8000", live_server.url))
    page.click("main form button[type=submit]")
    page.wait_for_url("**/me/")

    # Register an organisation in steps and submit it.
    page.click("#register-organisation")
    expect(page.locator("#step-location")).to_be_hidden()  # one step at a time
    page.fill("#id_name", "Basque Photonics Cluster")
    page.fill("#id_acronym", "BPC")
    page.select_option("#id_kind", "cluster")
    page.fill("#id_short_description", "Lasers and optics companies of the Basque Country.")
    page.click("#step-basics [data-step-go=next]")
    expect(page.locator("#step-basics")).to_be_hidden()
    page.select_option("#id_country", "ES")
    expect(page.locator("#id_nuts_region option", has_text="ES21")).to_have_count(1)
    # The choices are narrowed to the country's regions (no French region is left).
    expect(page.locator("#id_nuts_region option", has_text="FR10")).to_have_count(0)
    page.select_option("#id_nuts_region", str(NutsRegion.objects.get(code="ES21").pk))
    page.fill("#id_city", "Bilbao")
    # A click on the map places the pin and fills in the coordinates.
    page.locator("#pin-map").click()
    expect(page.locator("#id_latitude")).not_to_have_value("")
    page.fill("#id_latitude", "43.263")
    page.fill("#id_longitude", "-2.935")
    page.click("#step-location [data-step-go=next]")
    page.fill("#id_technology_keywords", "lasers, optics")
    page.check("#field-sectors input[value]:near(:text('Lighting and Electrical Equipment'))")
    page.click("#step-sectors [data-step-go=next]")
    expect(page.locator("#field-members_smes")).to_be_visible()  # a cluster has members
    page.fill("#id_members_smes", "40")
    page.click("#save-profile")
    expect(page.locator("h1")).to_contain_text("Basque Photonics Cluster")
    expect(page.locator("#status-note")).to_contain_text("Draft")
    expect(page.locator("#completeness")).to_contain_text("Still missing")
    page.click("#submit-profile")
    expect(page.locator(".messages")).to_contain_text("Submitted")
    created = Organisation.objects.get(name="Basque Photonics Cluster")
    assert (created.status, created.nuts_region.code, created.members_smes) == (
        "submitted",
        "ES21",
        40,
    )

    # Staff publishes it.
    page.context.clear_cookies()
    login(staff.email, PASSWORD)
    page.goto("/staff/moderation/")
    page.click("text=Basque Photonics Cluster")
    page.click("#publish")
    expect(page.locator(".messages")).to_contain_text("is published")

    # It is found in the directory and on the map.
    page.goto("/organisations/")
    page.fill("#id_q", "photonics basque")
    expect(page.locator("#result-count")).to_contain_text("1 organisation")
    expect(page.locator(".result h3")).to_have_text(re.compile("Basque Photonics Cluster"))
    expect(page).to_have_url(re.compile(r"q=photonics"))  # the search state is in the URL
    page.click("text=Show on map")
    expect(page.locator("#map")).to_have_attribute("data-loaded", "1")
    expect(page.locator("#map-count")).to_have_text("1")


def test_facets_narrow_results_and_counts_follow(page):
    for i in range(3):
        OrganisationFactory(name=f"Auto Cluster {i}", country="DE", sectors=["automotive"])
    for i in range(2):
        OrganisationFactory(
            name=f"Food Cluster {i}", country="FR", sectors=["food-processing-and-manufacturing"]
        )
    OrganisationFactory(name="Auto Firm", country="FR", kind="sme", sectors=["automotive"])

    page.goto("/organisations/")
    expect(page.locator("#result-count")).to_contain_text("6 organisations")
    kinds = page.locator("[data-facet=kinds]")
    expect(kinds.locator("label", has_text="Company (SME)").locator(".count")).to_have_text("1")
    expect(kinds.locator("label", has_text="Cluster organisation").locator(".count")).to_have_text(
        "5"
    )

    page.locator("[data-facet=countries] input[value=FR]").check()
    expect(page.locator("#result-count")).to_contain_text("3 organisations")
    expect(page).to_have_url(re.compile(r"country=FR"))
    kinds = page.locator("[data-facet=kinds]")
    expect(kinds.locator("label", has_text="Cluster organisation").locator(".count")).to_have_text(
        "2"
    )
    # The country facet keeps counting other countries, so a second country can be added.
    expect(
        page.locator("[data-facet=countries] label", has_text="Germany").locator(".count")
    ).to_have_text("3")

    page.locator("[data-facet=sectors] input[value=automotive]").check()
    expect(page.locator("#result-count")).to_contain_text("1 organisation")
    expect(page.locator(".result h3")).to_have_text("Auto Firm")

    # The URL is shareable: opening it afresh shows the same state.
    page.goto(page.url)
    expect(page.locator("#result-count")).to_contain_text("1 organisation")


def test_csv_export_downloads_the_filtered_rows(page):
    OrganisationFactory(
        name="Nordic Wind Cluster",
        country="DK",
        sectors=["electric-power-generation-and-transmission"],
    )
    OrganisationFactory(
        name="Danish Food Cluster", country="DK", sectors=["food-processing-and-manufacturing"]
    )
    OrganisationFactory(
        name="Bavarian Wind Cluster",
        country="DE",
        sectors=["electric-power-generation-and-transmission"],
    )

    page.goto("/organisations/?country=DK")
    expect(page.locator("#result-count")).to_contain_text("2 organisations")
    with page.expect_download() as download_info:
        page.click("#export-csv")
    content = Path(download_info.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert sorted(row["name"] for row in rows) == ["Danish Food Cluster", "Nordic Wind Cluster"]
    assert {row["country"] for row in rows} == {"DK"}


def test_directory_works_without_javascript(browser, live_server):
    OrganisationFactory(name="Alpine Wood Cluster", country="AT")
    OrganisationFactory(name="Baltic Sea Cluster", country="LT")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/organisations/")
    page.locator("[data-facet=countries] input[value=AT]").check()
    page.click("#directory-form .toolbar button[type=submit]")
    expect(page.locator("#result-count")).to_contain_text("1 organisation")
    expect(page.locator(".result h3")).to_have_text("Alpine Wood Cluster")
    context.close()
