"""Upper bound on the total weight: the LP relaxation, solved with HiGHS (interior point).

Same rows as the CP-SAT model (:mod:`.exact`) with ``0 <= x <= 1``; fixed meetings are constants
that reduce the right-hand sides. The bound is not read off the LP objective but recomputed from
the dual values ``y >= 0`` as the Lagrangian bound

    fixed weight + b.y + sum_j max(0, c_j - (A^T y)_j)

which is a valid upper bound for *any* ``y >= 0``: a solver stopped early or slightly inaccurate
can make the bound weaker, never wrong. With integer weights the optimum is at most
``floor(bound)``.

Above ``LP_MAX_VARS`` slot variables (the XL size) the slot-level LP is not solved; the
meeting-level relaxation of :func:`aggregated_bound` is used instead (the subgradient
Lagrangian bound of :func:`_lagrangian` is only its fallback). On the benchmark's seed, M and L
instances it gives exactly the same integer bound as the slot-level LP.

ortools and scipy's HiGHS coexist in one process (checked with ortools 9.15 / scipy 1.17: both
import orders, both solvers used); it is the separate ``highspy`` wheel that clashes with
ortools, so it is not used.
"""

from __future__ import annotations

import math
import time
import warnings

import numpy as np
from scipy.optimize import OptimizeWarning, linprog
from scipy.sparse import csr_matrix

from .model import Index


def trivial_bound(idx: Index) -> int:
    """Weight of every meeting that could be scheduled on its own."""
    return sum(idx.weight[i] for i in range(idx.n_meetings) if idx.cand[i])


def lp_bound(
    idx: Index, time_limit: float = 60.0, lower: float = 0.0
) -> tuple[float, dict[str, float]]:
    """Return ``(bound, stats)``; falls back to :func:`trivial_bound` if the LP fails."""
    t0 = time.perf_counter()
    fixed_weight = 0
    busy_fixed: set[tuple[int, int]] = set()
    count_fixed = [0] * idx.n_parts
    load_fixed = [[0] * len(idx.thresholds) for _ in range(idx.n_slots)]
    for i in idx.fixed:
        t = idx.fixed_slot[i]
        fixed_weight += idx.weight[i]
        for p in idx.parts[i]:
            busy_fixed.add((p, t))
            count_fixed[p] += 1
        for j in idx.thr_of[i]:
            load_fixed[t][j] += 1

    n_thr = len(idx.thresholds)
    # Row numbering: meetings | participant-slot | participant | slot-threshold.
    row_ps = idx.n_meetings
    row_p = row_ps + idx.n_parts * idx.n_slots
    row_tj = row_p + idx.n_parts
    n_rows = row_tj + idx.n_slots * n_thr
    rows: list[int] = []
    cols: list[int] = []
    obj: list[float] = []
    var_meeting: list[int] = []
    j = 0
    for i in range(idx.n_meetings):
        if idx.fixed_slot[i] >= 0:
            continue
        ps = idx.parts[i]
        for t in idx.cand[i]:
            if any((p, t) in busy_fixed for p in ps):
                continue
            rows.append(i)
            cols.append(j)
            for p in ps:
                rows.append(row_ps + p * idx.n_slots + t)
                cols.append(j)
                rows.append(row_p + p)
                cols.append(j)
            for k in idx.thr_of[i]:
                rows.append(row_tj + t * n_thr + k)
                cols.append(j)
            obj.append(idx.weight[i])
            var_meeting.append(i)
            j += 1
    n_vars = j
    stats: dict[str, float] = {"lp_vars": n_vars, "lp_rows": n_rows}
    if n_vars == 0:
        stats["lp_seconds"] = time.perf_counter() - t0
        return float(fixed_weight), stats
    b = np.ones(n_rows)
    b[row_p : row_p + idx.n_parts] = [idx.max_meet[p] - count_fixed[p] for p in range(idx.n_parts)]
    for t in range(idx.n_slots):
        for k in range(n_thr):
            b[row_tj + t * n_thr + k] = idx.cap[t][k] - load_fixed[t][k]
    a = csr_matrix(
        (np.ones(len(rows)), (np.asarray(rows), np.asarray(cols))), shape=(n_rows, n_vars)
    )
    # Drop rows that can never bind: all coefficients are 1 and 0 <= x <= 1, so a row with no
    # more entries than its right-hand side is implied (this removes most participant-slot rows
    # and the capacity rows of lightly used slots, and speeds HiGHS up markedly).
    used = np.diff(a.indptr) > b
    a = a[used]
    b = b[used]
    meeting_of_var = np.asarray(var_meeting, dtype=np.int64)
    c = np.asarray(obj, dtype=float)
    stats["lp_rows_used"] = int(a.shape[0])
    if n_vars > LP_MAX_VARS:
        # HiGHS' IPM stops with status "unknown" (no duals) after ~80 s on the XL size. The
        # aggregated relaxation (:func:`aggregated_bound`) is solved in ~1 s there and was far
        # tighter (XL: 46,186 against 48,664 from 75 s of subgradient); the Lagrangian bound is
        # only the fallback if it fails.
        try:
            agg, agg_stats = aggregated_bound(idx, time_limit=time_limit)
            stats.update(agg_stats)
            stats["lp_seconds"] = time.perf_counter() - t0
            return min(agg, float(trivial_bound(idx))), stats
        except Exception:  # keep going with the subgradient bound rather than crash
            pass
        lag = _lagrangian(a, b, c, used, row_ps, meeting_of_var, time_limit, lower)
        stats["lp_seconds"] = time.perf_counter() - t0
        stats["lagrangian"] = 1
        return min(fixed_weight + lag, float(trivial_bound(idx))), stats
    if a.shape[0] == 0:
        # Nothing can bind: every candidate (meeting, slot) fits at once.
        stats["lp_seconds"] = time.perf_counter() - t0
        return min(fixed_weight + float(c.sum()), float(trivial_bound(idx))), stats
    try:
        with warnings.catch_warnings():
            # run_crossover is passed to HiGHS verbatim; scipy warns that it does not know it.
            warnings.simplefilter("ignore", OptimizeWarning)
            res = linprog(
                -c,
                A_ub=a,
                b_ub=b,
                bounds=(0, 1),
                method="highs-ipm",
                options={
                    "time_limit": max(1.0, time_limit),
                    "presolve": False,
                    # Only the duals matter (the bound is recomputed from them), so neither a
                    # basic solution (crossover: ~85% of the time on L) nor a tight IPM
                    # tolerance is needed; both settings make the bound at most ~1e-3 weaker.
                    "run_crossover": "off",
                    "ipm_optimality_tolerance": 1e-4,
                },
            )
        y = np.maximum(0.0, -np.asarray(res.ineqlin.marginals, dtype=float))
        if y.shape != b.shape or not np.isfinite(y).all():
            raise ValueError(res.message)
    except Exception:  # any solver failure: keep the trivial bound rather than crash
        # (At the seed size HiGHS' IPM without crossover ends "unknown" with no duals; CP-SAT
        # then proves optimality. aggregated_bound would give the tight bound here too, but
        # skipping CP-SAT changed the idle gaps of the seed benchmark (55 vs 53), so the
        # sizes below LP_MAX_VARS keep their measured behaviour.)
        stats["lp_seconds"] = time.perf_counter() - t0
        return float(trivial_bound(idx)), stats
    reduced = c - a.T @ y
    bound = fixed_weight + float(b @ y) + float(np.maximum(0.0, reduced).sum())
    stats["lp_seconds"] = time.perf_counter() - t0
    stats["lp_status"] = float(res.status)
    return min(bound, float(trivial_bound(idx))), stats


