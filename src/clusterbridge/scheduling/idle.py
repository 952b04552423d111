"""Idle gaps: a lower bound for the meetings on the agenda.

A participant's idle gaps are the slots between their first and last meeting without one (in
chronological order; slots they are away count too, as in the exchange format). With the set
of scheduled meetings fixed, a participant with ``k`` meetings needs a window of consecutive
slots in which each of those meetings gets its own slot among its candidates; the shortest such
window has ``k + g`` slots, and ``g`` idle gaps are unavoidable *for that participant alone*.
The sum over participants is a lower bound on the idle gaps of any schedule of the same
meetings (it ignores that partners must be free at the same time, so it is optimistic).
"""

from __future__ import annotations

from collections.abc import Sequence

from .state import Schedule


def _fits(cands: Sequence[Sequence[int]], lo: int, hi: int) -> bool:
    """Whether the meetings get distinct slots within ``[lo, hi]`` (bipartite matching)."""
    owner: dict[int, int] = {}

    def augment(k: int, seen: set[int]) -> bool:
        for t in cands[k]:
            if t < lo or t > hi or t in seen:
                continue
            seen.add(t)
            if t not in owner or augment(owner[t], seen):
                owner[t] = k
                return True
        return False

    return all(augment(k, set()) for k in range(len(cands)))


def participant_lower_bound(sched: Schedule, p: int) -> int:
    idx = sched.idx
    mine = [i for i in idx.meetings_of[p] if sched.slot_of[i] >= 0]
    k = len(mine)
    current = sched.participant_gaps(p)
    if k <= 1 or current == 0:
        return 0
    cands = [idx.cand[i] for i in mine]
    # Fixed meetings pin the window: it must contain all of them.
    pinned = [idx.fixed_slot[i] for i in mine if idx.fixed_slot[i] >= 0]
    for length in range(k, k + current):
        for lo in range(0, idx.n_slots - length + 1):
            hi = lo + length - 1
            if pinned and (min(pinned) < lo or max(pinned) > hi):
                continue
            if _fits(cands, lo, hi):
                return length - k
    return current


def gaps_lower_bound(sched: Schedule) -> int:
    """Sum of :func:`participant_lower_bound` over everyone (see the module docstring)."""
    return sum(participant_lower_bound(sched, p) for p in range(sched.idx.n_parts))
