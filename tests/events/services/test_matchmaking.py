from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from clusterbridge.events.models import Meeting, MeetingRequest
from clusterbridge.events.services import matchmaking, outcomes, scheduling
from clusterbridge.notifications.models import Notification
from tests.events.factories import EventFactory, RegistrationFactory, add_slots, add_tables
from tests.factories import StaffFactory


def _accepted(a, b):
    req = matchmaking.send_request(sender=a, recipient=b, actor=a.user, message="Hi")
    matchmaking.answer_request(request=req, actor=b.user, accept=True)
    return Meeting.objects.get(request=req)


@pytest.mark.django_db
def test_request_rules():
    event = EventFactory(request_cap=1)
    a, b, c = (RegistrationFactory(event=event) for _ in range(3))
    other = RegistrationFactory()
    with pytest.raises(ValidationError, match="with yourself"):
        matchmaking.send_request(sender=a, recipient=a, actor=a.user)
    with pytest.raises(ValidationError, match="not a registered participant"):
        matchmaking.send_request(sender=a, recipient=other, actor=a.user)
    matchmaking.send_request(sender=a, recipient=b, actor=a.user)
    with pytest.raises(ValidationError, match="already a meeting request"):
        matchmaking.send_request(sender=b, recipient=a, actor=b.user)
    with pytest.raises(ValidationError, match=r"most this event allows \(1\)"):
        matchmaking.send_request(sender=a, recipient=c, actor=a.user)
    assert MeetingRequest.objects.count() == 1
    assert (
        Notification.objects.filter(user=b.user, kind="events.meeting_request_received").count()
        == 1
    )


@pytest.mark.django_db
def test_expired_requests():
    event = EventFactory(request_expiry=timezone.now() - timedelta(hours=1))
    a, b = RegistrationFactory(event=event), RegistrationFactory(event=event)
    with pytest.raises(ValidationError, match="period for meeting requests has ended"):
        matchmaking.send_request(sender=a, recipient=b, actor=a.user)
    MeetingRequest.objects.create(event=event, sender=a, recipient=b)
    assert matchmaking.expire_requests() == 1


@pytest.mark.django_db
def test_schedule_lock_move_publish_and_conflicts(django_capture_on_commit_callbacks):
    staff = StaffFactory()
    event = EventFactory()
    s1, s2 = add_slots(event, 2)
    t1, t2 = add_tables(event, 2)
    a, b, c = (RegistrationFactory(event=event) for _ in range(3))
    m_ab, m_ac, m_bc = _accepted(a, b), _accepted(a, c), _accepted(b, c)
    c.unavailable_slots.set([s2])
    with django_capture_on_commit_callbacks(execute=True):
        run = scheduling.start_run(event=event, actor=staff, time_limit=1)
    run.refresh_from_db()
    assert (run.status, run.progress) == ("done", 100)
    assert run.result["objective"] == 2
    assert run.result["upper_bound"] == 2
    assert Meeting.objects.filter(status="scheduled").count() == 2
    unscheduled = Meeting.objects.get(status="unscheduled")
    assert scheduling.reason_text(unscheduled.reason) in scheduling.REASONS.values()
    placed = Meeting.objects.filter(status="scheduled").first()
    other_slot = s2 if placed.slot_id == s1.pk else s1
    # Double-booking a table is refused.
    blocker = Meeting.objects.filter(status="scheduled").exclude(pk=placed.pk).first()
    with pytest.raises(ValidationError, match="already"):
        scheduling.move_meeting(meeting=placed, actor=staff, slot=blocker.slot, table=blocker.table)
    assert scheduling.publish_agenda(event=event, actor=staff) == 3
    # Slots with a published meeting cannot be marked unavailable (see test_availability.py).
    busy = Meeting.objects.filter(participants=a, status="scheduled").first().slot
    with pytest.raises(ValidationError, match="your published meeting with"):
        matchmaking.set_unavailable(registration=a, actor=a.user, slots=[busy])
    assert Notification.objects.filter(kind="events.agenda_published").count() == 3
    _ = (m_ab, m_ac, m_bc, other_slot, t1, t2)


@pytest.mark.django_db
def test_outcome_only_after_meeting():
    event = EventFactory()
    (slot,) = add_slots(event, 1)
    add_tables(event, 1)
    a, b = RegistrationFactory(event=event), RegistrationFactory(event=event)
    m = _accepted(a, b)
    Meeting.objects.filter(pk=m.pk).update(status="scheduled", slot=slot)
    m.refresh_from_db()
    with pytest.raises(ValidationError, match="after the meeting"):
        outcomes.record_outcome(meeting=m, registration=a, actor=a.user, held=True)
    slot.start = timezone.now() - timedelta(hours=1)
    slot.save()
    m.refresh_from_db()
    o = outcomes.record_outcome(meeting=m, registration=a, actor=a.user, held=True,
                                outcomes=["mou"], satisfaction=5)  # fmt: skip
    assert (o.held, o.outcomes, o.satisfaction) == (True, ["mou"], 5)
    with pytest.raises(ValidationError, match="no outcomes"):
        outcomes.record_outcome(
            meeting=m, registration=b, actor=b.user, held=False, outcomes=["mou"]
        )
