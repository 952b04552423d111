"""Mutable slot schedule with O(size) feasibility tests, shared by the heuristics.

Only slots are decided here; tables follow from the per-slot threshold counts (see
:class:`~clusterbridge.scheduling.model.Index`).
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import Index, idle_gaps_of


class Schedule:
    """Slot of every meeting (``-1`` = unscheduled) plus the derived occupancy counters."""

    def __init__(self, idx: Index, slot_of: Sequence[int] | None = None) -> None:
        self.idx = idx
        self.slot_of = [-1] * idx.n_meetings
        # busy[p][t]: meeting of participant p in slot t, or -1.
        self.busy = [[-1] * idx.n_slots for _ in range(idx.n_parts)]
        self.count = [0] * idx.n_parts
        self.load = [[0] * len(idx.thresholds) for _ in range(idx.n_slots)]
        self.objective = 0
        if slot_of is not None:
            for i, t in enumerate(slot_of):
                if t >= 0:
                    self.place(i, t)

    def can_place(self, i: int, t: int) -> bool:
        """Whether unscheduled meeting ``i`` fits in slot ``t`` now (``t`` must be a candidate)."""
        idx = self.idx
        for p in idx.parts[i]:
            if self.busy[p][t] >= 0 or self.count[p] >= idx.max_meet[p]:
                return False
        load, cap = self.load[t], idx.cap[t]
        return all(load[j] < cap[j] for j in idx.thr_of[i])

    def place(self, i: int, t: int) -> None:
        idx = self.idx
        self.slot_of[i] = t
        for p in idx.parts[i]:
            self.busy[p][t] = i
            self.count[p] += 1
        load = self.load[t]
        for j in idx.thr_of[i]:
            load[j] += 1
        self.objective += idx.weight[i]

    def remove(self, i: int) -> None:
        idx = self.idx
        t = self.slot_of[i]
        self.slot_of[i] = -1
        for p in idx.parts[i]:
            self.busy[p][t] = -1
            self.count[p] -= 1
        load = self.load[t]
        for j in idx.thr_of[i]:
            load[j] -= 1
        self.objective -= idx.weight[i]

    def idle_gaps(self) -> int:
        return idle_gaps_of(self.idx.n_parts, self.idx.parts, self.slot_of)

    def participant_gaps(self, p: int) -> int:
        row = self.busy[p]
        first = last = -1
        n = 0
        for t, m in enumerate(row):
            if m >= 0:
                if first < 0:
                    first = t
                last = t
                n += 1
        return 0 if n == 0 else last - first + 1 - n

    def copy_from(self, other: Schedule) -> None:
        """Make this schedule equal to ``other`` (same index), in place."""
        for i, t in enumerate(self.slot_of):
            if t >= 0 and other.slot_of[i] != t:
                self.remove(i)
        for i, t in enumerate(other.slot_of):
            if t >= 0 and self.slot_of[i] != t:
                self.place(i, t)
