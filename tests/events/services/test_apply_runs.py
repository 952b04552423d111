"""Runs are kept side by side; the organiser chooses which one to apply, and a run that places
fewer meetings than the schedule in place is never applied without an explicit choice."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from clusterbridge.common.models import AuditEntry
from clusterbridge.events.models import Meeting, ScheduleRun
from clusterbridge.events.services import matchmaking, scheduling
from tests.events.factories import EventFactory, RegistrationFactory, add_slots, add_tables
from tests.factories import MembershipFactory, UserFactory


def _accepted(a, b) -> Meeting:
    req = matchmaking.send_request(sender=a, recipient=b, actor=a.user)
    matchmaking.answer_request(request=req, actor=b.user, accept=True)
    return Meeting.objects.get(request=req)


@pytest.fixture
def world():
    """Meetings a-b and a-c, two slots and two tables, nothing scheduled yet."""
    organiser = MembershipFactory()
    event = EventFactory(organiser=organiser.organisation)
    s1, s2 = add_slots(event, 2)
    t1, t2 = add_tables(event, 2)
    a, b, c = (RegistrationFactory(event=event) for _ in range(3))
    m_ab, m_ac = _accepted(a, b), _accepted(a, c)
    return organiser.user, event, (s1, s2), (t1, t2), (a, b, c), (m_ab, m_ac)


def _run(event, placed: dict, reasons: dict | None = None) -> ScheduleRun:
    """A finished run with the given assignment {meeting: (slot, table)}."""
    return ScheduleRun.objects.create(
        event=event, status="done", progress=100,
        result={"objective": len(placed), "upper_bound": 2, "gap": 2 - len(placed), "kept": True},
        assignment={
            "placed": {str(m.pk): [s.pk, t.pk if t else None] for m, (s, t) in placed.items()},
            "reasons": {str(m.pk): why for m, why in (reasons or {}).items()},
        },
    )  # fmt: skip


def _placement(*meetings):
    out = []
    for m in meetings:
        m.refresh_from_db()
        out.append((m.status, m.slot_id, m.table_id, m.reason))
    return out


@pytest.mark.django_db
def test_the_organiser_applies_the_run_they_choose(world):
    user, event, (s1, s2), (t1, _t2), _, (m_ab, m_ac) = world
    both = _run(event, {m_ab: (s1, t1), m_ac: (s2, t1)})
    one = _run(event, {m_ab: (s2, t1)}, {m_ac: "no_common_slot"})
    applied = scheduling.apply_run(run=both, actor=user)
    assert applied.applied_at is not None
    assert _placement(m_ab, m_ac) == [
        ("scheduled", s1.pk, t1.pk, ""), ("scheduled", s2.pk, t1.pk, ""),
    ]  # fmt: skip
    assert scheduling.applied_run(event).pk == both.pk
    # The other run places fewer: refused with the figures, nothing changes.
    with pytest.raises(scheduling.WorseRun) as exc:
        scheduling.apply_run(run=one, actor=user)
    assert exc.value.messages == [
        "This run places 1 meeting, fewer than the 2 of the schedule in place; confirm to apply "
        "it anyway."
    ]
    assert _placement(m_ab, m_ac)[0] == ("scheduled", s1.pk, t1.pk, "")
    one.refresh_from_db()
    assert one.applied_at is None
    # Confirmed explicitly: applied, and the audit log says it was a worse run.
    scheduling.apply_run(run=one, actor=user, confirm_worse=True)
    assert _placement(m_ab, m_ac) == [
        ("scheduled", s2.pk, t1.pk, ""), ("unscheduled", None, None, "no_common_slot"),
    ]  # fmt: skip
    assert scheduling.applied_run(event).pk == one.pk
    entry = AuditEntry.objects.filter(action="events.schedule_applied").order_by("-pk").first()
    assert entry.changes == {
        "run": one.pk, "placed": 1, "before": 2, "automatic": False, "confirmed_worse": True,
    }  # fmt: skip
    # The better run is applied again in one step (no confirmation needed).
    scheduling.apply_run(run=both, actor=user)
    assert scheduling.current_placed(event) == 2


@pytest.mark.django_db
def test_a_run_never_moves_a_locked_or_published_meeting(world):
    user, event, (s1, s2), (t1, t2), _, (m_ab, m_ac) = world
    Meeting.objects.filter(pk=m_ab.pk).update(status="scheduled", slot=s1, table=t1, locked=True)
    elsewhere = _run(event, {m_ab: (s2, t2), m_ac: (s1, t2)})
    with pytest.raises(ValidationError) as exc:
        scheduling.apply_run(run=elsewhere, actor=user)
    assert exc.value.messages == [
        "This run would move 1 locked or published meeting; run the scheduler again to keep it."
    ]
    assert _placement(m_ab, m_ac) == [
        ("scheduled", s1.pk, t1.pk, ""), ("unscheduled", None, None, ""),
    ]  # fmt: skip


@pytest.mark.django_db
def test_only_finished_kept_runs_of_ones_own_event_are_applied(world):
    user, event, (s1, _s2), (t1, _t2), _, (m_ab, _m_ac) = world
    running = ScheduleRun.objects.create(event=event, status="running")
    with pytest.raises(ValidationError, match=r"Only a finished run can be applied\."):
        scheduling.apply_run(run=running, actor=user)
    running.delete()
    old = ScheduleRun.objects.create(event=event, status="done", result={"objective": 2})
    with pytest.raises(ValidationError, match="made before runs were kept"):
        scheduling.apply_run(run=old, actor=user)
    good = _run(event, {m_ab: (s1, t1)})
    ScheduleRun.objects.create(event=event, status="queued")
    with pytest.raises(ValidationError, match="Wait for the scheduler to finish"):
        scheduling.apply_run(run=good, actor=user)
    ScheduleRun.objects.filter(status="queued").delete()
    with pytest.raises(PermissionDenied):
        scheduling.apply_run(run=good, actor=UserFactory())
    assert scheduling.current_placed(event) == 0


@pytest.mark.django_db
def test_a_rerun_that_places_fewer_is_kept_but_not_applied(world):
    """The bug of the demo (613 placed, replaced silently by a run placing 611)."""
    user, event, (_s1, s2), (_t1, _t2), (a, _b, _c), (m_ab, m_ac) = world
    first = scheduling.execute_run(run_id=scheduling.start_run(event=event, actor=user,
                                                               time_limit=2).pk)  # fmt: skip
    assert first.applied_at is not None
    assert first.result["objective"] == 2 and first.result["kept"] is True
    before = _placement(m_ab, m_ac)
    # a becomes unavailable in one slot: a new run can place only one meeting.
    a.unavailable_slots.add(s2)
    second = scheduling.execute_run(run_id=scheduling.start_run(event=event, actor=user,
                                                                time_limit=2).pk)  # fmt: skip
    assert (second.status, second.result["objective"], second.applied_at) == ("done", 1, None)
    assert _placement(m_ab, m_ac) == before
    assert scheduling.applied_run(event).pk == first.pk
    scheduling.apply_run(run=second, actor=user, confirm_worse=True)
    assert scheduling.current_placed(event) == 1