LP_MAX_VARS = 400_000


def aggregated_bound(idx: Index, time_limit: float = 60.0) -> tuple[float, dict[str, float]]:
    """Upper bound from a meeting-level relaxation: one variable ``0 <= z_i <= 1`` per meeting.

    ``z_i`` stands for ``sum_t x[i, t]``. Every row below is a sum of rows of the slot model,
    so this LP is a relaxation of it (hence of the integer problem):

    * participant ``p``: ``sum z_i <= max_meet[p] - (p's fixed meetings)``;
    * Hall rows: for each participant ``p`` and each distinct candidate set ``S`` of its
      meetings (fixed-busy slots removed), the meetings of ``p`` whose candidates lie inside
      ``S`` need distinct slots of ``S``: ``sum z_i <= |S|`` (the sum over ``t in S`` of the
      participant-slot rows);
    * seat threshold ``k``: on-site meetings of ``>= k`` people <= free tables of ``>= k``
      seats summed over all slots.

    It has ~n_meetings columns instead of ~n_meetings x n_slots, so HiGHS (simplex, presolve)
    solves it in about a second at XL. As in :func:`lp_bound` the value is recomputed from the
    duals as a Lagrangian bound, valid for any ``y >= 0``.
    """
    t0 = time.perf_counter()
    n_thr = len(idx.thresholds)
    fixed_weight = 0
    busy_fixed: set[tuple[int, int]] = set()
    count_fixed = [0] * idx.n_parts
    load_fixed = [0] * n_thr
    for i in idx.fixed:
        fixed_weight += idx.weight[i]
        for p in idx.parts[i]:
            busy_fixed.add((p, idx.fixed_slot[i]))
            count_fixed[p] += 1
        for j in idx.thr_of[i]:
            load_fixed[j] += 1
    col_of: dict[int, int] = {}
    cand_of: dict[int, frozenset[int]] = {}
    for i in range(idx.n_meetings):
        if idx.fixed_slot[i] >= 0:
            continue
        ps = idx.parts[i]
        cs = frozenset(t for t in idx.cand[i] if not any((p, t) in busy_fixed for p in ps))
        if cs:
            col_of[i] = len(col_of)
            cand_of[i] = cs
    rows: list[int] = []
    cols: list[int] = []
    rhs: list[float] = []

    def add_row(members: list[int], bound: int) -> None:
        # All coefficients are 1 and z <= 1: a row with no more members than its bound is
        # implied and left out.
        if len(members) > bound:
            r = len(rhs)
            for i in members:
                rows.append(r)
                cols.append(col_of[i])
            rhs.append(float(bound))

    for p in range(idx.n_parts):
        mine = [i for i in idx.meetings_of[p] if i in col_of]
        room = idx.max_meet[p] - count_fixed[p]
        add_row(mine, room)
        for s in {cand_of[i] for i in mine}:
            if len(s) < room:
                add_row([i for i in mine if cand_of[i] <= s], len(s))
    for j in range(n_thr):
        members = [i for i in col_of if j in idx.thr_of[i]]
        add_row(members, sum(idx.cap[t][j] for t in range(idx.n_slots)) - load_fixed[j])
    c = np.zeros(len(col_of))
    for i, k in col_of.items():
        c[k] = idx.weight[i]
    stats: dict[str, float] = {"agg_vars": len(col_of), "agg_rows": len(rhs)}
    if not rhs:
        stats["agg_seconds"] = time.perf_counter() - t0
        return float(fixed_weight) + float(c.sum()), stats
    b = np.asarray(rhs)
    a = csr_matrix(
        (np.ones(len(rows)), (np.asarray(rows), np.asarray(cols))), shape=(len(rhs), len(c))
    )
    res = linprog(
        -c,
        A_ub=a,
        b_ub=b,
        bounds=(0, 1),
        method="highs",
        options={"time_limit": max(1.0, time_limit), "presolve": True},
    )
    y = np.maximum(0.0, -np.asarray(res.ineqlin.marginals, dtype=float))
    if y.shape != b.shape or not np.isfinite(y).all():
        raise ValueError(res.message)
    reduced = c - a.T @ y
    bound = fixed_weight + float(b @ y) + float(np.maximum(0.0, reduced).sum())
    stats["agg_seconds"] = time.perf_counter() - t0
    stats["agg_status"] = float(res.status)
    return bound, stats


