"""Upper bound on the total weight: the LP relaxation, solved with HiGHS (interior point).

Same rows as the CP-SAT model (:mod:`.exact`) with ``0 <= x <= 1``; fixed meetings are constants
that reduce the right-hand sides. The bound is not read off the LP objective but recomputed from
the dual values ``y >= 0`` as the Lagrangian bound

    fixed weight + b.y + sum_j max(0, c_j - (A^T y)_j)

which is a valid upper bound for *any* ``y >= 0``: a solver stopped early or slightly inaccurate
can make the bound weaker, never wrong. With integer weights the optimum is at most
``floor(bound)``.

The meeting-level relaxation of :func:`aggregated_bound` is always computed first (about a
second even at XL); the slot-level LP refines it when time allows and the model has at most
``LP_MAX_VARS`` slot variables, and the tighter value is kept (issue 9). On every generated
instance measured so far both give the same integer bound; the LP's primal solution is also
used to guide the search (:mod:`.exact`). The subgradient Lagrangian bound of
:func:`_lagrangian` is only the fallback when the aggregated LP fails above ``LP_MAX_VARS``.

ortools and scipy's HiGHS coexist in one process (checked with ortools 9.15 / scipy 1.17: both
import orders, both solvers used); it is the separate ``highspy`` wheel that clashes with
ortools, so it is not used.
"""

from __future__ import annotations

import math
import time
import warnings
from dataclasses import dataclass

import numpy as np
from scipy.optimize import OptimizeWarning, linprog
from scipy.sparse import csr_matrix

from .model import Index


def trivial_bound(idx: Index) -> int:
    """Weight of every meeting that could be scheduled on its own."""
    return sum(idx.weight[i] for i in range(idx.n_meetings) if idx.cand[i])


@dataclass
class SlotLP:
    """The slot-level LP ``max c.x, A x <= b, 0 <= x <= 1`` in matrix form.

    Plain arrays only, so that it can be pickled and solved in another process while this one
    keeps searching (see :mod:`.parallel`). ``meeting_of_var`` maps each column to its meeting.
    """

    a: csr_matrix
    b: np.ndarray
    c: np.ndarray
    fixed_weight: int
    meeting_of_var: np.ndarray
    slot_of_var: np.ndarray
    n_meetings: int
    # Which rows of the full row numbering survived (implied rows dropped), and where the
    # per-meeting rows end: needed by the subgradient fallback only.
    used: np.ndarray
    first_non_meeting_row: int


@dataclass
class LPResult:
    """Outcome of :func:`solve_slot_lp`; ``bound`` is ``None`` when HiGHS gave no duals."""

    bound: float | None
    # LP value of each column (0..1) and, summed over its slots, of each meeting; None when
    # HiGHS returned no primal solution.
    x: np.ndarray | None
    meeting_value: np.ndarray | None
    seconds: float
    status: int
    message: str = ""


def build_slot_lp(idx: Index) -> SlotLP:
    """Rows of the CP-SAT model (:mod:`.exact`) with fixed meetings turned into constants."""
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
    var_slot: list[int] = []
    j = 0
    for i in range(idx.n_meetings):
        if idx.fixed_slot[i] >= 0:
            continue
        ps = idx.parts[i]
        for t in idx.cand[i]:
            if any((p, t) in busy_fixed for p in ps):
                continue
            var_slot.append(t)
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
    b = np.ones(n_rows)
    b[row_p : row_p + idx.n_parts] = [idx.max_meet[p] - count_fixed[p] for p in range(idx.n_parts)]
    for t in range(idx.n_slots):
        for k in range(n_thr):
            b[row_tj + t * n_thr + k] = idx.cap[t][k] - load_fixed[t][k]
    a = csr_matrix(
        (np.ones(len(rows)), (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64))),
        shape=(n_rows, n_vars),
    )
    # Drop rows that can never bind: all coefficients are 1 and 0 <= x <= 1, so a row with no
    # more entries than its right-hand side is implied (this removes most participant-slot rows
    # and the capacity rows of lightly used slots, and speeds HiGHS up markedly).
    used = np.diff(a.indptr) > b
    return SlotLP(
        a=a[used],
        b=b[used],
        c=np.asarray(obj, dtype=float),
        fixed_weight=fixed_weight,
        meeting_of_var=np.asarray(var_meeting, dtype=np.int64),
        slot_of_var=np.asarray(var_slot, dtype=np.int64),
        n_meetings=idx.n_meetings,
        used=used,
        first_non_meeting_row=row_ps,
    )


