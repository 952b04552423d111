"""The organiser's choice of time and the fairness floor reach the solver (issue 12), on tiny
real events: every meeting counts 1, so the figures can be worked out by hand."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from clusterbridge.events.models import Meeting, ScheduleRun
from clusterbridge.events.services import matchmaking, scheduling
from clusterbridge.scheduling import PROFILES
from tests.events.factories import EventFactory, RegistrationFactory, add_slots, add_tables
from tests.factories import StaffFactory


def _accepted(a, b):
    req = matchmaking.send_request(sender=a, recipient=b, actor=a.user, message="Hi")
    matchmaking.answer_request(request=req, actor=b.user, accept=True)
    return Meeting.objects.get(request=req)


def _path_event():
    """Two slots, one table; requests a-b, b-c, c-d. Two meetings at most (one table, two
    slots). b-c + c-d leaves a without a meeting; only a-b + c-d gives everyone one."""
    event = EventFactory()
    add_slots(event, 2)
    add_tables(event, 1)
    a, b, c, d = (RegistrationFactory(event=event) for _ in range(4))
    return event, (a, b, c, d), (_accepted(a, b), _accepted(b, c), _accepted(c, d))


def _run(event, capture, **kwargs) -> ScheduleRun:
    with capture(execute=True):
        run = scheduling.start_run(event=event, actor=StaffFactory(), **kwargs)
    run.refresh_from_db()
    return run


def _unserved_in_db(event, people) -> list[int]:
    """Admitted participants with an accepted request and no scheduled meeting."""
    placed = set(
        Meeting.objects.filter(event=event, status="scheduled").values_list(
            "participants", flat=True
        )
    )
    return sorted(p.pk for p in people if p.pk not in placed)


@pytest.mark.django_db
def test_the_fairness_floor_gives_everyone_a_meeting(django_capture_on_commit_callbacks):
    event, people, (ab, bc, cd) = _path_event()
    assert bc.status == "unscheduled"
    run = _run(event, django_capture_on_commit_callbacks, profile="quick", fairness=True)
    assert (run.status, run.profile, run.fairness, run.time_limit) == ("done", "quick", True, 10)
    assert set(Meeting.objects.filter(status="scheduled").values_list("pk", flat=True)) == {
        ab.pk,
        cd.pk,
    }
    result = run.result
    assert (result["objective"], result["upper_bound"], result["gap"]) == (2, 2, 0)
    assert result["percent_of_bound"] == 100.0
    assert (result["meetings"], result["unscheduled"], result["unserved"]) == (3, 1, [])
    assert result["idle_gaps"] == 0
    assert _unserved_in_db(event, people) == []
    bc.refresh_from_db()
    assert (bc.status, bc.slot_id) == ("unscheduled", None)


@pytest.mark.django_db
def test_without_the_floor_a_participant_may_go_without(django_capture_on_commit_callbacks):
    event, people, _meetings = _path_event()
    run = _run(event, django_capture_on_commit_callbacks, profile="quick", fairness=False)
    assert (run.status, run.fairness) == ("done", False)
    assert (run.result["objective"], run.result["upper_bound"]) == (2, 2)
    # The run lists exactly those the schedule left out, each for the same reason.
    left_out = _unserved_in_db(event, people)
    assert left_out != []
    assert run.result["unserved"] == [
        {"registration": pk, "reason": "fairness_off"} for pk in left_out
    ]


@pytest.mark.django_db
def test_who_cannot_be_served_is_listed_with_the_reason(django_capture_on_commit_callbacks):
    # One slot, one table, requests a-b and c-d: one meeting at most, whichever it is, the
    # other two go without; the floor cannot help without losing the meeting.
    event = EventFactory()
    add_slots(event, 1)
    add_tables(event, 1)
    a, b, c, d = (RegistrationFactory(event=event) for _ in range(4))
    for x, y in ((a, b), (c, d)):
        _accepted(x, y)
    e = RegistrationFactory(event=event)
    e.unavailable_slots.set(event.slots.all())
    f = RegistrationFactory(event=event)
    _accepted(e, f)  # e is never available: their request cannot take place at all
    run = _run(event, django_capture_on_commit_callbacks, profile="thorough")
    assert (run.profile, run.fairness, run.time_limit) == ("thorough", True, 60)
    left_out = _unserved_in_db(event, (a, b, c, d))
    assert len(left_out) == 2
    assert sorted((u["registration"], u["reason"]) for u in run.result["unserved"]) == sorted(
        [(pk, "would_cost_weight") for pk in left_out]
        + [(e.pk, "no_possible_meeting"), (f.pk, "no_possible_meeting")]
    )


@pytest.mark.django_db
def test_the_time_limit_follows_the_profile_and_best_is_queued_like_the_others(
    django_capture_on_commit_callbacks,
):
    event = EventFactory()
    add_slots(event, 1)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = scheduling.start_run(event=event, actor=StaffFactory(), profile="best")
    assert len(callbacks) == 1  # the task is queued on commit, for the background worker
    assert (run.status, run.profile, run.time_limit) == ("queued", "best", 600)
    assert PROFILES["best"].time_limit == 600


@pytest.mark.django_db
@pytest.mark.parametrize("profile", ["", "fastest", "QUICK"])
def test_an_unknown_profile_is_refused_and_nothing_is_written(profile):
    event = EventFactory()
    add_slots(event, 1)
    with pytest.raises(ValidationError, match="is not a choice of time; choose one of: quick"):
        scheduling.start_run(event=event, actor=StaffFactory(), profile=profile)
    assert ScheduleRun.objects.count() == 0


@pytest.mark.django_db
def test_profile_and_fairness_reach_the_solver(django_capture_on_commit_callbacks, monkeypatch):
    # The arguments of the solver call itself (the solver runs for real).
    event, _people, _meetings = _path_event()
    calls = []
    real = scheduling.solve

    def spy(instance, **kwargs):
        calls.append(kwargs)
        return real(instance, **kwargs)

    monkeypatch.setattr(scheduling, "solve", spy)
    _run(event, django_capture_on_commit_callbacks, profile="thorough", fairness=False)
    assert calls == [{"time_limit": 60.0, "seed": 0, "profile": "thorough", "fairness": False}]
