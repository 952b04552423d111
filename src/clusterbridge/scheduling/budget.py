"""Time and work budgets of the solver's phases.

A budget has a wall-clock deadline, a *work* allowance, or both. Work is counted in CP-SAT's
deterministic time units (its internal work counter, independent of the machine's speed and
load); the pure-Python heuristics are bounded by fixed round counts instead, and the LP by an
iteration limit. A run bounded by work only (``seconds=None``) therefore does exactly the same
steps on any machine, under any load: that is the solver's deterministic mode.

A phase gets a share of what is left (:meth:`Budget.share`); what it spends is charged to its
parents too, and what it does not spend stays available to the phases after it.
"""

from __future__ import annotations

import math
import time


class Budget:
    def __init__(
        self, seconds: float | None, work: float | None, parent: Budget | None = None
    ) -> None:
        self.deadline = math.inf if seconds is None else time.perf_counter() + seconds
        self.work_left = math.inf if work is None else work
        self.parent = parent
        if parent is not None:
            self.deadline = min(self.deadline, parent.deadline)
            self.work_left = min(self.work_left, parent.work_left)

    @property
    def timed(self) -> bool:
        """Whether a wall-clock deadline applies (then results may depend on machine speed)."""
        return math.isfinite(self.deadline)

    def seconds_left(self) -> float:
        return self.deadline - time.perf_counter()

    def expired(self, reserve_seconds: float = 0.0) -> bool:
        return self.work_left <= 1e-9 or self.seconds_left() <= reserve_seconds

    def charge(self, work: float) -> None:
        node: Budget | None = self
        while node is not None:
            node.work_left -= work
            node = node.parent

    def share(self, fraction: float) -> Budget:
        """A child budget with ``fraction`` of the time and of the work left here."""
        seconds = None if not self.timed else max(0.0, fraction * self.seconds_left())
        work = None if not math.isfinite(self.work_left) else max(0.0, fraction * self.work_left)
        return Budget(seconds, work, parent=self)

    def until(self, deadline: float) -> Budget:
        """A child budget ending at an absolute ``perf_counter`` deadline (work shared)."""
        child = Budget(None, None, parent=self)
        child.deadline = min(child.deadline, deadline)
        return child

    def cpsat_limits(self, det_cap: float) -> tuple[float, float]:
        """``(det_limit, wall_limit)`` for one CP-SAT call of at most ``det_cap`` units."""
        return min(det_cap, max(0.0, self.work_left)), max(0.0, self.seconds_left())
