"""Event files for download: every PDF prints any European name (embedded Unicode font), the
iCalendar files carry their VTIMEZONE and the venue (RFC 5545)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from clusterbridge.events.models import Meeting, MeetingRequest, MeetingSlot, MeetingTable
from tests.events.factories import TZ, EventFactory, RegistrationFactory
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory
from tests.pdf_text import pdf_text

PLACES = "Łódź, Timișoara, Plzeň, Šibenik, İzmir"
PEOPLE = "Ćwikła Żaneta-Ştefănescu Ęńřčž"


@pytest.fixture
def world(client):
    """A published matchmaking event at Palacio Euskalduna with one meeting at table 20,
    everything named with letters that Helvetica lacks; the organiser and the participant."""
    host = MembershipFactory()
    event = EventFactory(
        title=PLACES, slug="places", organiser=host.organisation, venue="Palacio Euskalduna",
        address="Abandoibarra Etorbidea 4", city="Bilbao", country="ES",
        agenda_published_at=timezone.now(),
    )  # fmt: skip
    me = RegistrationFactory(
        event=event, user=UserFactory(name=PEOPLE),
        organisation=OrganisationFactory(name="Şanlıurfa & <Tekirdağ> Cluster"),
    )  # fmt: skip
    other = RegistrationFactory(
        event=event, user=UserFactory(name="Øystein Ærø"),
        organisation=OrganisationFactory(name="Třeboň Glass"),
    )  # fmt: skip
    slot = MeetingSlot.objects.create(event=event, start=datetime(2027, 4, 20, 10, tzinfo=TZ))
    table = MeetingTable.objects.create(event=event, number=20)
    request = MeetingRequest.objects.create(
        event=event, sender=me, recipient=other, status="accepted"
    )
    meeting = Meeting.objects.create(
        event=event, request=request, status="scheduled", slot=slot, table=table,
        communicated=True,
    )  # fmt: skip
    meeting.participants.set([me, other])
    return {"client": client, "event": event, "host": host.user, "me": me, "meeting": meeting}


def _as(world, user):
    world["client"].login(email=user.email, password=PASSWORD)
    return world["client"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["manage/badges.pdf", "manage/tables/plan/?format=pdf", "manage/dashboard/?format=pdf"],
)
def test_organiser_pdfs_print_every_european_letter(world, url):
    response = _as(world, world["host"]).get(f"/events/places/{url}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert PLACES in text
    assert "■" not in text


@pytest.mark.django_db
def test_badges_print_names_and_organisations(world):
    text = pdf_text(_as(world, world["host"]).get("/events/places/manage/badges.pdf").content)
    assert text == (
        f"{PLACES} {PEOPLE} Şanlıurfa & <Tekirdağ> Cluster DE {PLACES} Øystein Ærø Třeboň Glass DE"
    )


@pytest.mark.django_db
def test_table_plan_pdf_has_the_venue_tables_and_participants(world):
    client = _as(world, world["host"])
    text = pdf_text(client.get("/events/places/manage/tables/plan/?format=pdf").content)
    assert text == (
        f"Table plan – {PLACES} Palacio Euskalduna, Abandoibarra Etorbidea 4, Bilbao, Spain "
        "20 Apr 2027, 10:00 Where Participants "
        f"Table 20 {PEOPLE} (Şanlıurfa & <Tekirdağ> Cluster) / Øystein Ærø (Třeboň Glass)"
    )


@pytest.mark.django_db
def test_agenda_pdf_prints_every_european_letter(world):
    response = _as(world, world["me"].user).get("/events/places/agenda/?format=pdf")
    assert response.status_code == 200
    assert pdf_text(response.content) == (
        f"Agenda of {PEOPLE} (Şanlıurfa & <Tekirdağ> Cluster) "
        f"{PLACES} · times in Europe/Brussels "
        "Palacio Euskalduna, Abandoibarra Etorbidea 4, Bilbao, Spain "
        "Time With Where 20 Apr 2027, 10:00–10:25 Øystein Ærø (Třeboň Glass) Table 20"
    )


def _vtimezones(cal: Calendar) -> list[str]:
    return [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")]


@pytest.mark.django_db
def test_agenda_ics_has_its_vtimezone_and_the_venue(world):
    response = _as(world, world["me"].user).get("/events/places/agenda/?format=ics")
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    assert _vtimezones(cal) == ["Europe/Brussels"]
    assert cal.get_missing_tzids() == set()
    (event,) = cal.walk("VEVENT")
    assert event.decoded("dtstart") == datetime(2027, 4, 20, 10, tzinfo=TZ)
    assert event["dtstart"].params["TZID"] == "Europe/Brussels"
    assert event.decoded("dtend") == datetime(2027, 4, 20, 10, 25, tzinfo=TZ)
    assert str(event["summary"]) == "Meeting with Øystein Ærø (Třeboň Glass)"
    assert str(event["location"]) == (
        "Table 20, Palacio Euskalduna, Abandoibarra Etorbidea 4, Bilbao, Spain"
    )
    # The time zone is defined for the meeting's date: summer time (UTC+2) on 20 April 2027.
    (tz,) = cal.timezones
    assert tz.to_tz().utcoffset(datetime(2027, 4, 20, 10)) == timedelta(hours=2)
    assert b"BEGIN:VTIMEZONE" in response.content.split(b"BEGIN:VEVENT")[0]


@pytest.mark.django_db
def test_online_meeting_location_is_its_video_link(world):
    event = world["event"]
    event.online_url = "https://video.example.org/room"
    event.save()
    meeting = world["meeting"]
    meeting.online, meeting.table = True, None
    meeting.save()
    cal = Calendar.from_ical(
        _as(world, world["me"].user).get("/events/places/agenda/?format=ics").content
    )
    (vevent,) = cal.walk("VEVENT")
    assert str(vevent["location"]) == f"Online: https://video.example.org/room/meeting-{meeting.pk}"


@pytest.mark.django_db
def test_feed_has_vtimezones_local_times_and_full_locations(client):
    EventFactory(
        title="Bilbao Days", venue="Palacio Euskalduna", address="Abandoibarra Etorbidea 4",
        city="Bilbao", country="ES",
    )  # fmt: skip
    EventFactory(
        title="Lisbon Days", timezone="Europe/Lisbon", city="Lisboa", country="PT",
        start=datetime(2027, 5, 3, 9, tzinfo=TZ), end=datetime(2027, 5, 3, 17, tzinfo=TZ),
    )  # fmt: skip
    cal = Calendar.from_ical(client.get("/events/feed.ics").content)
    assert sorted(_vtimezones(cal)) == ["Europe/Brussels", "Europe/Lisbon"]
    assert cal.get_missing_tzids() == set()
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    bilbao, lisbon = events["Bilbao Days"], events["Lisbon Days"]
    assert bilbao["dtstart"].params["TZID"] == "Europe/Brussels"
    assert bilbao.decoded("dtstart") == datetime(2027, 4, 20, 9, tzinfo=TZ)
    assert str(bilbao["location"]) == (
        "Palacio Euskalduna, Abandoibarra Etorbidea 4, Bilbao, Spain"
    )
    assert lisbon["dtstart"].params["TZID"] == "Europe/Lisbon"
    assert lisbon["dtstart"].to_ical() == b"20270503T080000"
    assert str(lisbon["location"]) == "Lisboa, Portugal"
