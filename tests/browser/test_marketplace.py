"""The marketplace's 'done when' flow in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_request_recommended_interest_messages_agreement_counted(page, login):
    poster = MembershipFactory(
        organisation=OrganisationFactory(name="Lyon Mobility Cluster", country="FR"),
        role="member",
        user__email="poster@example.org",
    ).user
    partner = MembershipFactory(
        organisation=OrganisationFactory(
            name="Jena Photonics Cluster", country="DE", technologies=["photonics"]
        ),
        user__email="partner@example.org",
    ).user

    # A member posts a technology request.
    login(poster.email, PASSWORD)
    page.goto("/marketplace/new/")
    page.select_option("#id_kind", "technology_request")
    page.fill("#id_title", "Laser sensors for battery inspection")
    page.fill("#id_summary", "We seek a partner with laser-based inspection technology.")
    page.check("#field-technologies input[value=photonics]")
    page.click("#save-publish")
    expect(page.locator("#status-note")).to_contain_text("Published")
    expect(page.locator("#reference")).to_contain_text(re.compile(r"CB-TR-\d{4}-000001"))

    # A member of another organisation sees it "for you", with the reason.
    page.context.clear_cookies()
    login(partner.email, PASSWORD)
    page.goto("/marketplace/for-you/")
    item = page.locator(".recommendation", has_text="Laser sensors for battery inspection")
    expect(item.locator(".reasons")).to_contain_text("Fits your profile: Photonics")
    item.locator("h3 a").click()
    page.fill("#id_message", "Our members build exactly such sensors.")
    page.click("#express-interest")
    expect(page.locator("#messages")).to_contain_text("Our members build exactly such sensors.")
    page.fill("#id_body", "Shall we meet next week?")
    page.click("#send-message")
    expect(page.locator("#messages")).to_contain_text("Shall we meet next week?")
    # The page marks the conversation read by a POST once loaded: let it finish before the
    # cookies go (a POST without them is refused by the CSRF check, a console error).
    page.wait_for_load_state("networkidle")

    # The poster answers and marks the agreement.
    page.context.clear_cookies()
    login(poster.email, PASSWORD)
    page.goto("/marketplace/messages/")
    expect(page.locator("#conversations .unread-count")).to_have_text("2")
    # Opening the conversation marks it read by a POST once the page has loaded (htmx).
    with page.expect_response(re.compile(r"/marketplace/messages/\d+/read/$")) as marked:
        page.click("#conversations a")
    assert marked.value.request.method == "POST"
    assert marked.value.status == 204
    page.goto("/marketplace/messages/")
    expect(page.locator("#conversations .unread-count")).to_have_text("0")
    expect(page.locator("#nav-messages .badge")).to_have_count(0)
    page.click("#conversations a")
    page.fill("#id_body", "Yes, Tuesday suits us.")
    page.click("#send-message")
    expect(page.locator("#messages")).to_contain_text("Yes, Tuesday suits us.")
    page.locator("main p.meta a", has_text="CB-TR-").click()
    row = page.locator("#interests tr[data-interest='Jena Photonics Cluster']")
    row.locator("select[name=status]").select_option("agreement")
    row.locator("button[type=submit]").click()
    expect(page.locator("#interests .interest-status")).to_have_text("Agreement reached")

    # The figures count it.
    page.goto("/marketplace/figures/")
    expect(page.locator("#figure-agreements")).to_have_text("1")
    expect(page.locator("#figure-interests")).to_have_text("1")
