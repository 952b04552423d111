"""OR-Tools CP-SAT on sub-models of the slot schedule: the whole model, or neighbourhoods of it.

The model has one boolean ``x[i, t]`` per meeting and candidate slot (locations are not
variables, see :class:`~clusterbridge.scheduling.model.Index`):

* each meeting at most once; each participant at most once per slot (``AddAtMostOne``);
* each participant at most ``max_meetings`` meetings;
* per slot and seat threshold ``k``: on-site meetings of ``>= k`` people <= free tables of
  ``>= k`` seats.

:func:`solve_sub` frees a set of meetings and keeps every other meeting where it is, so the same
code serves the full model (everything free: a proof for small events) and one step of a
large-neighbourhood search (a few hundred to a few thousand meetings free) for big ones. It
optimises one of three goals, which are the solver's three phases in lexicographic order:

``"weight"``
    maximise the total weight of the freed meetings;
``"fairness"``
    maximise the number of *eligible* participants (see :mod:`.fairness`) with at least one
    meeting, then the weight, never letting the weight drop by more than ``allowed_loss``;
``"gaps"``
    minimise the idle gaps of every participant the freed meetings involve, keeping the weight
    and the number of participants with a meeting.

The current schedule is passed as a solution hint, and the sub-solution is only taken when it
is at least as good for the goal (and for the goals before it), so the schedule never gets worse
and stays valid whenever the time runs out.

Determinism: CP-SAT runs with a fixed ``random_seed``, a fixed ``num_workers`` and a
*deterministic-time* limit (its work counter, independent of the machine load); the wall-clock
limit is only a safety net, and ``wall_limit=inf`` switches it off (the solver's work-limit mode).
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .model import Index
from .state import Schedule

GOALS = ("weight", "fairness", "gaps")
EXTRA_PARAMS: dict[str, object] = {}


@dataclass
class SubResult:
    status: str  # CP-SAT's: "OPTIMAL", "FEASIBLE", "UNKNOWN" (no solution found in time)
    objective: int  # weight of the freed meetings in the schedule kept
    bound: float  # weight goal: CP-SAT's upper bound on that weight (inf if unknown)
    det_time: float
    wall: float
    improved: bool  # the schedule is now strictly better for the goal
    # Participants (of the eligible ones involved) without a meeting in the schedule kept.
    unserved: tuple[int, ...] = ()


def n_variables(idx: Index) -> int:
    return sum(len(c) for i, c in enumerate(idx.cand) if idx.fixed_slot[i] < 0)


def solve_sub(
    sched: Schedule,
    free: Iterable[int],
    *,
    seed: int,
    workers: int,
    det_limit: float,
    wall_limit: float,
    goal: str = "weight",
    eligible: Sequence[bool] | None = None,
    allowed_loss: int = 0,
    accept_ties: bool = False,
) -> SubResult:
    """Re-optimise the meetings in ``free`` (fixed ones are ignored) with the rest kept in place.

    ``eligible[p]`` marks the participants whose having a meeting counts (fairness and gaps
    goals); ``allowed_loss`` is the weight the fairness goal may give up. ``sched`` is updated in
    place when the sub-solution is better (lexicographically for the goal), or as good for the
    weight goal and, with ``accept_ties``, for the gaps goal.
    """
    if goal not in GOALS:
        raise ValueError(f"unknown goal {goal!r}")
    idx = sched.idx
    t0 = time.perf_counter()
    free_list = sorted(i for i in set(free) if idx.fixed_slot[i] < 0)
    current = {i: sched.slot_of[i] for i in free_list}
    cur_weight = sum(idx.weight[i] for i in free_list if current[i] >= 0)
    touched = sorted({p for i in free_list for p in idx.parts[i]})
    elig = eligible if eligible is not None else [True] * idx.n_parts
    served_before = sum(1 for p in touched if elig[p] and sched.count[p] > 0)
    gaps_before = sum(sched.participant_gaps(p) for p in touched) if goal == "gaps" else 0
    for i in free_list:
        if current[i] >= 0:
            sched.remove(i)

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
        load_cap = [(sched.load[t], idx.cap[t]) for t in idx.cand[i]]
        for t, (load, cap) in zip(idx.cand[i], load_cap, strict=True):
            if any(sched.busy[p][t] >= 0 for p in ps):
                continue
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
    weight_expr = cp_model.LinearExpr.WeightedSum(obj_vars, obj_w)

    # Eligible participants involved who have no kept meeting: whether they end up with one.
    open_parts = [p for p in touched if elig[p] and sched.count[p] == 0]
    served_var: dict[int, cp_model.IntVar] = {}
    if goal != "weight":
        model.Add(weight_expr >= cur_weight - (allowed_loss if goal == "fairness" else 0))
        for p in open_parts:
            xs = by_p.get(p, [])
            if not xs:
                continue
            s = model.NewBoolVar("")
            served_var[p] = s
            # s <= sum(x): served only with a meeting; the gaps goal also needs the converse
            # (a meeting makes p served), because there s lengthens p's span.
            model.Add(sum(xs) >= s)
            if goal == "gaps":
                for x in xs:
                    model.AddImplication(x, s)
        if goal == "gaps":
            # Involved eligible participants with a kept meeting stay served whatever happens.
            already = sum(1 for p in touched if elig[p] and sched.count[p] > 0)
            model.Add(sum(served_var.values()) + already >= served_before)

    if goal == "weight":
        model.Maximize(weight_expr)
    elif goal == "fairness":
        # Lexicographic in one objective: one more participant served outweighs any weight.
        big = sum(obj_w) + 1
        model.Maximize(big * sum(served_var.values()) + weight_expr)
    else:
        model.Minimize(_span_objective(model, sched, touched, by_ps, served_var))
    for (i, t), x in var_of.items():
        model.AddHint(x, 1 if current[i] == t else 0)

    solver = cp_model.CpSolver()
    prm = solver.parameters
    prm.num_workers = workers
    prm.random_seed = seed
    prm.max_deterministic_time = max(0.01, det_limit)
    if math.isfinite(wall_limit):
        prm.max_time_in_seconds = max(0.01, wall_limit - (time.perf_counter() - t0))
    prm.log_search_progress = False
    for key, value in EXTRA_PARAMS.items():
        setattr(prm, key, value)
    status = solver.Solve(model)
    det = solver.deterministic_time
    bound = float("inf")
    status_name = {cp_model.OPTIMAL: "OPTIMAL", cp_model.FEASIBLE: "FEASIBLE"}.get(
        status, "UNKNOWN"
    )
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        if goal == "weight":
            bound = solver.BestObjectiveBound()
        chosen = [(i, t) for (i, t), x in var_of.items() if solver.BooleanValue(x)]
        new_weight = sum(idx.weight[i] for i, _ in chosen)
        for i, t in chosen:
            sched.place(i, t)
        served_after = sum(1 for p in touched if elig[p] and sched.count[p] > 0)
        # Ties are taken in the weight goal only (they let the search drift across plateaus);
        # the later goals keep the current schedule unless the new one is strictly better, so
        # a schedule that is already optimal does not change for nothing.
        if goal == "weight":
            ok, better = new_weight >= cur_weight, new_weight > cur_weight
        elif goal == "fairness":
            better = (served_after, new_weight) > (served_before, cur_weight) and (
                new_weight >= cur_weight - allowed_loss
            )
            ok = better
        else:
            gaps_after = sum(sched.participant_gaps(p) for p in touched)
            better = (
                new_weight >= cur_weight
                and served_after >= served_before
                and gaps_after < gaps_before
            )
            ok = better or (
                accept_ties
                and gaps_after == gaps_before
                and new_weight >= cur_weight
                and served_after >= served_before
            )
        if ok:
            return SubResult(
                status_name,
                new_weight,
                bound,
                det,
                time.perf_counter() - t0,
                better,
                tuple(p for p in touched if elig[p] and sched.count[p] == 0),
            )
        for i, _ in chosen:
            sched.remove(i)
    for i in free_list:
        if current[i] >= 0:
            sched.place(i, current[i])
    return SubResult(
        status_name,
        cur_weight,
        bound,
        det,
        time.perf_counter() - t0,
        False,
        tuple(p for p in touched if elig[p] and sched.count[p] == 0),
    )


def _span_objective(
    model: cp_model.CpModel,
    sched: Schedule,
    touched: Sequence[int],
    by_ps: dict[tuple[int, int], list[cp_model.IntVar]],
    served_var: dict[int, cp_model.IntVar],
) -> cp_model.LinearExprT:
    """Idle gaps of the ``touched`` participants, up to a constant, with clauses only.

    Per participant ``p`` two monotone chains of booleans: ``after[t]`` ("``t`` is at or after
    p's first meeting": ``after[t-1] => after[t]``, a meeting at ``t`` => ``after[t]``) and
    ``before[t]`` ("at or before the last meeting", the mirror image). Minimising pushes them
    onto the real span, and then ``sum(after) + sum(before) - n_slots`` is the span length, so

        gaps(p) = sum(after) + sum(before) - n_slots * served(p) - meetings(p).

    Kept meetings are constants (the chains are only built outside their span), ``served`` is 1
    for a participant with a kept meeting, else the variable of ``served_var`` (which must be 1
    exactly when one of p's ``x`` is chosen). Implications are clauses, which CP-SAT propagates
    far better than the equivalent "first <= t if x" linear constraints (measured: ~4x more
    neighbourhoods per second).
    """
    idx = sched.idx
    n = idx.n_slots
    terms: list[cp_model.LinearExprT] = []
    for p in touched:
        row = sched.busy[p]
        kept = [t for t in range(n) if row[t] >= 0]
        frees = [t for t in range(n) if (p, t) in by_ps]
        if not frees:
            continue  # p's agenda does not change here: a constant
        # after[t] is forced to 1 from the first kept meeting on, before[t] up to the last.
        lo = min(kept) if kept else n
        hi = max(kept) if kept else -1
        if kept:
            served: cp_model.LinearExprT = 1
        elif p in served_var:
            served = served_var[p]
        else:
            # Not eligible: still "has a meeting" as soon as one x is chosen, for the span.
            sv = model.NewBoolVar("")
            model.Add(sum(x for t in frees for x in by_ps[(p, t)]) >= sv)
            for t in frees:
                for x in by_ps[(p, t)]:
                    model.AddImplication(x, sv)
            served = sv
        after: list[cp_model.IntVar] = []
        for t in range(lo):  # slots before the first kept meeting
            a = model.NewBoolVar("")
            if after:
                model.AddImplication(after[-1], a)
            for x in by_ps.get((p, t), ()):
                model.AddImplication(x, a)
            after.append(a)
        before: list[cp_model.IntVar] = []
        for t in range(n - 1, hi, -1):  # slots after the last kept meeting
            b = model.NewBoolVar("")
            if before:
                model.AddImplication(before[-1], b)
            for x in by_ps.get((p, t), ()):
                model.AddImplication(x, b)
            before.append(b)
        # Constant parts: after[t] = 1 for t >= lo (n - lo slots), before[t] = 1 for t <= hi.
        terms.extend(after)
        terms.extend(before)
        terms.append(-n * served)
        for t in frees:
            terms.extend(-x for x in by_ps[(p, t)])
        if kept:
            terms.append((n - lo) + (hi + 1))
    return sum(terms)
