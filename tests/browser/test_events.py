"""A whole matchmaking event in a real browser (issue 4, "Done when")."""

import io
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from playwright.sync_api import expect
from pypdf import PdfReader

from clusterbridge.events.models import Event, Meeting, MeetingRequest, Registration
from clusterbridge.events.services import matchmaking
from clusterbridge.events.services import registration as reg_services
from tests.events.factories import RegistrationFactory
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
TZ = ZoneInfo("Europe/Brussels")


@pytest.fixture
def login(page):
    """Log in with the form of the page's main content (the header's language menu has submit
    buttons too, which the shared fixture's selector finds first)."""

    def _login(email: str, password: str) -> None:
        page.goto("/accounts/login/")
        page.fill("input[name=login]", email)
        page.fill("input[name=password]", password)
        page.click("main form button[type=submit]:not(.outline)")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)

    return _login


def _switch(page, login, email):
    page.context.clear_cookies()
    login(email, PASSWORD)


def test_whole_matchmaking_event(page, login, axe_check, confirm_click):
    MembershipFactory(
        user=UserFactory(email="org@example.org"), organisation=OrganisationFactory(name="Host")
    )
    orgs = [
        OrganisationFactory(name=n, country=c, kind=k, sectors=["automotive"])
        for n, c, k in [("Alpha", "DE", "sme"), ("Beta", "ES", "sme"), ("Gamma", "FR", "rto"),
                        ("Delta", "IT", "cluster"), ("Epsilon", "PL", "university")]
    ]  # fmt: skip
    names = ["Ana", "Ben", "Cem", "Dina", "Eva", "Alf"]
    people = [
        MembershipFactory(
            user=UserFactory(email=f"{n.lower()}@example.org", name=n),
            organisation=orgs[min(i, 4)] if i < 5 else orgs[0],
        ).user
        for i, n in enumerate(names)
    ]

    # The organiser creates a matchmaking event with a cap of one person per organisation.
    login("org@example.org", PASSWORD)
    page.goto("/events/")
    page.click("#organiser-area")
    page.click("#create-event")
    page.select_option("#id_organiser", label="Host")
    page.fill("#id_title", "Photonics Matchmaking")
    page.select_option("#id_kind", "matchmaking")
    page.fill("#id_start", "2026-03-10T09:00")
    page.fill("#id_end", "2026-03-10T17:00")
    page.fill("#id_city", "Bilbao")
    page.fill("#id_capacity", "10")
    page.select_option("#id_admission_policy", "org_cap")
    page.fill("#id_org_cap", "1")
    page.check("#id_publish")
    page.click("#save-event")
    expect(page.locator("h1")).to_contain_text("Photonics Matchmaking")
    page.fill("#id_day", "2026-03-10")
    page.fill("#id_start", "09:00")
    page.fill("#id_end", "11:00")
    page.fill("#id_minutes", "25")
    page.fill("#id_break_minutes", "5")
    page.click("#slots-form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("4 meeting slots added")
    page.fill("#id_count", "3")
    page.click("#tables-form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("3 tables")
    event = Event.objects.get(title="Photonics Matchmaking")

    # Six people register; the second person from Alpha is turned away by the cap.
    _switch(page, login, "ana@example.org")
    page.goto(f"/events/{event.slug}/")
    page.click("#register-form button[type=submit]")
    expect(page.locator("#registration-status")).to_contain_text("Admitted")
    for user in people[1:5]:
        reg_services.register(event=event, user=user)
    _switch(page, login, "alf@example.org")
    page.goto(f"/events/{event.slug}/")
    page.click("#register-form button[type=submit]")
    expect(page.locator("#register-form")).to_contain_text(
        "Alpha has already registered 1 person; this event admits at most 1 per organisation."
    )
    assert Registration.objects.filter(event=event, status="admitted").count() == 5
    regs = {r.user.name: r for r in Registration.objects.filter(event=event).select_related("user")}

    # Requests are sent and accepted.
    _switch(page, login, "ana@example.org")
    page.goto(f"/events/{event.slug}/participants/")
    expect(page.locator("#recommendations")).to_contain_text("Shares sectors: Automotive")
    page.fill(f"#participant-{regs['Ben'].pk} textarea", "Let us talk lasers")
    page.click(f"#participant-{regs['Ben'].pk} button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("Your request was sent to Ben (Beta)")
    _switch(page, login, "ben@example.org")
    page.goto(f"/events/{event.slug}/requests/")
    page.click("#received button[value=accept]")
    expect(page.locator("#received")).to_contain_text("Accepted")
    for a, b in (("Ana", "Cem"), ("Dina", "Eva")):
        req = matchmaking.send_request(sender=regs[a], recipient=regs[b], actor=regs[a].user)
        matchmaking.answer_request(request=req, actor=regs[b].user, accept=True)

    # The organiser schedules and publishes.
    _switch(page, login, "org@example.org")
    page.goto(f"/events/{event.slug}/manage/schedule/")
    page.check("#id_run_profile_0")  # quick (10 s at most; a tiny event is proven sooner)
    expect(page.locator("#id_run_fairness")).to_be_checked()
    page.click("#run-scheduler")
    expect(page.locator("#run-state")).to_have_text("Done")
    expect(page.locator("#run-settings")).to_have_text(
        "Quick (about 10 seconds) · fairness floor on"
    )
    expect(page.locator("#run-result")).to_contain_text("3 of 3 meetings scheduled")
    expect(page.locator("#run-result")).to_contain_text("upper bound 3 · gap 0")
    # The run was started in the page (only its status came back) and applied: the first.
    assert page.url.endswith(f"/events/{event.slug}/manage/schedule/")
    page.reload()
    expect(page.locator("#runs tbody tr")).to_have_count(1)
    expect(page.locator("#runs tbody tr td.run-apply")).to_have_text("Applied")
    expect(page.locator("#schedule-summary")).to_have_text(
        "3 scheduled · 0 not scheduled · 0 cancelled"
    )
    expect(page.locator("#meetings tbody tr")).to_have_count(3)
    axe_check("the organiser's scheduling page")
    # Filtered by a participant; one meeting opened in its own small form, and back.
    page.fill("#id_filter_participant", "Dina")
    page.click("#schedule-filters button[type=submit]")
    expect(page.locator("#meetings tbody tr")).to_have_count(1)
    page.click("#meetings a.edit-meeting")
    expect(page.locator("#meeting-facts")).to_contain_text("Dina (Delta) / Eva (Epsilon)")
    expect(page.locator("#id_slot")).to_be_visible()
    axe_check("the form of one meeting")
    page.click("#back-to-list")
    expect(page.locator("#id_filter_participant")).to_have_value("Dina")
    # Publishing asks first, with the number of people told.
    expect(page.locator("#publish-count")).to_have_text("Publishing notifies 5 people.")
    assert confirm_click("#publish-agenda") == "Publish the agendas? 5 people will be notified."
    expect(page.locator(".messages")).to_contain_text("Agendas published to 5 participants")

    # Ana downloads her agenda as PDF and iCalendar.
    ana_meetings = {
        m.request.recipient.user.name: m
        for m in Meeting.objects.filter(participants=regs["Ana"]).select_related(
            "slot", "table", "request__recipient__user"
        )
    }
    assert set(ana_meetings) == {"Ben", "Cem"}
    _switch(page, login, "ana@example.org")
    page.goto(f"/events/{event.slug}/agenda/")
    with page.expect_download() as dl:
        page.click("#agenda-pdf")
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(Path(dl.value.path()).read_bytes())).pages
    )
    with page.expect_download() as dl:
        page.click("#agenda-ics")
    cal = Calendar.from_ical(Path(dl.value.path()).read_bytes())
    vevents = sorted(cal.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    expected = sorted(
        (m.slot.start.astimezone(TZ), name, m.table.number) for name, m in ana_meetings.items()
    )
    assert [
        (e.decoded("dtstart"), str(e["summary"]), str(e["location"])) for e in vevents
    ] == [(start, f"Meeting with {name} ({'Beta' if name == 'Ben' else 'Gamma'})",
           f"Table {table}, Bilbao") for start, name, table in expected]  # fmt: skip
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Brussels"]
    for start, name, table in expected:
        assert start.tzinfo is not None and start.date() == datetime(2026, 3, 10).date()
        assert f"{start:%H:%M}" in text
        assert name in text
        assert f"Table {table}" in text
    assert "Agenda of Ana (Alpha)" in text

    # Outcomes are recorded after the meeting.
    ben_meeting = ana_meetings["Ben"]
    row = page.locator(f"#meeting-{ben_meeting.pk}")
    row.locator("input[value=mou]").check()
    row.locator("select[name=satisfaction]").select_option("4")
    row.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("the outcome is recorded")

    # The dashboard shows the right counts.
    _switch(page, login, "org@example.org")
    page.goto(f"/events/{event.slug}/manage/dashboard/")
    expect(page.locator("#fig-participants")).to_have_text("5")
    expect(page.locator("#fig-countries")).to_have_text("5")
    expect(page.locator("#meetings-requested")).to_have_text("3")
    expect(page.locator("#meetings-accepted")).to_have_text("3")
    expect(page.locator("#meetings-scheduled")).to_have_text("3")
    expect(page.locator("#meetings-held")).to_have_text("1")
    expect(
        page.locator("#fig-outcomes tr:has-text('Memorandum of understanding') td")
    ).to_have_text("1")
    expect(page.locator("#fig-satisfaction")).to_have_text("4.0")
    assert MeetingRequest.objects.filter(event=event, status="accepted").count() == 3


def _boxes(page, selector):
    return page.eval_on_selector_all(
        selector,
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return {x: r.x, y: r.y, width: r.width, height: r.height}; })",
    )


