"""WCAG 2.1 AA in the browser (axe-core: no serious or critical violation) on the pages of
events, benchmarking and partnerships, each as the person who uses it: visitor, participant,
organiser, organisation admin, assessor, staff (issue 10); and the pages that held wide forms,
link rows and tables on a phone (390 px), which must not be wider than the screen. One page load
and one check per page; the pages of one person share one log-in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clusterbridge.benchmarking.models import Indicator
from clusterbridge.benchmarking.services.indicator_sets import ensure_default_set
from clusterbridge.events.models import (
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    ProgrammeSession,
    ScheduleRun,
)
from tests.benchmarking.factories import (
    AssessorFactory,
    admin_of,
    answered_assessment,
    submitted_assessment,
    validated_assessment,
)
from tests.events.factories import EventFactory, RegistrationFactory, add_slots, add_tables
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, StaffFactory
from tests.partnerships.factories import proposed, published, with_partner

pytestmark = pytest.mark.django_db(transaction=True)


def _visit(page, axe_check, paths):
    for path in paths:
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        axe_check(path)


@pytest.fixture
def event():
    """A published matchmaking event with a programme, slots, tables, requests both ways, a
    scheduled meeting with an outcome, an unscheduled one with its reason, a finished run."""
    host = MembershipFactory(
        user__email="host@example.org", organisation=OrganisationFactory(name="Hostwerk")
    )
    event = EventFactory(
        title="Photonics Bilbao", slug="photonics-bilbao", organiser=host.organisation,
        venue="Palacio Euskalduna", city="Bilbao", country="ES", capacity=30,
        admission_policy="review", agenda_published_at=timezone.now(),
    )  # fmt: skip
    ProgrammeSession.objects.create(
        event=event, title="Keynote", start=event.start, end=event.start + timedelta(hours=1)
    )
    slots = add_slots(event, 3, start=event.start + timedelta(hours=1))
    tables = add_tables(event, 2)
    me, ben, cem = (
        RegistrationFactory(
            event=event,
            user__email=f"{name.lower()}@example.org",
            user__name=name,
            organisation=OrganisationFactory(name=f"{name} Works"),
            offer="Laser systems",
            seek="Optics",
        )
        for name in ("Ana", "Ben", "Cem")
    )
    MembershipFactory(user=me.user, organisation=me.organisation)
    RegistrationFactory(event=event, status="pending")  # the organiser decides on it
    accepted = MeetingRequest.objects.create(
        event=event, sender=me, recipient=ben, status="accepted", message="Hello Ben"
    )
    MeetingRequest.objects.create(event=event, sender=cem, recipient=me, message="Hello Ana")
    meeting = Meeting.objects.create(
        event=event, request=accepted, status="scheduled", slot=slots[0], table=tables[0],
        communicated=True,
    )  # fmt: skip
    meeting.participants.set([me, ben])
    MeetingOutcome.objects.create(
        meeting=meeting, registration=me, held=True, outcomes=["mou"], satisfaction=4
    )
    waiting = MeetingRequest.objects.create(
        event=event, sender=ben, recipient=cem, status="accepted"
    )
    unscheduled = Meeting.objects.create(
        event=event, request=waiting, status="unscheduled", reason="no_common_slot"
    )
    unscheduled.participants.set([ben, cem])
    ScheduleRun.objects.create(
        event=event, status="done", progress=100, message="1 meetings scheduled",
        result={"objective": 1, "upper_bound": 2, "gap": 1, "meetings": 2, "unscheduled": 1,
                "solve_seconds": 0.42},
    )  # fmt: skip
    return {"event": event, "host": host.user, "participant": me.user}


def test_event_pages_for_visitors_and_the_registration_form(page, login, axe_check, event):
    slug = event["event"].slug
    _visit(page, axe_check, ["/events/", f"/events/{slug}/"])
    # A member who has not registered yet sees the registration form.
    newcomer = MembershipFactory(user__email="newcomer@example.org").user
    login(newcomer.email, PASSWORD)
    page.goto(f"/events/{slug}/")
    assert page.locator("#register-form").count() == 1
    axe_check("event page with the registration form")


def test_event_pages_for_a_participant(page, login, axe_check, event):
    login(event["participant"].email, PASSWORD)
    slug = event["event"].slug
    _visit(
        page,
        axe_check,
        [f"/events/{slug}/{p}" for p in
         ("", "card/", "participants/", "requests/", "availability/", "agenda/")],
    )  # fmt: skip


def test_event_pages_for_the_organiser(page, login, axe_check, event):
    login(event["host"].email, PASSWORD)
    slug = event["event"].slug
    _visit(
        page,
        axe_check,
        ["/events/organiser/", "/events/organiser/new/"]
        + [f"/events/{slug}/manage/{p}" for p in
           ("", "edit/", "schedule/", "tables/plan/", "dashboard/")],
    )  # fmt: skip
    page.click("#chart-tables summary")
    axe_check("dashboard with the figures as tables")
    # The event form sent back with its errors.
    page.goto("/events/organiser/new/")
    page.locator("#save-event").evaluate("button => { button.form.noValidate = true; }")
    page.click("#save-event")
    expect(page.locator("[aria-invalid=true]").first).to_be_visible()
    axe_check("event form with errors")


@pytest.fixture
def benchmarks():
    ensure_default_set()  # the flush after each live-server test removes the default set
    labelled = OrganisationFactory(name="Lakeside Robotics Cluster")
    admin = admin_of(labelled)
    assessor = AssessorFactory().user
    validated = validated_assessment(labelled, admin, assessor)
    drafting = OrganisationFactory(name="Fjord Energy Cluster")
    drafting_admin = admin_of(drafting)
    draft = answered_assessment(drafting, drafting_admin, evidence=False)
    waiting = submitted_assessment(OrganisationFactory(name="Harbour Logistics Cluster"))
    return {
        "admin": admin,
        "assessor": assessor,
        "validated": validated,
        "drafting_admin": drafting_admin,
        "draft": draft,
        "waiting": waiting,
    }


def test_benchmarking_pages_for_an_organisation_admin(page, login, axe_check, benchmarks):
    validated = benchmarks["validated"]
    login(benchmarks["admin"].email, PASSWORD)
    _visit(
        page,
        axe_check,
        [
            "/benchmarking/",
            validated.get_absolute_url(),
            f"/benchmarking/organisations/{validated.organisation.slug}/label-decisions/",
            f"/benchmarking/assessments/{validated.pk}/report/",
        ],
    )
    page.click("#distribution-tables summary")
    axe_check("report with the distributions as tables")


def test_the_benchmarking_questionnaire(page, login, axe_check, benchmarks):
    login(benchmarks["drafting_admin"].email, PASSWORD)
    _visit(page, axe_check, [benchmarks["draft"].get_absolute_url()])
    # After an autosave: the rating and the current score swapped in by htmx.
    yes_no = Indicator.objects.filter(answer_type="yes_no").order_by("id").first()
    page.select_option(f"#answer-{yes_no.pk}", "no")
    expect(page.locator(f"#saved-{yes_no.pk}")).to_contain_text("Red")
    axe_check("questionnaire after an autosave")


def test_benchmarking_pages_for_an_assessor(page, login, axe_check, benchmarks):
    login(benchmarks["assessor"].email, PASSWORD)
    _visit(page, axe_check, ["/benchmarking/", benchmarks["waiting"].get_absolute_url()])


def test_benchmarking_pages_for_visitors_and_staff(page, login, axe_check, benchmarks):
    _visit(page, axe_check, ["/benchmarking/labels/"])
    label = benchmarks["validated"].labels.get()
    page.context.clear_cookies()
    login(StaffFactory().email, PASSWORD)
    _visit(page, axe_check, ["/benchmarking/labels/", f"/benchmarking/labels/{label.pk}/withdraw/"])


def test_partnership_pages(page, login, axe_check):
    coordinator = OrganisationFactory(name="Nordic Hydrogen Cluster", country="SE")
    coordinator_admin = MembershipFactory(organisation=coordinator).user
    partnership = published(
        coordinator=coordinator, actor=coordinator_admin, name="Hydrogen Valleys", acronym="HV"
    )
    invited = OrganisationFactory(name="Bavarian H2 Network", country="DE")
    invited_admin = MembershipFactory(organisation=invited).user
    with_partner(partnership, organisation=invited, accept=None)
    proposal = proposed(coordinator=coordinator, actor=coordinator_admin, name="Solar Bridges")
    url = partnership.get_absolute_url()
    _visit(page, axe_check, ["/partnerships/", url, "/partnerships/stories/"])
    login(coordinator_admin.email, PASSWORD)
    _visit(
        page,
        axe_check,
        [url, proposal.get_absolute_url(), f"/partnerships/{partnership.slug}/forum/",
         "/partnerships/propose/"],
    )  # fmt: skip
    page.context.clear_cookies()
    login(invited_admin.email, PASSWORD)
    _visit(page, axe_check, [url])  # with the invitation to answer
    page.context.clear_cookies()
    login(StaffFactory().email, PASSWORD)
    _visit(page, axe_check, ["/partnerships/validation/", proposal.get_absolute_url()])


PHONE = 390


def _fits_a_phone(page, axe_check, paths):
    """At 390 px nothing is wider than the screen (WCAG 1.4.10 reflow: wide tables scroll in
    their own box) and axe finds nothing either."""
    for path in paths:
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        axe_check(f"{path} on a phone")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE, (path, width)


def test_the_pages_fit_a_phone(page, login, axe_check, event, benchmarks):
    page.set_viewport_size({"width": PHONE, "height": 844})
    slug = event["event"].slug
    validated = benchmarks["validated"]
    _fits_a_phone(
        page,
        axe_check,
        ["/organisations/", "/marketplace/", "/events/", "/benchmarking/labels/",
         "/partnerships/", "/observatory/", "/calls/"],
    )  # fmt: skip
    login(event["participant"].email, PASSWORD)
    _fits_a_phone(page, axe_check, [f"/events/{slug}/", f"/events/{slug}/participants/"])
    page.context.clear_cookies()
    login(event["host"].email, PASSWORD)
    _fits_a_phone(
        page,
        axe_check,
        [f"/events/{slug}/manage/", f"/events/{slug}/manage/dashboard/",
         f"/events/{slug}/manage/schedule/"],
    )  # fmt: skip
    page.context.clear_cookies()
    login(benchmarks["admin"].email, PASSWORD)
    _fits_a_phone(
        page,
        axe_check,
        [
            f"/benchmarking/assessments/{validated.pk}/report/",
            f"/benchmarking/organisations/{validated.organisation.slug}/label-decisions/",
        ],
    )
