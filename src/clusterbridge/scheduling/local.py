"""Cheap local improvement of a slot schedule.

* :func:`augment` adds weight: insert an unscheduled meeting directly, or after moving the
  meetings that block it (one per busy participant) to other slots, or by displacing blockers of
  smaller total weight. Every accepted move strictly increases the objective, so it terminates.
* :func:`compact` reduces idle gaps without touching the weight: it only moves a scheduled
  meeting to another slot when that lowers the idle gaps of its participants.

Both are deterministic (fixed iteration orders, no randomness) and time-boxed by the caller's
deadline; the schedule stays feasible after every move, so stopping at any point is safe.
"""

from __future__ import annotations

import time

from .state import Schedule


def fill(sched: Schedule) -> int:
    """Insert every unscheduled meeting that fits somewhere as it is; return the weight added."""
    idx = sched.idx
    gained = 0
    for i in sorted(range(idx.n_meetings), key=lambda i: (-idx.weight[i], len(idx.cand[i]), i)):
        if sched.slot_of[i] >= 0:
            continue
        for t in idx.cand[i]:
            if sched.can_place(i, t):
                sched.place(i, t)
                gained += idx.weight[i]
                break
    return gained


# Cap on the meetings of one participant scanned per alternating-path step (popular
# participants have hundreds of requests; scanning them all would dominate the run time).
_MAX_SCAN = 60


def _try_insert(sched: Schedule, i: int, t: int) -> int:
    """Put unscheduled ``i`` into ``t`` by relocating or evicting its blockers.

    Returns the weight gained (> 0) and keeps the change, or returns 0 and restores the schedule.
    """
    idx = sched.idx
    blockers = {sched.busy[p][t] for p in idx.parts[i] if sched.busy[p][t] >= 0}
    if any(idx.fixed_slot[b] >= 0 for b in blockers):
        return 0
    for b in blockers:
        sched.remove(b)
    if not sched.can_place(i, t):
        for b in blockers:
            sched.place(b, t)
        return 0
    sched.place(i, t)
    moved: list[tuple[int, int]] = []
    lost = 0
    for b in sorted(blockers, key=lambda b: (-idx.weight[b], b)):
        for t2 in idx.cand[b]:
            if t2 != t and sched.can_place(b, t2):
                sched.place(b, t2)
                moved.append((b, t2))
                break
        else:
            lost += idx.weight[b]
    extra: list[int] = []
    if lost:
        # Alternating path: an evicted blocker frees its other participants in slot t (and
        # one unit of their capacity); an unscheduled meeting of theirs may now fit.
        for b in blockers:
            if sched.slot_of[b] >= 0:
                continue
            for q in idx.parts[b]:
                if q in idx.parts[i]:
                    continue
                slots = idx.cand if sched.count[q] + 1 >= idx.max_meet[q] else None
                for k in idx.meetings_of[q][:_MAX_SCAN]:
                    if k == b or sched.slot_of[k] >= 0:
                        continue
                    for t2 in slots[k] if slots is not None else (t,):
                        if (slots is not None or t2 in idx.cand_set[k]) and sched.can_place(k, t2):
                            sched.place(k, t2)
                            extra.append(k)
                            break
    gain = idx.weight[i] - lost + sum(idx.weight[k] for k in extra)
    if gain > 0:
        return gain
    # Undo: nothing gained.
    for k in extra:
        sched.remove(k)
    for b, _ in moved:
        sched.remove(b)
    sched.remove(i)
    for b in blockers:
        sched.place(b, t)
    return 0


def augment(sched: Schedule, deadline: float, rounds: int = 10) -> int:
    """Repeat insertion moves until no gain, ``rounds`` passes or the deadline; return gain."""
    idx = sched.idx
    total = fill(sched)
    for _ in range(rounds):
        gained = 0
        order = sorted(
            (i for i in range(idx.n_meetings) if sched.slot_of[i] < 0 and idx.cand[i]),
            key=lambda i: (-idx.weight[i], len(idx.cand[i]), i),
        )
        for n, i in enumerate(order):
            if n % 256 == 0 and time.perf_counter() > deadline:
                return total + gained
            if sched.slot_of[i] >= 0:
                continue
            for t in idx.cand[i]:
                g = _try_insert(sched, i, t)
                if g:
                    gained += g
                    break
        total += gained
        if not gained:
            break
    return total


def _first_last(row: list[int], skip: int) -> tuple[int, int]:
    """First and last busy slot of an agenda row, ignoring slot ``skip`` (-1 if none)."""
    first = last = -1
    for t, m in enumerate(row):
        if m >= 0 and t != skip:
            if first < 0:
                first = t
            last = t
    return first, last


def compact(sched: Schedule, deadline: float, rounds: int = 4) -> int:
    """Move meetings to slots that lower their participants' idle gaps; return gaps removed.

    Weight is untouched: a meeting only changes slot, never leaves the schedule. The gaps of a
    participant are ``last - first + 1 - count``; moving one meeting keeps ``count``, so the
    change is computed in O(1) per target slot from the agenda without that meeting.
    """
    idx = sched.idx
    removed = 0
    for _ in range(rounds):
        improved = 0
        for i in range(idx.n_meetings):
            if i % 512 == 0 and time.perf_counter() > deadline:
                return removed + improved
            t = sched.slot_of[i]
            if t < 0 or idx.fixed_slot[i] >= 0 or len(idx.cand[i]) < 2:
                continue
            ps = idx.parts[i]
            spans = [_first_last(sched.busy[p], t) for p in ps]

            def width(t2: int, spans: list[tuple[int, int]] = spans) -> int:
                w = 0
                for f, la in spans:
                    if f < 0:
                        continue  # only this meeting: never a gap
                    w += max(la, t2) - min(f, t2)
                return w

            before = width(t)
            best_t, best = -1, before
            for t2 in idx.cand[i]:
                if t2 == t:
                    continue
                w = width(t2)
                if w < best:
                    sched.remove(i)
                    ok = sched.can_place(i, t2)
                    sched.place(i, t)
                    if ok:
                        best_t, best = t2, w
            if best_t >= 0:
                sched.remove(i)
                sched.place(i, best_t)
                improved += before - best
        removed += improved
        if not improved:
            break
    return removed
