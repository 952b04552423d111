"""Organiser actions on a registration, a meeting or a scheduler run, through their URLs.

The event permission rules take an Event; these objects are found through the event the
organiser was checked for (a rule applied to the object itself raised AttributeError, a 500).
"""

import pytest

from clusterbridge.events.models import Meeting, ScheduleRun
from clusterbridge.events.services import matchmaking
from clusterbridge.events.services.matchmaking import slot_label
from clusterbridge.notifications.models import Notification
from tests.events.factories import EventFactory, RegistrationFactory, add_slots, add_tables
from tests.factories import PASSWORD, MembershipFactory, UserFactory


def _post(client, url, data=None, *, to: str) -> list[str]:
    """POST, follow the redirect to ``to`` and return the messages shown there."""
    response = client.post(url, data or {}, follow=True)
    assert response.redirect_chain == [(to, 302)]
    assert response.status_code == 200
    return [str(m) for m in response.context["messages"]]


def _organiser(client, **event_kwargs):
    membership = MembershipFactory()
    event = EventFactory(organiser=membership.organisation, **event_kwargs)
    client.login(email=membership.user.email, password=PASSWORD)
    return event


def _stranger(client):
    client.logout()
    client.login(email=UserFactory().email, password=PASSWORD)


def _accepted(a, b) -> Meeting:
    req = matchmaking.send_request(sender=a, recipient=b, actor=a.user)
    matchmaking.answer_request(request=req, actor=b.user, accept=True)
    return Meeting.objects.get(request=req)


@pytest.mark.django_db
@pytest.mark.parametrize("decision", ["admitted", "reserve", "rejected"])
def test_organiser_review_decides_through_the_url(client, decision):
    event = _organiser(client, admission_policy="review")
    reg = RegistrationFactory(event=event, status="pending")
    url = f"/events/{event.slug}/manage/registrations/{reg.pk}/"
    manage = f"/events/{event.slug}/manage/"
    assert _post(client, url, {"decision": decision}, to=manage) == []
    reg.refresh_from_db()
    assert reg.status == decision
    assert reg.decided_at is not None


@pytest.mark.django_db
def test_review_decision_errors_and_foreign_registrations(client):
    event = _organiser(client, admission_policy="review", capacity=1)
    RegistrationFactory(event=event, status="admitted")
    reg = RegistrationFactory(event=event, status="pending")
    url = f"/events/{event.slug}/manage/registrations/{reg.pk}/"
    manage = f"/events/{event.slug}/manage/"
    assert _post(client, url, {"decision": "admitted"}, to=manage) == ["The only place is taken."]
    assert _post(client, url, {"decision": "maybe"}, to=manage) == [
        "Choose admit, reserve or reject."
    ]
    reg.refresh_from_db()
    assert reg.status == "pending"
    # A registration of another event is not reachable through this event's URL.
    other = RegistrationFactory(status="pending")
    foreign = f"/events/{event.slug}/manage/registrations/{other.pk}/"
    assert client.post(foreign, {"decision": "admitted"}).status_code == 404
    other.refresh_from_db()
    assert other.status == "pending"
    # Someone who does not organise the event gets a 404 and changes nothing.
    _stranger(client)
    assert client.post(url, {"decision": "rejected"}).status_code == 404
    reg.refresh_from_db()
    assert reg.status == "pending"


@pytest.fixture
def scheduled(client):
    """An organiser logged in; meetings a-b (s1, table 1) and a-c (s2, table 1)."""
    event = _organiser(client)
    s1, s2 = add_slots(event, 2)
    t1, t2 = add_tables(event, 2)
    a, b, c = (RegistrationFactory(event=event) for _ in range(3))
    m_ab, m_ac = _accepted(a, b), _accepted(a, c)
    Meeting.objects.filter(pk=m_ab.pk).update(status="scheduled", slot=s1, table=t1)
    Meeting.objects.filter(pk=m_ac.pk).update(status="scheduled", slot=s2, table=t1)
    return event, (s1, s2), (t1, t2), (a, b, c), (m_ab, m_ac)


def _meeting_url(event, meeting) -> str:
    return f"/events/{event.slug}/manage/meetings/{meeting.pk}/"


