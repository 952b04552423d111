"""Unavailable slots after agendas are published (issue 4, "Bad input")."""

import pytest
from django.core.exceptions import ValidationError

from clusterbridge.events.models import Meeting
from clusterbridge.events.services import matchmaking, scheduling
from tests.events.factories import EventFactory, RegistrationFactory, add_slots, add_tables
from tests.factories import PASSWORD, StaffFactory, UserFactory


def _people(event):
    names = [("Ana", "Alpha"), ("Ben", "Beta"), ("Cem", "Gamma")]
    return [
        RegistrationFactory(event=event, user=UserFactory(name=n), organisation__name=o)
        for n, o in names
    ]


@pytest.fixture
def published():
    """Ana and Ben have a published meeting at 09:00 (Tue 20 Apr 2027, Brussels); Cem has none."""
    event = EventFactory()
    slots = add_slots(event, 3)  # 09:00, 09:30, 10:00
    (table,) = add_tables(event, 1)
    ana, ben, cem = _people(event)
    req = matchmaking.send_request(sender=ana, recipient=ben, actor=ana.user)
    matchmaking.answer_request(request=req, actor=ben.user, accept=True)
    meeting = Meeting.objects.get(request=req)
    Meeting.objects.filter(pk=meeting.pk).update(status="scheduled", slot=slots[0], table=table)
    scheduling.publish_agenda(event=event, actor=StaffFactory())
    meeting.refresh_from_db()
    assert meeting.communicated
    return event, slots, (ana, ben, cem), meeting


def _unavailable(reg):
    return sorted(reg.unavailable_slots.values_list("pk", flat=True))


CLASH = (
    "You cannot mark a slot unavailable when your published agenda has a meeting in it: "
    "20 Apr 2027, 09:00 (your published meeting with {partner}). Ask the organiser to move or "
    "cancel the meeting first; nothing was changed."
)


@pytest.mark.django_db
def test_slot_with_a_published_meeting_is_refused_naming_slot_and_partner(published):
    _event, (s1, s2, _s3), (ana, ben, _cem), _meeting = published
    with pytest.raises(ValidationError) as exc:
        matchmaking.set_unavailable(registration=ana, actor=ana.user, slots=[s1])
    assert exc.value.messages == [CLASH.format(partner="Ben (Beta)")]
    with pytest.raises(ValidationError) as exc:
        matchmaking.set_unavailable(registration=ben, actor=ben.user, slots=[s1])
    assert exc.value.messages == [CLASH.format(partner="Ana (Alpha)")]
    # Together with a free slot: refused as a whole, nothing half-written.
    with pytest.raises(ValidationError, match="20 Apr 2027, 09:00"):
        matchmaking.set_unavailable(registration=ana, actor=ana.user, slots=[s2, s1])
    assert _unavailable(ana) == [] and _unavailable(ben) == []


@pytest.mark.django_db
def test_other_slots_can_still_be_marked_after_publication(published):
    _event, (s1, s2, s3), (ana, _ben, cem), _meeting = published
    assert matchmaking.set_unavailable(registration=ana, actor=ana.user, slots=[s2, s3]) == [
        s2,
        s3,
    ]
    assert _unavailable(ana) == [s2.pk, s3.pk]
    # Cem has no meeting at 09:00, so 09:00 is free for him to block.
    matchmaking.set_unavailable(registration=cem, actor=cem.user, slots=[s1])
    assert _unavailable(cem) == [s1.pk]
    # Becoming available again is always allowed.
    matchmaking.set_unavailable(registration=ana, actor=ana.user, slots=[])
    assert _unavailable(ana) == []


@pytest.mark.django_db
def test_slot_of_a_cancelled_or_unpublished_meeting_can_be_marked(published):
    _event, (s1, _s2, _s3), (ana, _ben, _cem), meeting = published
    scheduling.cancel_meeting(meeting=meeting, actor=StaffFactory())
    matchmaking.set_unavailable(registration=ana, actor=ana.user, slots=[s1])
    assert _unavailable(ana) == [s1.pk]
    # A meeting scheduled but not yet published does not block: the next run moves it.
    other = EventFactory()
    o1, _o2 = add_slots(other, 2)
    add_tables(other, 1)
    x, y = RegistrationFactory(event=other), RegistrationFactory(event=other)
    req = matchmaking.send_request(sender=x, recipient=y, actor=x.user)
    matchmaking.answer_request(request=req, actor=y.user, accept=True)
    Meeting.objects.filter(request=req).update(status="scheduled", slot=o1)
    matchmaking.set_unavailable(registration=x, actor=x.user, slots=[o1])
    assert _unavailable(x) == [o1.pk]


@pytest.mark.django_db
def test_availability_page_shows_the_refusal_and_saves_other_slots(client, published):
    event, (s1, s2, _s3), (ana, _ben, _cem), _meeting = published
    client.login(email=ana.user.email, password=PASSWORD)
    url = f"/events/{event.slug}/availability/"
    body = client.post(url, {"unavailable": [s1.pk, s2.pk]}, follow=True).content.decode()
    assert "20 Apr 2027, 09:00 (your published meeting with Ben (Beta))" in body
    assert _unavailable(ana) == []
    response = client.post(url, {"unavailable": [s2.pk]}, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert "Your availability is saved." in response.content.decode()
    assert _unavailable(ana) == [s2.pk]


@pytest.mark.django_db
def test_slot_times_are_shown_in_the_event_time_zone(client):
    """Pages and messages name slots in the event's time zone, not the server's."""
    event = EventFactory(timezone="Europe/Lisbon")  # one hour behind Brussels in April
    s1, _s2 = add_slots(event, 2)  # 09:00 and 09:30 Brussels = 08:00 and 08:30 Lisbon
    (table,) = add_tables(event, 1)
    ana, ben, cem = _people(event)
    req = matchmaking.send_request(sender=ana, recipient=ben, actor=ana.user)
    matchmaking.answer_request(request=req, actor=ben.user, accept=True)
    meeting = Meeting.objects.get(request=req)
    Meeting.objects.filter(pk=meeting.pk).update(status="scheduled", slot=s1, table=table)
    scheduling.publish_agenda(event=event, actor=StaffFactory())
    with pytest.raises(ValidationError, match=r"20 Apr 2027, 08:00 \(your published meeting with"):
        matchmaking.set_unavailable(registration=ana, actor=ana.user, slots=[s1])
    client.login(email=ana.user.email, password=PASSWORD)
    availability = client.get(f"/events/{event.slug}/availability/").content.decode()
    assert "20 Apr 2027, 08:00</time> (25 min)" in availability
    assert "20 Apr 2027, 08:30</time> (25 min)" in availability
    agenda = client.get(f"/events/{event.slug}/agenda/").content.decode()
    assert '<time datetime="2027-04-20T08:00:00+01:00">20 Apr 2027, 08:00</time>' in agenda
    # A manual move onto a busy table names the slot in the event's time zone too.
    req2 = matchmaking.send_request(sender=cem, recipient=ben, actor=cem.user)
    matchmaking.answer_request(request=req2, actor=ben.user, accept=True)
    other = Meeting.objects.get(request=req2)
    with pytest.raises(ValidationError) as exc:
        scheduling.move_meeting(meeting=other, actor=StaffFactory(), slot=s1, table=table)
    assert exc.value.messages == [
        "Ben (Beta) already has a meeting at 20 Apr 2027, 08:00. Table 1 is already taken at "
        "20 Apr 2027, 08:00."
    ]
