"""Parsing, checking, reasons, greedy baseline, incremental mode: constructed cases."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest

from clusterbridge.scheduling import (
    Assignment,
    InstanceError,
    check,
    check_assignments,
    generate,
    parse_instance,
    reschedule,
    solve,
    solve_greedy,
)


def test_package_does_not_import_django() -> None:
    code = (
        "import sys, clusterbridge.scheduling as s\n"
        "inst = s.generate('seed', seed=1)\n"
        "sol = s.solve(inst, time_limit=2)\n"
        "assert s.check(inst, sol).ok\n"
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if 'django' in m)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


# --- parsing ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["meetings"][0].update(participants=["a"]), "meeting 'm1': needs at least two"),
        (lambda d: d["meetings"][0].update(participants=["a", "zz"]), "unknown participant 'zz'"),
        (lambda d: d["meetings"][0].update(participants=["a", "a"]), "listed twice"),
        (lambda d: d["meetings"].append(dict(d["meetings"][0])), "duplicate meeting id 'm1'"),
        (lambda d: d["slots"].append(dict(d["slots"][0])), "duplicate slot id 's1'"),
        (lambda d: d["participants"][0].update(unavailable=["s9"]), "unknown slot 's9'"),
        (lambda d: d["meetings"][0].update(allowed_slots=["s9"]), "unknown slot 's9'"),
        (lambda d: d["meetings"][0].update(weight=-1), "weight must be an integer >= 0"),
        (lambda d: d["locations"][0].update(seats="2"), "location 't1': seats"),
        (lambda d: d["slots"][0].update(start="tomorrow"), "slot 's1': start must be an ISO"),
        (lambda d: d.pop("meetings"), "missing key 'meetings'"),
        (
            lambda d: d["meetings"][0].update(fixed={"slot": "s1", "location": "t9"}),
            "fixed location 't9' is unknown",
        ),
        (
            lambda d: (
                d["participants"][0].update(unavailable=["s1"]),
                d["meetings"][0].update(fixed={"slot": "s1", "location": "t1"}),
            ),
            "meeting 'm1': fixed slot 's1': participant 'a' is unavailable",
        ),
        (
            lambda d: (
                d["participants"].append({"id": "d"}),
                d["meetings"][0].update(fixed={"slot": "s1", "location": "t1"}),
                d["meetings"][1].update(
                    participants=["c", "d"], fixed={"slot": "s1", "location": "t1"}
                ),
            ),
            "meeting 'm2': fixed location 't1' in slot 's1' is already used",
        ),
        (
            lambda d: (
                d["participants"][0].update(max_meetings=0),
                d["meetings"][0].update(fixed={"slot": "s1", "location": "t1"}),
            ),
            "exceed max_meetings=0 of participant 'a'",
        ),
        (
            lambda d: d["meetings"][0].update(online=True, fixed={"slot": "s1", "location": "t1"}),
            "online meeting cannot have a fixed location",
        ),
    ],
)
def test_bad_instances_are_rejected_with_named_item(make_instance, mutate, message) -> None:
    data = make_instance(
        meetings=[
            {"id": "m1", "participants": ["a", "b"]},
            {"id": "m2", "participants": ["b", "c"]},
        ]
    )
    mutate(data)
    with pytest.raises(InstanceError) as exc:
        parse_instance(data)
    assert message in str(exc.value)


def test_instance_roundtrip(make_instance) -> None:
    inst = generate("seed", seed=4, weighted=True)
    assert parse_instance(json.loads(json.dumps(inst.to_json()))) == inst


# --- checker ----------------------------------------------------------------------------------


def test_check_reports_every_kind_of_violation(make_instance) -> None:
    data = make_instance(
        slots=2,
        locations=[2],
        participants=[
            {"id": "a", "max_meetings": 1, "unavailable": ["s2"]},
            {"id": "b"},
            {"id": "c"},
        ],
        meetings=[
            {"id": "m1", "participants": ["a", "b"], "fixed": {"slot": "s1", "location": "t1"}},
            {"id": "m2", "participants": ["a", "c"]},
            {"id": "m3", "participants": ["a", "b", "c"], "online": True},
            {"id": "m4", "participants": ["b", "c"], "allowed_slots": ["s1"]},
        ],
    )
    inst = parse_instance(data)
    bad = [
        Assignment("m1", "s2", "t1"),  # fixed moved; a unavailable in s2
        Assignment("m2", "s2", "t1"),  # a twice in s2 + t1 double-booked + a over max
        Assignment("m3", "s1", "t1"),  # online given a table
        Assignment("m4", "s2", None),  # not allowed; on-site without table
        Assignment("m9", "s1", None),
    ]
    v = check_assignments(inst, bad).violations
    expected = [
        "assignment of unknown meeting 'm9'",
        "meeting 'm1': participant 'a' is unavailable in slot 's2'",
        "meeting 'm2': participant 'a' is unavailable in slot 's2'",
        "participant 'a' is in two meetings in slot 's2' ('m1' and 'm2')",
        "location 't1' double-booked in slot 's2' ('m1' and 'm2')",
        "participant 'b' is in two meetings in slot 's2' ('m1' and 'm4')",
        "participant 'c' is in two meetings in slot 's2' ('m2' and 'm4')",
        "meeting 'm3': online meeting given location 't1'",
        "meeting 'm4': slot 's2' is not allowed",
        "meeting 'm4': on-site meeting has no location",
        "participant 'a' has 3 meetings, maximum is 1",
        "fixed meeting 'm1' moved: expected s1/t1, got s2/t1",
    ]
    assert sorted(v) == sorted(expected)


def test_check_counts_idle_gaps_in_time_order(make_instance) -> None:
    data = make_instance(
        slots=4,
        locations=[2, 2],
        meetings=[
            {"id": "m1", "participants": ["a", "b"]},
            {"id": "m2", "participants": ["a", "c"]},
        ],
    )
    # Slots listed out of order in the file: gaps follow start times, not list order.
    data["slots"].reverse()
    inst = parse_instance(data)
    rep = check_assignments(inst, [Assignment("m1", "s1", "t1"), Assignment("m2", "s4", "t1")])
    assert rep.ok and rep.objective == 2 and rep.idle_gaps == 2


# --- reasons ----------------------------------------------------------------------------------


def _reason(make_instance, **kw) -> dict[str, str]:
    inst = parse_instance(make_instance(**kw))
    sol = solve(inst, time_limit=5)
    assert check(inst, sol).ok
    return {u.meeting: u.reason for u in sol.unscheduled}


def test_reason_no_common_slot(make_instance) -> None:
    parts = [{"id": "a", "unavailable": ["s1"]}, {"id": "b", "unavailable": ["s2", "s3"]}]
    got = _reason(
        make_instance, participants=parts, meetings=[{"id": "m1", "participants": ["a", "b"]}]
    )
    assert got == {"m1": "no_common_slot"}


def test_reason_no_location_with_enough_seats(make_instance) -> None:
    got = _reason(
        make_instance, locations=[2, 2], meetings=[{"id": "m1", "participants": ["a", "b", "c"]}]
    )
    assert got == {"m1": "no_location_with_enough_seats"}


def test_reason_participant_at_maximum(make_instance) -> None:
    parts = [{"id": "a", "max_meetings": 1}, {"id": "b"}, {"id": "c"}]
    got = _reason(
        make_instance,
        participants=parts,
        locations=[2, 2],
        meetings=[
            {"id": "m1", "participants": ["a", "b"], "weight": 2},
            {"id": "m2", "participants": ["a", "c"]},
        ],
    )
    assert got == {"m2": "participant_at_maximum"}


def test_reason_displaced_by_higher_weight(make_instance) -> None:
    got = _reason(
        make_instance,
        slots=1,
        locations=[2, 2],
        meetings=[
            {"id": "m1", "participants": ["a", "c"]},
            {"id": "m2", "participants": ["a", "b"], "weight": 3},
        ],
    )
    assert got == {"m1": "displaced_by_higher_weight"}


def test_reason_no_common_free_slot(make_instance) -> None:
    got = _reason(
        make_instance,
        slots=1,
        locations=[2, 2],
        meetings=[
            {"id": "m1", "participants": ["a", "b"]},
            {"id": "m2", "participants": ["a", "c"]},
        ],
    )
    assert got == {"m2": "no_common_free_slot"}


def test_reason_no_free_location(make_instance) -> None:
    parts = [{"id": x} for x in "abcd"]
    got = _reason(
        make_instance,
        slots=1,
        locations=[2],
        participants=parts,
        meetings=[
            {"id": "m1", "participants": ["a", "b"]},
            {"id": "m2", "participants": ["c", "d"]},
        ],
    )
    assert got == {"m2": "no_free_location"}


# --- greedy baseline --------------------------------------------------------------------------


def test_greedy_is_first_come_first_slot_first_table(make_instance) -> None:
    parts = [{"id": "a"}, {"id": "b"}, {"id": "c", "unavailable": ["s2"]}, {"id": "d"}]
    data = make_instance(
        slots=2,
        locations=[4, 2],
        participants=parts,
        meetings=[
            {"id": "m1", "participants": ["a", "b"]},
            {"id": "m2", "participants": ["a", "c"]},
            {"id": "m3", "participants": ["b", "d"], "online": True},
        ],
    )
    inst = parse_instance(data)
    g = solve_greedy(inst)
    assert [(a.meeting, a.slot, a.location) for a in g.assignments] == [
        ("m1", "s1", "t1"),
        ("m3", "s2", None),
    ]
    assert [(u.meeting, u.reason) for u in g.unscheduled] == [("m2", "no_common_free_slot")]
    best = solve(inst, time_limit=5)
    assert best.objective == 3 and best.status == "OPTIMAL"
    assert {a.meeting: a.slot for a in best.assignments} == {"m1": "s2", "m2": "s1", "m3": "s1"}


# --- tables -----------------------------------------------------------------------------------


def test_tables_are_matched_by_seats(make_instance) -> None:
    parts = [{"id": x} for x in "abcdef"]
    data = make_instance(
        slots=1,
        locations=[2, 4, 2],
        participants=parts,
        meetings=[
            {"id": "m1", "participants": ["a", "b"]},
            {"id": "m2", "participants": ["c", "d", "e"]},
            {"id": "m3", "participants": ["f", "a"]},
        ],
    )
    sol = solve(parse_instance(data), time_limit=5)
    # Only one of m1/m3 (they share a); the 3-person meeting must get the 4-seat table.
    assert sol.objective == 2
    assert {a.meeting: a.location for a in sol.assignments}["m2"] == "t2"


# --- incremental ------------------------------------------------------------------------------


def test_reschedule_keeps_previous_and_adds_late_requests() -> None:
    inst = generate("seed", seed=7)
    first = solve(inst, time_limit=5)
    data = inst.to_json()
    cancelled = first.assignments[0].meeting
    data["meetings"] = [m for m in data["meetings"] if m["id"] != cancelled]
    data["meetings"].append({"id": "late1", "participants": ["p1", "p2"]})
    # A participant becomes unavailable where one of their meetings was: it must move or drop.
    moved = first.assignments[1]
    who = next(m for m in inst.meetings if m.id == moved.meeting).participants[0]
    p = next(p for p in data["participants"] if p["id"] == who)
    p["unavailable"] = sorted({*p.get("unavailable", []), moved.slot})
    inst2 = parse_instance(data)
    second = reschedule(inst2, first, time_limit=5)
    assert check(inst2, second).ok
    assert second.stats["released"] == [moved.meeting]
    now = {(a.meeting, a.slot, a.location) for a in second.assignments}
    for a in first.assignments:
        if a.meeting not in (cancelled, moved.meeting):
            assert (a.meeting, a.slot, a.location) in now


# --- determinism and the seed-size target -----------------------------------------------------


@contextlib.contextmanager
def _busy_thread() -> Iterator[None]:
    """A thread spinning Python code: it competes for the GIL and slows every pure-Python part
    of the solver several times over, as a loaded machine does to a wall-clock-bound run."""
    stop = threading.Event()

    def spin() -> None:
        n = 0
        while not stop.is_set():
            n += 1

    worker = threading.Thread(target=spin, daemon=True)
    worker.start()
    try:
        yield
    finally:
        stop.set()
        worker.join()


def _reproducible_part(sol) -> dict[str, object]:
    data = sol.to_json()
    data.pop("solve_seconds")
    counts = ("lns_iterations", "lns_improved", "gaps_iterations", "gaps_improved")
    return {
        **data,
        "unserved": sol.unserved,
        "idle_gaps_lower_bound": sol.idle_gaps_lower_bound,
        "bound_source": sol.bound_source,
        "weights_over_time": [w for _, w in sol.trace],
        **{k: sol.stats.get(k) for k in counts},
    }


def test_work_limit_gives_the_same_schedule_under_load() -> None:
    # Bounded by work (CP-SAT deterministic time, round counts, an LP iteration limit), not by
    # the clock: the second run, slowed down by a busy thread, must do exactly the same steps.
    inst = generate("M", seed=3, kind="multiparty")
    first = solve(inst, seed=5, work_limit=1.5)
    with _busy_thread():
        second = solve(inst, seed=5, work_limit=1.5)
    # The run is not trivial: the LP ran in its own process (its rounding proves the weight
    # optimal here) and the idle-gap search took many steps.
    assert first.stats["lp_in_child"] == 1
    assert first.stats["gaps_iterations"] >= 10
    assert first.stats["gaps_improved"] >= 1
    assert _reproducible_part(first) == _reproducible_part(second)


def test_seed_size_is_solved_to_proven_optimality() -> None:
    inst = generate("seed", seed=1)
    sol = solve(inst, time_limit=1, seed=0)
    assert sol.status == "OPTIMAL"
    assert sol.objective == sol.upper_bound
    assert check(inst, sol).ok
    assert sol.idle_gaps < solve_greedy(inst).idle_gaps
