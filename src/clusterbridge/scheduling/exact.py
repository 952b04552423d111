"""OR-Tools CP-SAT improvement of a slot schedule: the whole model, or neighbourhoods of it.

The model has one boolean ``x[i, t]`` per meeting and candidate slot (locations are not
variables, see :class:`~clusterbridge.scheduling.model.Index`):

* each meeting at most once; each participant at most once per slot (``AddAtMostOne``);
* each participant at most ``max_meetings`` meetings;
* per slot and seat threshold ``k``: on-site meetings of ``>= k`` people <= free tables of
  ``>= k`` seats;
* maximise the total weight.

``solve_sub`` frees a set of meetings and keeps every other meeting where it is, so the same
code serves the full model (everything free; a proof of optimality for small events) and a
large-neighbourhood search step (a few thousand meetings free) for big ones. The current
schedule is always passed as a solution hint, and a sub-solution is only accepted when it is at
least as heavy, so the schedule never gets worse and stays valid whenever time runs out.

Determinism: CP-SAT runs with a fixed ``random_seed``, a fixed ``num_workers`` and a
*deterministic-time* limit (its work counter, independent of the machine load); the wall-clock
limit is only a safety net. As long as that net does not fire, equal seeds give equal results.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .model import Index
from .state import Schedule


@dataclass
class SubResult:
    status: str  # "OPTIMAL", "FEASIBLE", "UNKNOWN"
    objective: int  # weight of the freed meetings in the returned assignment
    bound: float  # CP-SAT's upper bound on that weight
    det_time: float
    wall: float


def solve_sub(
    sched: Schedule,
    free: Iterable[int],
    *,
    seed: int,
    workers: int,
    det_limit: float,
    wall_limit: float,
) -> SubResult:
    """Re-optimise the meetings in ``free`` (non-fixed) with everyone else kept in place.

    ``sched`` is updated in place only when the sub-solution weighs at least as much as the
    current placement of ``free``.
    """
    idx = sched.idx
    t0 = time.perf_counter()
    free_list = sorted(i for i in set(free) if idx.fixed_slot[i] < 0)
    current = {i: sched.slot_of[i] for i in free_list}
    cur_weight = sum(idx.weight[i] for i in free_list if current[i] >= 0)
    for i in free_list:
        if current[i] >= 0:
            sched.remove(i)
    # Residual resources after the kept meetings.
    model = cp_model.CpModel()
    var_of: dict[tuple[int, int], cp_model.IntVar] = {}
    by_ps: dict[tuple[int, int], list[cp_model.IntVar]] = {}
    by_p: dict[int, list[cp_model.IntVar]] = {}
    by_tj: dict[tuple[int, int], list[cp_model.IntVar]] = {}
    obj_vars: list[cp_model.IntVar] = []
    obj_w: list[int] = []
    for i in free_list:
        ps = idx.parts[i]
        if any(sched.count[p] >= idx.max_meet[p] for p in ps):
            continue
        mine: list[cp_model.IntVar] = []
        for t in idx.cand[i]:
            if any(sched.busy[p][t] >= 0 for p in ps):
                continue
            load, cap = sched.load[t], idx.cap[t]
            if any(load[j] >= cap[j] for j in idx.thr_of[i]):
                continue
            x = model.NewBoolVar("")
            var_of[(i, t)] = x
            mine.append(x)
            for p in ps:
                by_ps.setdefault((p, t), []).append(x)
                by_p.setdefault(p, []).append(x)
            for j in idx.thr_of[i]:
                by_tj.setdefault((t, j), []).append(x)
            obj_vars.append(x)
            obj_w.append(idx.weight[i])
        if len(mine) > 1:
            model.AddAtMostOne(mine)
    for xs in by_ps.values():
        if len(xs) > 1:
            model.AddAtMostOne(xs)
    for p, xs in by_p.items():
        room = idx.max_meet[p] - sched.count[p]
        if len(xs) > room:
            model.Add(sum(xs) <= room)
    for (t, j), xs in by_tj.items():
        room = idx.cap[t][j] - sched.load[t][j]
        if len(xs) > room:
            model.Add(sum(xs) <= room)
    model.Maximize(cp_model.LinearExpr.WeightedSum(obj_vars, obj_w))
    for (i, t), x in var_of.items():
        model.AddHint(x, 1 if current[i] == t else 0)

    solver = cp_model.CpSolver()
    prm = solver.parameters
    prm.num_workers = workers
    prm.random_seed = seed
    prm.max_deterministic_time = max(0.01, det_limit)
    prm.max_time_in_seconds = max(0.01, wall_limit - (time.perf_counter() - t0))
    prm.log_search_progress = False
    status = solver.Solve(model)
    det = solver.deterministic_time
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        new_weight = round(solver.ObjectiveValue())
        bound = solver.BestObjectiveBound()
        if new_weight >= cur_weight:
            for (i, t), x in var_of.items():
                if solver.BooleanValue(x):
                    sched.place(i, t)
            return SubResult(
                "OPTIMAL" if status == cp_model.OPTIMAL else "FEASIBLE",
                new_weight,
                bound,
                det,
                time.perf_counter() - t0,
            )
    else:
        bound = float("inf")
    for i in free_list:
        if current[i] >= 0:
            sched.place(i, current[i])
    return SubResult("UNKNOWN", cur_weight, bound, det, time.perf_counter() - t0)


def n_variables(idx: Index) -> int:
    return sum(len(c) for i, c in enumerate(idx.cand) if idx.fixed_slot[i] < 0)


def _neighbourhood(sched: Schedule, rng: random.Random, target: int) -> set[int]:
    """Meetings to free: grown from random unscheduled meetings through shared participants.

    Starting from meetings that are *not* on the agenda focuses the search where weight can be
    gained; adding every meeting of the participants involved (and of their partners) gives
    CP-SAT the room to rearrange their agendas.
    """
    idx = sched.idx
    of_part = idx.meetings_of
    unsched = [i for i in range(idx.n_meetings) if sched.slot_of[i] < 0 and idx.cand[i]]
    chosen: set[int] = set()
    if not unsched:
        return chosen
    seen_p: set[int] = set()
    frontier: list[int] = []
    while len(chosen) < target:
        if not frontier:
            i0 = unsched[rng.randrange(len(unsched))]
            if i0 in chosen and len(chosen) >= len(unsched):
                break
            chosen.add(i0)
            frontier = [p for p in idx.parts[i0] if p not in seen_p]
            if not frontier:
                # Participants already covered; try a fresh seed meeting next round.
                if len(seen_p) >= idx.n_parts:
                    break
                continue
        p = frontier.pop(rng.randrange(len(frontier)))
        if p in seen_p:
            continue
        seen_p.add(p)
        for i in of_part[p]:
            if i not in chosen:
                chosen.add(i)
                for q in idx.parts[i]:
                    if q not in seen_p and rng.random() < 0.5:
                        frontier.append(q)
    return chosen


def lns(
    sched: Schedule,
    *,
    seed: int,
    workers: int,
    det_budget: float,
    deadline: float,
    upper_bound: float,
    size: int = 1500,
) -> dict[str, float]:
    """Large-neighbourhood search with CP-SAT until the budget, the deadline or the bound."""
    rng = random.Random(seed)
    used = 0.0
    iters = improved = 0
    while used < det_budget and sched.objective < upper_bound:
        wall_left = deadline - time.perf_counter()
        if wall_left < 0.2:
            break
        before = sched.objective
        free = _neighbourhood(sched, rng, size)
        if not free:
            break
        res = solve_sub(
            sched,
            free,
            seed=seed + iters,
            workers=workers,
            det_limit=min(2.0, det_budget - used),
            wall_limit=wall_left,
        )
        used += res.det_time
        iters += 1
        if sched.objective > before:
            improved += 1
        # Adapt the neighbourhood: solved to optimality quickly -> room to grow; else shrink.
        if res.status == "OPTIMAL" and res.det_time < 0.5:
            size = min(int(size * 1.25), 20000)
        elif res.status != "OPTIMAL":
            size = max(200, int(size * 0.8))
    return {"lns_iterations": iters, "lns_improved": improved, "lns_det_time": used}
