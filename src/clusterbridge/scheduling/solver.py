"""The scheduler pipeline: constructive -> local search -> CP-SAT -> idle-gap compaction.

Every stage starts from the previous stage's feasible schedule and never lowers its weight, so
whatever stage the time limit interrupts, the best schedule found so far is returned.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from .bound import int_bound, lp_bound, trivial_bound
from .constructive import constructive
from .exact import lns, n_variables, solve_sub
from .local import augment, compact, fill
from .model import Assignment, Index, Instance, Solution
from .reasons import explain_unscheduled
from .state import Schedule

# Up to this many x[i, t] variables the whole model goes to CP-SAT (a proof of optimality is
# realistic); above it, large-neighbourhood search on sub-models.
FULL_MODEL_MAX_VARS = 80_000
# CP-SAT deterministic time units granted per wall-clock second of the time limit. Measured on
# the 2-core reference machine: one unit takes roughly 1-2 s of wall time, so 0.5 keeps the
# deterministic budget (which makes runs reproducible) inside the wall-clock limit.
DET_PER_SECOND = 0.3
DEFAULT_WORKERS = 1


def build_solution(
    idx: Index,
    slot_of: Sequence[int],
    upper_bound: int,
    seconds: float,
    status: str,
    stats: dict[str, float] | None = None,
) -> Solution:
    loc_of = idx.assign_locations(slot_of)
    assignments = [
        Assignment(
            idx.meeting_ids[i], idx.slot_ids[t], idx.loc_ids[loc_of[i]] if loc_of[i] >= 0 else None
        )
        for i, t in enumerate(slot_of)
        if t >= 0
    ]
    sched = Schedule(idx, slot_of)
    return Solution(
        assignments=assignments,
        unscheduled=explain_unscheduled(idx, slot_of),
        objective=sched.objective,
        upper_bound=max(upper_bound, sched.objective),
        idle_gaps=sched.idle_gaps(),
        solve_seconds=seconds,
        status=status,
        stats=dict(stats or {}),
    )


def optimise(
    idx: Index,
    sched: Schedule,
    *,
    time_limit: float,
    seed: int,
    workers: int,
    t0: float,
    free: set[int] | None = None,
) -> tuple[str, int, dict[str, float]]:
    """Improve ``sched`` in place; return ``(status, upper_bound, stats)``.

    ``free`` restricts the meetings that may move (incremental mode); ``None`` = all.
    """
    deadline = t0 + time_limit
    stats: dict[str, float] = {}
    augment(sched, deadline)
    stats["constructive_objective"] = sched.objective
    n_vars = n_variables(idx)
    bound_f, lp_stats = lp_bound(idx, time_limit=max(1.0, 0.25 * time_limit), lower=sched.objective)
    stats.update(lp_stats)
    ub = min(int_bound(bound_f), trivial_bound(idx))
    status = "FEASIBLE"
    movable = free if free is not None else set(range(idx.n_meetings))
    left = deadline - time.perf_counter()
    # Keep a little time for gap compaction and output.
    budget = max(0.0, left * 0.9)
    if sched.objective < ub and budget > 0.05:
        if n_vars <= FULL_MODEL_MAX_VARS or free is not None:
            res = solve_sub(
                sched,
                movable,
                seed=seed,
                workers=workers,
                det_limit=max(0.05, budget * DET_PER_SECOND),
                wall_limit=budget,
            )
            stats["cpsat_det_time"] = res.det_time
            stats["cpsat_seconds"] = res.wall
            if res.status == "OPTIMAL":
                if free is None:
                    status = "OPTIMAL"
                    ub = sched.objective
            elif free is None and res.status == "FEASIBLE":
                ub = min(ub, int_bound(res.bound + sum(idx.weight[i] for i in idx.fixed)))
        else:
            stats.update(
                lns(
                    sched,
                    seed=seed,
                    workers=workers,
                    det_budget=budget * DET_PER_SECOND,
                    deadline=t0 + 0.9 * time_limit,
                    upper_bound=ub,
                )
            )
    elif sched.objective >= ub:
        status = "OPTIMAL"
    fill(sched)
    stats["gaps_before_compaction"] = sched.idle_gaps()
    compact(sched, deadline)
    return status, ub, stats


def solve(
    instance: Instance,
    time_limit: float = 10.0,
    seed: int = 0,
    workers: int = DEFAULT_WORKERS,
) -> Solution:
    """Schedule ``instance`` within ``time_limit`` seconds (best effort); deterministic per seed.

    The result always satisfies every hard rule. ``status`` is ``"OPTIMAL"`` when optimality is
    proven (then ``upper_bound == objective``).
    """
    t0 = time.perf_counter()
    idx = Index(instance)
    sched = constructive(idx)
    status, ub, stats = optimise(
        idx, sched, time_limit=time_limit, seed=seed, workers=workers, t0=t0
    )
    return build_solution(idx, sched.slot_of, ub, time.perf_counter() - t0, status, stats)