@pytest.mark.django_db
def test_move_meeting_through_the_url(client, scheduled):
    event, (s1, s2), (t1, t2), (a, _b, _c), (_m_ab, m_ac) = scheduled
    # Into a's other meeting's slot: refused with the reason, nothing moves.
    url, schedule = _meeting_url(event, m_ac), f"/events/{event.slug}/manage/schedule/"
    assert _post(client, url, {"action": "move", "slot": s1.pk, "table": t2.pk}, to=url) == [
        f"{a.display_name} already has a meeting at {slot_label(s1, event)}."
    ]
    m_ac.refresh_from_db()
    assert (m_ac.slot_id, m_ac.table_id, m_ac.locked) == (s2.pk, t1.pk, False)
    # No slot chosen.
    assert _post(client, url, {"action": "move"}, to=url) == [
        "Choose a slot (and a table for on-site meetings)."
    ]
    # A free table in its own slot: moved and locked.
    assert _post(client, url, {"action": "move", "slot": s2.pk, "table": t2.pk}, to=schedule) == [
        "The meeting is updated."
    ]
    m_ac.refresh_from_db()
    assert (m_ac.status, m_ac.slot_id, m_ac.table_id, m_ac.locked) == (
        "scheduled", s2.pk, t2.pk, True,
    )  # fmt: skip


@pytest.mark.django_db
def test_lock_unlock_and_cancel_through_the_url(client, scheduled):
    event, _, _, (a, b, _c), (m_ab, _) = scheduled
    url, schedule = _meeting_url(event, m_ab), f"/events/{event.slug}/manage/schedule/"
    assert _post(client, url, {"action": "lock"}, to=schedule) == ["The meeting is updated."]
    m_ab.refresh_from_db()
    assert m_ab.locked is True
    assert _post(client, url, {"action": "unlock"}, to=schedule) == ["The meeting is updated."]
    m_ab.refresh_from_db()
    assert m_ab.locked is False
    assert _post(client, url, {"action": "dance"}, to=url) == ["Unknown action."]
    Meeting.objects.filter(pk=m_ab.pk).update(communicated=True)
    assert _post(client, url, {"action": "cancel"}, to=schedule) == ["The meeting is updated."]
    m_ab.refresh_from_db()
    assert (m_ab.status, m_ab.slot_id, m_ab.table_id, m_ab.locked) == (
        "cancelled", None, None, False,
    )  # fmt: skip
    assert set(
        Notification.objects.filter(kind="events.agenda_changed").values_list("user_id", flat=True)
    ) == {a.user_id, b.user_id}
    assert _post(client, url, {"action": "cancel"}, to=url) == [
        "This meeting is already cancelled."
    ]
    assert _post(client, url, {"action": "lock"}, to=url) == [
        "Only a scheduled meeting can be locked."
    ]


@pytest.mark.django_db
def test_meeting_actions_are_404_outside_the_organisers_event(client, scheduled):
    event, _, _, _, (m_ab, _) = scheduled
    other = RegistrationFactory()
    foreign = _accepted(other, RegistrationFactory(event=other.event))
    assert client.post(_meeting_url(event, foreign), {"action": "cancel"}).status_code == 404
    assert client.post(f"/events/{event.slug}/manage/meetings/999999/").status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == "unscheduled"
    _stranger(client)
    assert client.post(_meeting_url(event, m_ab), {"action": "cancel"}).status_code == 404
    m_ab.refresh_from_db()
    assert m_ab.status == "scheduled"


@pytest.mark.django_db
def test_run_status_poll(client):
    event = _organiser(client)
    run = ScheduleRun.objects.create(
        event=event, status="running", progress=40, message="Scheduling 12 meetings",
        result={"meetings": 12},
    )  # fmt: skip
    url = f"/events/{event.slug}/manage/schedule/runs/{run.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    # The step is told from the run's status and result, in the reader's language.
    assert '<strong id="run-state">Running</strong> · Scheduling 12 meetings (at most 10 s)' in body
    assert '<progress value="40" max="100"' in body
    assert f'hx-get="{url}"' in body  # still polling
    # A run of another event is not shown under this event's URL.
    foreign = ScheduleRun.objects.create(event=EventFactory(), status="running")
    assert client.get(f"/events/{event.slug}/manage/schedule/runs/{foreign.pk}/").status_code == 404
    _stranger(client)
    assert client.get(url).status_code == 404
