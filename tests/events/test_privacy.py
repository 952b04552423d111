"""The events part of the personal-data export."""

import json

import pytest
from django.db.models import CASCADE, SET_NULL

from clusterbridge.common.privacy import privacy_modules
from clusterbridge.events import privacy
from clusterbridge.events.models import (
    Event,
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    Registration,
    ScheduleRun,
)
from clusterbridge.events.services import matchmaking
from tests.events.factories import EventFactory, RegistrationFactory, add_slots, add_tables
from tests.factories import UserFactory


@pytest.mark.django_db
def test_export_holds_registrations_requests_meetings_and_own_outcomes():
    event = EventFactory(title="Photonics Days", questions=["Why?"])
    me = RegistrationFactory(
        event=event, user__name="Ana", organisation__name="Alpha", country="DE",
        answers={"Why?": "Lasers"}, offer="Optics", seek="Partners", sectors=["automotive"],
        technologies=["photonics"], technology_keywords=["lasers"], interest_countries=["FR"],
    )  # fmt: skip
    ben = RegistrationFactory(event=event, user__name="Ben", organisation__name="Beta")
    cem = RegistrationFactory(event=event, user__name="Cem", organisation__name="Gamma")
    (slot,) = add_slots(event, 1)
    slot.refresh_from_db()  # as the database gives it back (UTC)
    (table,) = add_tables(event, 1)
    me.unavailable_slots.set([slot])

    sent = matchmaking.send_request(sender=me, recipient=ben, actor=me.user, message="Meet?")
    matchmaking.answer_request(request=sent, actor=ben.user, accept=True)
    matchmaking.send_request(sender=cem, recipient=me, actor=cem.user, message="Hello Ana")
    meeting = Meeting.objects.get(request=sent)
    Meeting.objects.filter(pk=meeting.pk).update(status="scheduled", slot=slot, table=table)
    MeetingOutcome.objects.create(
        meeting=meeting, registration=me, held=True, outcomes=["follow_up"], note="Good",
        satisfaction=5,
    )  # fmt: skip
    MeetingOutcome.objects.create(meeting=meeting, registration=ben, held=True, note="Ben's own")
    # Other people's data does not appear.
    RegistrationFactory(event=event, answers={"Why?": "Not mine"})
    other_event = EventFactory(title="Other")
    RegistrationFactory(event=other_event, user=me.user, status="waiting")

    data = privacy.export(me.user)
    json.dumps(data)  # JSON-ready
    regs = data["registrations"]
    assert [(r["event"], r["status"]) for r in regs] == [
        ("Photonics Days", "admitted"), ("Other", "waiting"),
    ]  # fmt: skip
    first = regs[0]
    assert first["answers"] == {"Why?": "Lasers"}
    assert (first["organisation"], first["country"], first["attendance"]) == ("Alpha", "DE",
                                                                              "onsite")  # fmt: skip
    assert first["card"] == {
        "offer": "Optics", "seek": "Partners", "sectors": ["automotive"],
        "technologies": ["photonics"], "technology_keywords": ["lasers"],
        "interest_countries": ["FR"], "unavailable_slots": [slot.start.isoformat()],
    }  # fmt: skip
    assert [(r["with"], r["message"], r["status"]) for r in data["meeting_requests_sent"]] == [
        ("Ben (Beta)", "Meet?", "accepted")
    ]
    assert data["meeting_requests_sent"][0]["answered_at"] is not None
    assert [(r["with"], r["message"], r["status"]) for r in data["meeting_requests_received"]] == [
        ("Cem (Gamma)", "Hello Ana", "pending")
    ]
    (m,) = data["meetings"]
    assert (m["event"], m["with"], m["status"], m["start"], m["table"], m["online"]) == (
        "Photonics Days", ["Ben (Beta)"], "scheduled", slot.start.isoformat(), 1, False,
    )  # fmt: skip
    assert [
        (o["held"], o["outcomes"], o["note"], o["satisfaction"]) for o in m["outcomes_recorded"]
    ] == [(True, ["follow_up"], "Good", 5)]


@pytest.mark.django_db
def test_export_is_collected_and_empty_for_a_newcomer():
    assert ("events", privacy) in list(privacy_modules())
    assert privacy.export(UserFactory()) == {
        "registrations": [], "meeting_requests_sent": [], "meeting_requests_received": [],
        "meetings": [],
    }  # fmt: skip


def test_everything_goes_with_the_user_so_there_is_no_erase():
    """No erase(): the user's registrations cascade, and with them requests, meetings and
    outcomes (see the module docstring). Checked on the foreign keys, so this test does not
    depend on every other app's tables."""
    assert not hasattr(privacy, "erase")
    cascade = [
        (Registration, "user"), (MeetingRequest, "sender"), (MeetingRequest, "recipient"),
        (Meeting, "request"), (MeetingOutcome, "registration"), (MeetingOutcome, "meeting"),
    ]  # fmt: skip
    for model, field in cascade:
        assert model._meta.get_field(field).remote_field.on_delete is CASCADE, (model, field)
    for model, field in [(Event, "created_by"), (ScheduleRun, "started_by")]:
        assert model._meta.get_field(field).remote_field.on_delete is SET_NULL, (model, field)


@pytest.mark.django_db
def test_deleting_a_registration_takes_requests_meetings_and_outcomes():
    event = EventFactory()
    me, ben = RegistrationFactory(event=event), RegistrationFactory(event=event)
    req = matchmaking.send_request(sender=me, recipient=ben, actor=me.user, message="Meet?")
    matchmaking.answer_request(request=req, actor=ben.user, accept=True)
    MeetingOutcome.objects.create(meeting=Meeting.objects.get(), registration=ben, held=True)
    me.delete()
    assert not MeetingRequest.objects.exists()
    assert not Meeting.objects.exists()
    assert not MeetingOutcome.objects.exists()
    assert privacy.export(ben.user)["meeting_requests_received"] == []