# HiGHS interior point without crossover (only the duals matter: the bound is recomputed from
# them, and a basic solution cost ~85% of the time on L) but *with* presolve and the default
# tolerance. Without presolve, or with a 1e-4 tolerance, the IPM ended with model status
# "unknown" and no duals on the seed, multiparty and c2b instances, and the bound silently fell
# back to the trivial one (issue 9).
_LP_OPTIONS: dict[str, object] = {"presolve": True, "run_crossover": "off"}


def solve_slot_lp(
    lp: SlotLP, time_limit: float | None = 60.0, iteration_limit: int | None = None
) -> LPResult:
    """Solve :class:`SlotLP` with HiGHS; never raises (a failure is ``bound=None``).

    ``time_limit=None`` (with an ``iteration_limit``) makes the outcome independent of the
    machine's speed and load: that is what the deterministic mode of the solver uses.
    """
    t0 = time.perf_counter()
    if lp.c.size == 0:
        return LPResult(float(lp.fixed_weight), np.zeros(0), np.zeros(lp.n_meetings), 0.0, 0)
    if lp.a.shape[0] == 0:
        # Nothing can bind: every candidate (meeting, slot) fits at once.
        x = np.ones(lp.c.size)
        return LPResult(lp.fixed_weight + float(lp.c.sum()), x, _per_meeting(lp, x), 0.0, 0)
    options = dict(_LP_OPTIONS)
    if time_limit is not None:
        options["time_limit"] = max(0.05, time_limit)
    if iteration_limit is not None:
        options["maxiter"] = iteration_limit
    try:
        with warnings.catch_warnings():
            # run_crossover is passed to HiGHS verbatim; scipy warns that it does not know it.
            warnings.simplefilter("ignore", OptimizeWarning)
            res = linprog(
                -lp.c, A_ub=lp.a, b_ub=lp.b, bounds=(0, 1), method="highs-ipm", options=options
            )
        marginals = getattr(getattr(res, "ineqlin", None), "marginals", None)
        if marginals is None:
            return LPResult(
                None, None, None, time.perf_counter() - t0, int(res.status), res.message
            )
        y = np.maximum(0.0, -np.asarray(marginals, dtype=float))
        if y.shape != lp.b.shape or not np.isfinite(y).all():
            return LPResult(
                None, None, None, time.perf_counter() - t0, int(res.status), res.message
            )
    except Exception as exc:  # any solver failure: no LP bound, never a crash
        return LPResult(None, None, None, time.perf_counter() - t0, -1, str(exc))
    reduced = lp.c - lp.a.T @ y
    bound = lp.fixed_weight + float(lp.b @ y) + float(np.maximum(0.0, reduced).sum())
    x = None
    if res.x is not None and np.isfinite(res.x).all():
        x = np.clip(np.asarray(res.x, dtype=float), 0.0, 1.0)
    value = None if x is None else _per_meeting(lp, x)
    return LPResult(bound, x, value, time.perf_counter() - t0, int(res.status), res.message)


def _per_meeting(lp: SlotLP, x: np.ndarray) -> np.ndarray:
    value = np.zeros(lp.n_meetings)
    np.add.at(value, lp.meeting_of_var, x)
    return np.minimum(value, 1.0)


