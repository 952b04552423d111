"""WCAG 2.1 AA in the browser (axe-core: no serious or critical violation) on the key pages for
anonymous visitors, members and staff; the header's language switcher; the main menu on a phone
(390 px) and for staff on a laptop (1,280 px) stays on one row."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clusterbridge.marketplace.services import interests
from clusterbridge.organisations.models import ProfileStatus
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, StaffFactory
from tests.marketplace.factories import opportunity

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def data():
    member = MembershipFactory(
        user__email="member@example.org",
        user__name="Ada Lovelace",
        organisation__name="Lakeside Robotics Cluster",
        organisation__sectors=["automotive"],
        organisation__technologies=["photonics"],
    )
    other = MembershipFactory(
        user__email="other@example.org",
        organisation__name="Basque Photonics Cluster",
        organisation__country="ES",
        organisation__city="Bilbao",
        organisation__latitude=43.26,
        organisation__longitude=-2.93,
        organisation__sectors=["automotive"],
        organisation__technologies=["photonics"],
    )
    offer = opportunity(user=other.user, organisation=other.organisation, title="Laser welding")
    interest = interests.express_interest(
        opportunity=offer,
        actor=member.user,
        organisation=member.organisation,
        cooperation_sought="technical",
        message="We would like to talk.",
    )
    OrganisationFactory(
        name="Waiting Cluster", status=ProfileStatus.SUBMITTED, submitted_at=timezone.now()
    )
    return {"member": member, "other": other, "offer": offer, "interest": interest}


def _visit(page, axe_check, paths):
    for path in paths:
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        axe_check(path)


def test_public_pages_for_anonymous_visitors(page, axe_check, data):
    _visit(
        page,
        axe_check,
        [
            "/",
            "/organisations/",
            "/organisations/map/",
            data["other"].organisation.get_absolute_url(),
            "/marketplace/",
            data["offer"].get_absolute_url(),
            "/accounts/login/",
            "/accounts/signup/",
        ],
    )


def test_member_pages(page, login, axe_check, data):
    login(data["member"].user.email, PASSWORD)
    _visit(
        page,
        axe_check,
        [
            "/",
            "/me/",
            "/notifications/",
            "/notifications/settings/",
            data["member"].organisation.get_absolute_url(),
            f"/organisations/{data['member'].organisation.slug}/edit/",
            f"/organisations/{data['member'].organisation.slug}/members/",
            "/organisations/new/",
            "/marketplace/for-you/",
            data["offer"].get_absolute_url(),
            "/marketplace/messages/",
            data["interest"].conversation.get_absolute_url(),
            "/marketplace/new/",
        ],
    )


def test_staff_pages(page, login, axe_check, data):
    staff = StaffFactory(email="staff@example.org")
    login(staff.email, PASSWORD)
    _visit(
        page,
        axe_check,
        [
            "/staff/moderation/",
            "/staff/moderation/waiting-cluster/",
            "/marketplace/staff/reports/",
            data["offer"].get_absolute_url(),
        ],
    )


def test_a_directory_search_is_announced_and_stays_accessible(page, axe_check, data):
    page.goto("/organisations/")
    page.fill("#id_q", "basque")
    expect(page.locator("#result-count")).to_contain_text("1 organisation")
    expect(page.locator("#result-status")).to_have_text("1 organisation found")
    axe_check("directory after a search")


def test_the_language_switcher_shows_the_page_in_french(page, data):
    url = data["other"].organisation.get_absolute_url()
    page.goto(url)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.click("#nav-language")
    page.click(".language-menu button[value=fr]")
    page.wait_for_url(f"**{url}")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("main")).to_contain_text("Secteurs et technologies")
    expect(page.locator("main")).to_contain_text("Organisations similaires")
    page.goto("/organisations/")
    expect(page.locator("h1")).to_have_text("Annuaire des organisations")


def _menu_rows(page) -> int:
    """How many rows the visible items of the main menu take: an item starts a new row when it
    begins below the bottom of the row before."""
    return page.evaluate(
        """() => {
            const items = [...document.querySelectorAll(
                '.site-header nav > ul > li, .site-header nav .menu-items > li')]
                .filter(el => el.offsetParent !== null)
                .map(el => el.getBoundingClientRect())
                .sort((a, b) => a.top - b.top);
            let rows = 0, bottom = -Infinity;
            for (const box of items) {
                if (box.top >= bottom) { rows += 1; bottom = box.bottom; }
                else { bottom = Math.max(bottom, box.bottom); }
            }
            return rows;
        }"""
    )


def _nav_height(page) -> float:
    return page.evaluate(
        "() => document.querySelector('.site-header nav').getBoundingClientRect().height"
    )


def test_the_menu_does_not_wrap_on_a_phone(page, data):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    # Below 768 px the items fold into the "Menu" disclosure: the header is the brand and the
    # toggle (two short rows at most), nothing is wider than the screen.
    expect(page.locator(".site-menu > summary")).to_be_visible()
    expect(page.locator(".menu-items a", has_text="Directory")).to_be_hidden()
    assert _nav_height(page) < 120, _nav_height(page)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    page.click(".site-menu > summary")
    expect(page.locator(".menu-items a", has_text="Directory")).to_be_visible()


def test_the_staff_menu_does_not_wrap_at_1280_px(page, login, data):
    staff = StaffFactory(email="staff@example.org")
    page.set_viewport_size({"width": 1280, "height": 800})
    login(staff.email, PASSWORD)
    page.goto("/")
    assert _menu_rows(page) == 1, _menu_rows(page)
    # Not folded into the "Menu" toggle either: every item is there on that row.
    expect(page.locator(".site-menu > summary")).to_be_hidden()
    expect(page.locator("#nav-account")).to_be_visible()


def test_the_region_choices_follow_the_country(page, login, data):
    login(data["member"].user.email, PASSWORD)
    page.goto(f"/organisations/{data['member'].organisation.slug}/edit/")
    page.click("[data-step-link=location]")
    page.select_option("#id_country", "AT")
    expect(page.locator("#id_nuts_region option", has_text="AT13")).to_have_count(1)
    expect(page.locator("#id_nuts_region option", has_text="DE30")).to_have_count(0)
