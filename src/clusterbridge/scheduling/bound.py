"""Upper bound on the total weight: the LP relaxation, solved with HiGHS (interior point).

Same rows as the CP-SAT model (:mod:`.exact`) with ``0 <= x <= 1``; fixed meetings are constants
that reduce the right-hand sides. The bound is not read off the LP objective but recomputed from
the dual values ``y >= 0`` as the Lagrangian bound

    fixed weight + b.y + sum_j max(0, c_j - (A^T y)_j)

which is a valid upper bound for *any* ``y >= 0``: a solver stopped early or slightly inaccurate
can make the bound weaker, never wrong. With integer weights the optimum is at most
``floor(bound)``.

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


def lp_bound(idx: Index, time_limit: float = 60.0) -> tuple[float, dict[str, float]]:
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
    c = np.asarray(obj, dtype=float)
    stats["lp_rows_used"] = int(a.shape[0])
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
        stats["lp_seconds"] = time.perf_counter() - t0
        return float(trivial_bound(idx)), stats
    reduced = c - a.T @ y
    bound = fixed_weight + float(b @ y) + float(np.maximum(0.0, reduced).sum())
    stats["lp_seconds"] = time.perf_counter() - t0
    stats["lp_status"] = float(res.status)
    return min(bound, float(trivial_bound(idx))), stats


def int_bound(bound: float) -> int:
    """Integer weights: the optimum is at most floor(bound) (with a little float tolerance)."""
    return math.floor(bound + 1e-6)
