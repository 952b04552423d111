"""Audience analytics in a real browser: visitors' pages are counted by the platform itself,
and staff open "audience by location" from the menu, choose a period, see the shares per
country and download the CSV; the page passes the accessibility check."""

import csv
import io

import pytest
from playwright.sync_api import expect

from clusterbridge.analytics import counting
from clusterbridge.analytics.models import AudienceCount, CountKind
from tests.factories import PASSWORD, StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_see_the_audience_by_location(page, login, settings, axe_check):
    settings.AUDIENCE_COUNTING = True
    settings.AUDIENCE_FLUSH_EVENTS = 10**9
    settings.AUDIENCE_FLUSH_SECONDS = 10**9
    counting.BUFFER.drain()
    # A visit in this browser (counted, unknown country), and figures of other visitors. A
    # headless browser says so in its user agent and is not counted: this one passes for a
    # person's.
    page.set_extra_http_headers({"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/150.0"})
    page.goto("/organisations/")
    counting.flush()
    assert AudienceCount.objects.get(kind=CountKind.VIEW).key == "organisations:directory"
    day = AudienceCount.objects.get(kind=CountKind.VIEW).day
    AudienceCount.objects.create(day=day, kind=CountKind.SESSION, country="ES", count=3)
    settings.AUDIENCE_COUNTING = False  # staff's own pages are not the point here

    staff = StaffFactory(email="staff@example.org")
    login(staff.email, PASSWORD)
    page.click("#nav-account")
    page.click("#nav-audience")
    expect(page.locator("h1")).to_have_text("Audience")
    page.fill("#id_start", day.isoformat())
    page.fill("#id_end", day.isoformat())
    page.click("#audience-form button[type=submit]")
    rows = page.locator("#audience-countries tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Spain")
    expect(rows.nth(0)).to_contain_text("75.0 %")
    expect(rows.nth(1)).to_contain_text("Unknown")
    expect(page.locator("#total-sessions")).to_have_text("4")
    expect(page.locator("#audience-pages")).to_contain_text("organisations:directory")
    axe_check("the audience page")

    with page.expect_download() as download:
        page.click("text=Audience by location (CSV)")
    text = download.value.path().read_text(encoding="utf-8")
    assert [(r["country"], r["sessions"]) for r in csv.DictReader(io.StringIO(text))] == [
        ("ES", "3"),
        ("", "1"),
    ]
