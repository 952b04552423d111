import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory
from tests.pdf_text import pdf_text


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_calendar_fixed_queries_and_filters(client):
    EventFactory(title="Few")
    few = _count(client, "/events/")
    for _ in range(6):
        RegistrationFactory(event=EventFactory(country="FR", kind="workshop"))
    assert _count(client, "/events/") == few
    body = client.get("/events/?kind=workshop&country=FR").content.decode()
    assert body.count("event-card") == 6
    assert "Few" not in body


@pytest.mark.django_db
def test_organiser_area_fixed_queries(client):
    m = MembershipFactory()
    client.login(email=m.user.email, password=PASSWORD)
    EventFactory(organiser=m.organisation)
    few = _count(client, "/events/organiser/")
    for _ in range(5):
        EventFactory(organiser=m.organisation)
    assert _count(client, "/events/organiser/") == few


@pytest.mark.django_db
def test_feed_is_parseable_ical(client):
    EventFactory(title="Feed me")
    cal = Calendar.from_ical(client.get("/events/feed.ics").content)
    assert [str(e["summary"]) for e in cal.walk("VEVENT")] == ["Feed me"]


@pytest.mark.django_db
def test_unpublished_event_and_organiser_pages_are_404_for_others(client):
    event = EventFactory(is_published=False)
    m = MembershipFactory(organisation=OrganisationFactory())
    client.login(email=m.user.email, password=PASSWORD)
    assert client.get(f"/events/{event.slug}/").status_code == 404
    assert client.get(f"/events/{event.slug}/manage/").status_code == 404
    assert client.get(f"/events/{event.slug}/agenda/").status_code == 404


@pytest.mark.django_db
def test_organiser_exports(client):
    m = MembershipFactory()
    event = EventFactory(organiser=m.organisation)
    reg = RegistrationFactory(event=event)
    client.login(email=m.user.email, password=PASSWORD)
    csv_text = client.get(f"/events/{event.slug}/manage/participants.csv").content.decode()
    assert (
        csv_text.splitlines()[0] == "name,email,organisation,country,status,attendance,registered"
    )
    assert len(csv_text.splitlines()) == 2
    badges = pdf_text(client.get(f"/events/{event.slug}/manage/badges.pdf").content)
    assert badges == f"{event.title} {reg.user.name} {reg.organisation.name} DE"
    report = pdf_text(client.get(f"/events/{event.slug}/manage/dashboard/?format=pdf").content)
    assert report.startswith(
        f"Event report – {event.title} Section Item Value Participants Total 1 "
        "Participants Countries represented 1 Participants by country Germany 1"
    )
    plan = pdf_text(client.get(f"/events/{event.slug}/manage/tables/plan/?format=pdf").content)
    assert plan == f"Table plan – {event.title} Germany"
    assert client.get(f"/events/{event.slug}/manage/schedule/").status_code == 200


@pytest.mark.django_db
def test_recommendations_leave_out_people_of_the_own_organisation(client):
    event = EventFactory()
    home = OrganisationFactory(name="Home Cluster")
    me = RegistrationFactory(event=event, organisation=home, sectors=["automotive"])
    RegistrationFactory(event=event, organisation=home, sectors=["automotive"], offer="welding")
    partner = RegistrationFactory(
        event=event, organisation=OrganisationFactory(name="Partner"), sectors=["automotive"]
    )
    client.login(email=me.user.email, password=PASSWORD)
    response = client.get(f"/events/{event.slug}/participants/")
    assert [(r.pk, reasons) for r, reasons in response.context["recommendations"]] == [
        (partner.pk, ("Shares sectors: Automotive",))
    ]
