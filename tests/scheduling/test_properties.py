"""Property-based tests on random small instances (hypothesis)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from clusterbridge.scheduling import InstanceError, check, parse_instance, solve

from .sched_bruteforce import brute_force_optimum


@st.composite
def instances(draw: st.DrawFn, max_meetings: int = 7) -> dict[str, Any]:
    n_slots = draw(st.integers(1, 4))
    n_parts = draw(st.integers(2, 5))
    slots = [f"s{k}" for k in range(n_slots)]
    parts = [f"p{k}" for k in range(n_parts)]
    seats = draw(st.lists(st.integers(1, 4), min_size=0, max_size=3))
    participants = []
    for p in parts:
        d: dict[str, Any] = {"id": p}
        unav = draw(st.lists(st.sampled_from(slots), max_size=n_slots, unique=True))
        if unav:
            d["unavailable"] = unav
        if draw(st.booleans()):
            d["max_meetings"] = draw(st.integers(0, 3))
        participants.append(d)
    meetings = []
    for k in range(draw(st.integers(0, max_meetings))):
        who = draw(st.lists(st.sampled_from(parts), min_size=2, max_size=3, unique=True))
        m: dict[str, Any] = {"id": f"m{k}", "participants": who}
        if draw(st.booleans()):
            m["weight"] = draw(st.integers(1, 3))
        if draw(st.booleans()):
            m["online"] = True
        if draw(st.integers(0, 4)) == 0:
            m["allowed_slots"] = draw(st.lists(st.sampled_from(slots), unique=True))
        if draw(st.integers(0, 5)) == 0:
            loc = None
            if not m.get("online") and seats:
                loc = f"t{draw(st.integers(0, len(seats) - 1))}"
            m["fixed"] = {"slot": draw(st.sampled_from(slots)), "location": loc}
        meetings.append(m)
    return {
        "slots": [
            {"id": s, "start": f"2026-05-20T{9 + k:02d}:00:00", "minutes": 25}
            for k, s in enumerate(slots)
        ],
        "locations": [{"id": f"t{k}", "seats": n} for k, n in enumerate(seats)],
        "participants": participants,
        "meetings": meetings,
    }


def _parse_or_reject(data: dict[str, Any]):
    try:
        return parse_instance(data)
    except InstanceError:
        # Random fixed assignments often break a rule; such inputs are rejected by design.
        assume(False)
        raise


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_solution_is_valid_bounded_and_optimal(data: dict[str, Any]) -> None:
    inst = _parse_or_reject(data)
    sol = solve(inst, time_limit=5, seed=0)
    report = check(inst, sol)
    assert report.violations == []
    assert sol.objective == report.objective
    assert sol.objective <= sol.upper_bound
    # Fixed meetings are honoured exactly.
    placed = {a.meeting: a for a in sol.assignments}
    for m in inst.meetings:
        if m.fixed is not None:
            assert placed[m.id].slot == m.fixed.slot
            if m.fixed.location is not None:
                assert placed[m.id].location == m.fixed.location
    # Tiny instances: CP-SAT proves optimality, and it equals the exhaustive optimum.
    assert sol.status == "OPTIMAL"
    assert sol.objective == sol.upper_bound == brute_force_optimum(inst)
    # Every meeting is either scheduled or explained, exactly once.
    assert sorted([a.meeting for a in sol.assignments] + [u.meeting for u in sol.unscheduled]) == (
        sorted(m.id for m in inst.meetings)
    )


@settings(max_examples=25, deadline=None)
@given(instances(max_meetings=12))
def test_greedy_never_beats_solver(data: dict[str, Any]) -> None:
    from clusterbridge.scheduling import solve_greedy

    inst = _parse_or_reject(data)
    g = solve_greedy(inst)
    assert check(inst, g).violations == []
    assert solve(inst, time_limit=5).objective >= g.objective