def quick_bound(idx: Index) -> tuple[float, str, dict[str, float], np.ndarray | None]:
    """``(bound, source, stats, z)`` from the cheap relaxations: trivial, then aggregated.

    The aggregated LP takes about a second even at XL; only if HiGHS fails on it does the
    trivial bound remain (and ``z``, its per-meeting solution, is None).
    """
    best, source = float(trivial_bound(idx)), "trivial"
    stats: dict[str, float] = {}
    z = None
    try:
        agg, agg_stats, z = aggregated_relaxation(idx)
        stats.update(agg_stats)
        if agg < best:
            best, source = agg, "aggregated"
    except Exception:  # keep the trivial bound rather than crash; the LP may still refine it
        stats["agg_failed"] = 1
    return best, source, stats, z


def lp_bound(
    idx: Index, time_limit: float = 60.0, lower: float = 0.0
) -> tuple[float, dict[str, float]]:
    """Return ``(bound, stats)``: the tightest of the trivial, aggregated and slot-level LP bounds.

    The aggregated bound (:func:`aggregated_bound`, ~1 s at XL) is computed first; the slot-level
    LP then refines it within ``time_limit`` when the model is small enough (``LP_MAX_VARS``).
    An LP that runs out of time or fails therefore costs the tightness of the refinement only,
    never more (issue 9: it used to fall back to the trivial bound, a 32% "gap").
    ``stats["bound_source"]`` names the relaxation that gave the value (see ``BOUND_SOURCES``).
    """
    t0 = time.perf_counter()
    best, source, stats, _ = quick_bound(idx)
    n_vars = sum(len(c) for i, c in enumerate(idx.cand) if idx.fixed_slot[i] < 0)
    stats["lp_vars"] = n_vars
    left = time_limit - (time.perf_counter() - t0)
    if n_vars > LP_MAX_VARS or left <= 0:
        if source == "trivial" and n_vars > 0:
            # Aggregated LP failed: the subgradient Lagrangian bound is the last resort.
            lp = build_slot_lp(idx)
            lag = lp.fixed_weight + _lagrangian(
                lp.a,
                lp.b,
                lp.c,
                lp.used,
                lp.first_non_meeting_row,
                lp.meeting_of_var,
                max(1.0, left),
                lower,
            )
            stats["lagrangian"] = 1
            if lag < best:
                best, source = lag, "lagrangian"
    else:
        lp = build_slot_lp(idx)
        stats["lp_rows_used"] = int(lp.a.shape[0])
        res = solve_slot_lp(lp, time_limit=time_limit - (time.perf_counter() - t0))
        stats["lp_status"] = float(res.status)
        if res.bound is not None and res.bound < best:
            best, source = res.bound, "lp"
    stats["lp_seconds"] = time.perf_counter() - t0
    stats["bound_source"] = BOUND_SOURCES.index(source)
    return best, stats


# stats["bound_source"] is a number (stats are numeric); this is what it stands for.
BOUND_SOURCES = ("trivial", "aggregated", "lp", "lagrangian", "cpsat")


LP_MAX_VARS = 400_000


def aggregated_bound(idx: Index, time_limit: float = 60.0) -> tuple[float, dict[str, float]]:
    """Upper bound from the meeting-level relaxation (see :func:`aggregated_relaxation`)."""
    bound, stats, _ = aggregated_relaxation(idx, time_limit)
    return bound, stats


def aggregated_relaxation(
    idx: Index, time_limit: float = 60.0
) -> tuple[float, dict[str, float], np.ndarray]:
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

    Returns ``(bound, stats, z)`` with ``z`` the LP value of every meeting (fixed ones 1), which
    guides a constructive start (:func:`~clusterbridge.scheduling.constructive.constructive`).
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
    z = np.zeros(idx.n_meetings)
    z[list(idx.fixed)] = 1.0
    if not rhs:
        stats["agg_seconds"] = time.perf_counter() - t0
        z[list(col_of)] = 1.0
        return float(fixed_weight) + float(c.sum()), stats, z
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
    if res.x is not None:
        for i, k in col_of.items():
            z[i] = min(1.0, max(0.0, float(res.x[k])))
    return bound, stats, z


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