def _lagrangian(
    a: csr_matrix,
    b: np.ndarray,
    c: np.ndarray,
    used: np.ndarray,
    first_non_meeting_row: int,
    meeting_of_var: np.ndarray,
    time_limit: float,
    lower: float,
) -> float:
    """Lagrangian bound by subgradient descent, keeping "each meeting once" in the subproblem.

    For multipliers ``y >= 0`` on every other row, ``L(y) = b.y + sum over meetings of
    max(0, max over its slots of c_j - (A^T y)_j)`` bounds the optimum; the best value seen is
    returned, so stopping at any iteration is safe. Polyak steps towards ``lower`` (a known
    schedule's weight), halving the step factor when progress stalls.
    """
    keep = np.flatnonzero(used)
    rest = keep >= first_non_meeting_row
    a = a[np.flatnonzero(rest)]
    b = b[rest]
    at = a.T.tocsr()
    # Variables are generated meeting by meeting, so each meeting's variables are contiguous.
    starts = np.flatnonzero(np.r_[True, meeting_of_var[1:] != meeting_of_var[:-1]])
    y = np.zeros(len(b))
    best = float("inf")
    theta = 1.0
    stall = 0
    deadline = time.perf_counter() + time_limit
    for _ in range(3000):
        if time.perf_counter() > deadline:
            break
        r = c - at @ y
        gmax = np.maximum.reduceat(r, starts)
        value = float(b @ y) + float(np.maximum(0.0, gmax).sum())
        if value < best - 1e-9:
            best, stall = value, 0
        else:
            stall += 1
            if stall >= 15:
                theta, stall = theta / 2, 0
                if theta < 1e-4:
                    break
        # Subgradient: b - A x*, x* = the best positive slot of each meeting.
        pick = np.zeros(len(c))
        winners = starts + _argmax_groups(r, starts)
        pick[winners[gmax > 0]] = 1.0
        g = b - a @ pick
        norm = float(g @ g)
        if norm == 0:
            break
        y = np.maximum(0.0, y - theta * max(value - lower, 1e-3) / norm * g)
    return best


def _argmax_groups(r: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Offset of the maximum within each contiguous group (first one on ties)."""
    sizes = np.diff(np.r_[starts, len(r)])
    gid = np.repeat(np.arange(len(starts)), sizes)
    order = np.lexsort((-r, gid))
    first = np.r_[0, np.cumsum(sizes)[:-1]]
    return order[first] - starts


def int_bound(bound: float) -> int:
    """Integer weights: the optimum is at most floor(bound) (with a little float tolerance)."""
    return math.floor(bound + 1e-6)
