"""A strategic cluster partnership in a real browser: a coordinator proposes it, two
organisations accept, staff validate, a member posts in the reserved forum, another member
replies and the first is notified, an outsider gets 404 on the thread, and a success story
appears publicly."""

import pytest
from playwright.sync_api import expect

from clusterbridge.notifications.models import Notification
from clusterbridge.partnerships.models import ForumThread, Partnership
from tests.factories import (
    PASSWORD,
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _as(page, login, user):
    page.context.clear_cookies()
    login(user.email, PASSWORD)


def test_partnership_journey(page, login):
    coordinator = OrganisationFactory(name="Nordic Hydrogen Cluster", country="SE")
    first = OrganisationFactory(name="Pôle Hydrogène Sud", country="FR")
    second = OrganisationFactory(name="Bavarian H2 Network", country="DE")
    alice = MembershipFactory(organisation=coordinator, user=UserFactory(name="Alice Nord")).user
    bruno = MembershipFactory(organisation=first, user=UserFactory(name="Bruno Sud")).user
    clara = MembershipFactory(organisation=second, user=UserFactory(name="Clara Bayer")).user
    staff = StaffFactory()
    outsider = UserFactory()

    _as(page, login, alice)
    page.goto("/partnerships/")
    page.click("#propose-link")
    page.fill("#id_name", "Hydrogen Valleys Go International")
    page.fill("#id_acronym", "H2GO")
    page.select_option("#id_kind", "going_international")
    page.select_option("#id_target_countries", ["KR", "US"])
    page.click("#propose-form button[type=submit]")
    expect(page.locator("#partnership-status")).to_have_text("Proposed")
    for organisation in (first, second):
        page.select_option("#invite-form select[name=organisation]", organisation.slug)
        page.click("#invite-form button[type=submit]")
        expect(page.locator(".messages")).to_contain_text(f"{organisation.name} is invited.")
    partnership = Partnership.objects.get()

    for person in (bruno, clara):
        _as(page, login, person)
        page.goto(partnership.get_absolute_url())
        page.click("form[id^=invitation-] button[value=accept]")
        expect(page.locator(".messages")).to_contain_text("has accepted the invitation")

    _as(page, login, staff)
    page.goto(partnership.get_absolute_url())
    page.click("#validate-form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("The partnership is published.")

    _as(page, login, bruno)
    page.goto(partnership.get_absolute_url())
    page.click("#forum-link")
    page.click("#new-thread")
    page.fill("#id_title", "Trade mission to Seoul")
    page.fill("#id_body", "Who joins in March? Details: https://example.org/mission")
    page.click("#thread-form button[type=submit]")
    expect(page.locator("h1")).to_have_text("Trade mission to Seoul")
    expect(page.locator(".post-body a")).to_have_attribute("rel", "nofollow noopener")
    thread = ForumThread.objects.get()

    _as(page, login, clara)
    page.goto(thread.get_absolute_url())
    page.fill("#id_body", "We join with three SMEs, @Alice Nord too?")
    page.click("#reply-form button[type=submit]")
    expect(page.locator("#posts article")).to_have_count(2)
    assert Notification.objects.filter(user=bruno, kind="partnerships.reply").count() == 1
    assert Notification.objects.filter(user=alice, kind="partnerships.mention").count() == 1

    _as(page, login, bruno)
    page.goto("/notifications/")
    expect(page.locator("main")).to_contain_text("Clara Bayer replied in “Trade mission to Seoul”")

    _as(page, login, outsider)
    # With the outsider's session (a navigation to a 404 would log a console error).
    assert page.request.get(thread.get_absolute_url()).status == 404
    assert page.request.get(f"/partnerships/{partnership.slug}/forum/").status == 404

    _as(page, login, alice)
    page.goto(partnership.get_absolute_url())
    page.click("#new-story")
    page.fill("#id_title", "MoU with the Korean hydrogen cluster")
    page.fill("#id_story", "Signed during the mission.")
    page.select_option("#id_result_type", "mou")
    page.select_option("#id_country", "KR")
    page.fill("#id_happened_on", "2026-03-15")
    page.click("#story-form button[type=submit]")
    expect(page.locator("#partnership-stories")).to_contain_text(
        "MoU with the Korean hydrogen cluster"
    )

    page.context.clear_cookies()
    page.goto("/partnerships/stories/")
    expect(page.locator("#stories")).to_contain_text("MoU with the Korean hydrogen cluster")
    page.goto("/partnerships/")
    expect(page.locator("#result-count")).to_contain_text("1")