def _overlap(a, b) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


@pytest.mark.parametrize("width", [1280, 600])
def test_dashboard_charts_are_responsive_and_never_overlap(page, login, width):
    host = MembershipFactory(user=UserFactory(email="org@example.org"))
    event = Event.objects.create(
        title="Charts Matchmaking", slug="charts-matchmaking", kind="matchmaking",
        organiser=host.organisation, start=datetime(2027, 4, 20, 9, tzinfo=TZ),
        end=datetime(2027, 4, 20, 18, tzinfo=TZ), is_published=True,
    )  # fmt: skip
    for country in ("DE", "ES", "FR", "IT", "PL"):
        RegistrationFactory(event=event, country=country)
    page.set_viewport_size({"width": width, "height": 900})
    login("org@example.org", PASSWORD)
    page.goto(f"/events/{event.slug}/manage/dashboard/")
    expect(page.locator("#charts")).to_have_attribute("data-drawn", "3")
    boxes = _boxes(page, "#charts canvas")
    assert len(boxes) == 3
    for i, a in enumerate(boxes):
        assert 0 < a["width"] <= width and a["height"] > 0
        assert a["x"] >= 0 and a["x"] + a["width"] <= width
        for b in boxes[i + 1 :]:
            assert not _overlap(a, b), (a, b)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_dashboard_in_german_uses_the_javascript_catalogue(page, login):
    host = MembershipFactory(user=UserFactory(email="org@example.org", language="de"))
    event = Event.objects.create(
        title="Photonik Tage", slug="photonik-tage", kind="matchmaking",
        organiser=host.organisation, start=datetime(2027, 4, 20, 9, tzinfo=TZ),
        end=datetime(2027, 4, 20, 18, tzinfo=TZ), is_published=True,
    )  # fmt: skip
    for country in ("DE", "FR"):
        RegistrationFactory(event=event, country=country)
    login("org@example.org", PASSWORD)
    page.goto(f"/events/{event.slug}/manage/dashboard/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator("#charts")).to_have_attribute("data-drawn", "3")
    expect(page.locator("canvas[data-chart=countries]")).to_have_attribute(
        "aria-label", "Teilnehmende nach Land"
    )
    # The tooltips' texts come from the events app's djangojs catalogue.
    said = page.evaluate(
        "interpolate(ngettext('%(count)s participant', '%(count)s participants', 2),"
        " {count: 2}, true)"
    )
    assert said == "2 Teilnehmende"
    # The same figures as a table, for people who do not see the charts.
    page.click("#chart-tables summary")
    expect(page.locator("#table-countries")).to_contain_text("Deutschland")
