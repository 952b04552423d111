"""First-come greedy baseline: what commercial event tools do.

Each meeting, in request order (the order of the instance), goes into the chronologically first
slot where all its participants are free, and into the first free location (in instance order)
that seats it. Fixed meetings are placed first, where they are fixed. The baseline decides
locations itself (it does not use the threshold trick) so that it is an honest model of the
tools it stands for.
"""

from __future__ import annotations

import time

from .model import Assignment, Index, Instance, Solution, idle_gaps_of


def greedy_slots(idx: Index) -> tuple[list[int], list[int]]:
    """Return ``(slot_of, loc_of)`` of the first-come schedule (``-1`` = none)."""
    slot_of = [-1] * idx.n_meetings
    loc_of = [-1] * idx.n_meetings
    busy = [[False] * idx.n_slots for _ in range(idx.n_parts)]
    count = [0] * idx.n_parts
    loc_busy = [[False] * len(idx.seats) for _ in range(idx.n_slots)]

    def put(i: int, t: int, loc: int) -> None:
        slot_of[i], loc_of[i] = t, loc
        for p in idx.parts[i]:
            busy[p][t] = True
            count[p] += 1
        if loc >= 0:
            loc_busy[t][loc] = True

    for i in idx.fixed:
        if idx.fixed_loc[i] >= 0:
            put(i, idx.fixed_slot[i], idx.fixed_loc[i])
    for i in idx.fixed:
        if idx.fixed_loc[i] < 0:
            t = idx.fixed_slot[i]
            loc = -1
            if idx.onsite[i]:
                # Smallest free table that fits, so fixed meetings never block each other.
                fits = [
                    k
                    for k in range(len(idx.seats))
                    if not loc_busy[t][k] and idx.seats[k] >= idx.size[i]
                ]
                loc = min(fits, key=lambda k: (idx.seats[k], k))
            put(i, t, loc)
    n_locs = len(idx.seats)
    ptr: dict[tuple[int, int], int] = {}
    for i in range(idx.n_meetings):
        if idx.fixed_slot[i] >= 0:
            continue
        ps = idx.parts[i]
        if any(count[p] >= idx.max_meet[p] for p in ps):
            continue
        for t in idx.cand[i]:
            if any(busy[p][t] for p in ps):
                continue
            loc = -1
            if idx.onsite[i]:
                row = loc_busy[t]
                need = idx.size[i]
                # Tables only ever get busier, so the first possible table for (slot, size)
                # only moves forward: remember it instead of rescanning from the start.
                k = ptr.get((t, need), 0)
                while k < n_locs and (row[k] or idx.seats[k] < need):
                    k += 1
                ptr[(t, need)] = k
                if k == n_locs:
                    continue
                loc = k
            put(i, t, loc)
            break
    return slot_of, loc_of


def solve_greedy(inst: Instance, idx: Index | None = None) -> Solution:
    """Run the first-come baseline and package it as a :class:`Solution` (with reasons)."""
    from .reasons import explain_unscheduled

    t0 = time.perf_counter()
    idx = idx or Index(inst)
    slot_of, loc_of = greedy_slots(idx)
    assignments = [
        Assignment(
            idx.meeting_ids[i], idx.slot_ids[t], idx.loc_ids[loc_of[i]] if loc_of[i] >= 0 else None
        )
        for i, t in enumerate(slot_of)
        if t >= 0
    ]
    objective = sum(idx.weight[i] for i, t in enumerate(slot_of) if t >= 0)
    return Solution(
        assignments=assignments,
        unscheduled=explain_unscheduled(idx, slot_of),
        objective=objective,
        upper_bound=sum(idx.weight[i] for i in range(idx.n_meetings) if idx.cand[i]),
        idle_gaps=idle_gaps_of(idx.n_parts, idx.parts, slot_of),
        solve_seconds=time.perf_counter() - t0,
        status="GREEDY",
    )
