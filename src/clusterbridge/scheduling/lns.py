"""Large-neighbourhood search: which meetings to free for the CP-SAT sub-models of :mod:`.exact`.

Weight phase (:func:`weight_lns`), four neighbourhood kinds, chosen adaptively:

``participants``
    grown from a random unscheduled meeting through shared participants (every meeting of a
    participant reached is freed, and partners are followed with probability 1/2);
``weight_lost``
    the same growth, seeded by unscheduled meetings drawn in proportion to their weight;
``lp``
    seeded by unscheduled meetings the LP relaxation schedules (drawn in proportion to weight x
    LP value): where the LP and the schedule disagree is where weight can still be gained;
``slots``
    every meeting in two slots plus unscheduled meetings that could go there, for the
    exchanges between slots that participant-grown neighbourhoods rarely contain.

Each kind keeps a score (exponentially smoothed success rate) and is drawn in proportion to
it, with a floor so that no kind starves. All draws come from one ``random.Random(seed)`` and
every decision depends only on CP-SAT's deterministic results, so with a work limit (no wall
clock) a run is reproducible exactly.

Idle-gap phase (:func:`gaps_lns`): participants drawn in proportion to their idle gaps, grown
through partners; only scheduled meetings are freed and the weight and the number of
participants with a meeting are constraints of the sub-model.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .budget import Budget
from .exact import solve_sub
from .state import Schedule

WEIGHT_KINDS = ("participants", "weight_lost", "lp", "slots")
# Per-call CP-SAT work caps (deterministic units; roughly 1-2 s of wall time per unit here).
WEIGHT_STEP_DET = 1.0
GAPS_STEP_DET = 0.2
MIN_SIZE, MAX_SIZE = 150, 20000
GAPS_MIN_SIZE = 12
# Neighbourhoods solved to optimality without gain in a row before the size grows.
GAPS_GROW_AFTER = 8


def _grow(
    sched: Schedule,
    rng: random.Random,
    seeds: Sequence[int],
    seed_weights: Sequence[float] | None,
    target: int,
    scheduled_only: bool = False,
) -> set[int]:
    """Meetings around seed meetings, reached through shared participants (BFS-like).

    ``scheduled_only`` frees only meetings on the agenda (the idle-gap phase); otherwise every
    non-fixed meeting of a participant reached is freed.
    """
    idx = sched.idx
    chosen: set[int] = set()
    if not seeds:
        return chosen
    seen_p: set[int] = set()
    frontier: list[int] = []
    stale = 0
    while len(chosen) < target and stale < 20:
        if not frontier:
            if seed_weights is None:
                i0 = seeds[rng.randrange(len(seeds))]
            else:
                i0 = rng.choices(seeds, weights=seed_weights)[0]
            fresh = [p for p in idx.parts[i0] if p not in seen_p]
            if not fresh:
                stale += 1
                continue
            stale = 0
            if not scheduled_only or sched.slot_of[i0] >= 0:
                chosen.add(i0)
            frontier = fresh
        p = frontier.pop(rng.randrange(len(frontier)))
        if p in seen_p:
            continue
        seen_p.add(p)
        for i in idx.meetings_of[p]:
            if i in chosen or idx.fixed_slot[i] >= 0:
                continue
            if scheduled_only and sched.slot_of[i] < 0:
                continue
            chosen.add(i)
            for q in idx.parts[i]:
                if q not in seen_p and rng.random() < 0.5:
                    frontier.append(q)
    return chosen


def _slot_pair(sched: Schedule, rng: random.Random, target: int) -> set[int]:
    """All movable meetings of two random slots, plus unscheduled ones that fit either slot."""
    idx = sched.idx
    if idx.n_slots < 2:
        return set()
    a, b = rng.sample(range(idx.n_slots), 2)
    chosen = {i for i, t in enumerate(sched.slot_of) if t in (a, b) and idx.fixed_slot[i] < 0}
    waiting = [
        i
        for i in range(idx.n_meetings)
        if sched.slot_of[i] < 0 and (a in idx.cand_set[i] or b in idx.cand_set[i])
    ]
    room = max(0, target - len(chosen))
    if len(waiting) > room:
        waiting = rng.sample(waiting, room)
    chosen.update(waiting)
    return chosen


@dataclass
class WeightTarget:
    """What the weight search aims at; updated while it runs (the LP may arrive meanwhile)."""

    upper_bound: float
    lp_value: Sequence[float] | None = None


def weight_lns(
    sched: Schedule,
    budget: Budget,
    *,
    seed: int,
    workers: int,
    target: WeightTarget,
    size: int = 1500,
    stall_limit: int | None = None,
    between_steps: Callable[[], None] | None = None,
    on_improve: Callable[[], None] | None = None,
    keep_going: Callable[[], bool] | None = None,
) -> dict[str, float]:
    """Improve the weight until the budget, the upper bound or ``stall_limit`` idle steps.

    ``between_steps`` runs before every step (the solver uses it to take the LP's result when
    it arrives; it may change ``sched`` and ``target``); while ``keep_going()`` is true the
    stall limit does not stop the search.
    """
    idx = sched.idx
    rng = random.Random(seed)
    score = dict.fromkeys(WEIGHT_KINDS, 1.0)
    sizes = dict.fromkeys(WEIGHT_KINDS, size)
    stats: dict[str, float] = {"lns_iterations": 0, "lns_improved": 0, "lns_det_time": 0.0}
    for k in WEIGHT_KINDS:
        stats[f"lns_{k}_gain"] = 0
    stall = 0
    it = 0
    while not budget.expired(0.2):
        if between_steps is not None:
            between_steps()
        if sched.objective >= target.upper_bound:
            break
        unsched = [i for i in range(idx.n_meetings) if sched.slot_of[i] < 0 and idx.cand[i]]
        if not unsched:
            break
        lp_value = target.lp_value
        kinds = [k for k in WEIGHT_KINDS if k != "lp" or lp_value is not None]
        kind = rng.choices(kinds, weights=[max(0.05, score[k]) for k in kinds])[0]
        want = sizes[kind]
        if kind == "participants":
            free = _grow(sched, rng, unsched, None, want)
        elif kind == "weight_lost":
            free = _grow(sched, rng, unsched, [idx.weight[i] for i in unsched], want)
        elif kind == "lp":
            assert lp_value is not None
            ws = [idx.weight[i] * float(lp_value[i]) for i in unsched]
            if sum(ws) <= 1e-9:
                score[kind] = 0.0
                continue
            free = _grow(sched, rng, unsched, ws, want)
        else:
            free = _slot_pair(sched, rng, want)
        if not free:
            score[kind] *= 0.5
            continue
        before = sched.objective
        det, wall = budget.cpsat_limits(WEIGHT_STEP_DET)
        res = solve_sub(
            sched, free, seed=seed + it, workers=workers, det_limit=det, wall_limit=wall
        )
        it += 1
        budget.charge(res.det_time)
        gain = sched.objective - before
        stats["lns_iterations"] += 1
        stats["lns_det_time"] += res.det_time
        stats[f"lns_{kind}_gain"] += gain
        if gain > 0:
            stats["lns_improved"] += 1
            stall = 0
            if on_improve is not None:
                on_improve()
        else:
            stall += 1
        score[kind] = 0.8 * score[kind] + 0.2 * (1.0 if gain > 0 else 0.0)
        # Adapt the size: solved to optimality cheaply -> room to grow; not solved -> shrink.
        if res.status == "OPTIMAL" and res.det_time < 0.5 * WEIGHT_STEP_DET:
            sizes[kind] = min(int(sizes[kind] * 1.25), MAX_SIZE)
        elif res.status != "OPTIMAL":
            sizes[kind] = max(MIN_SIZE, int(sizes[kind] * 0.8))
        stalled = stall_limit is not None and stall >= stall_limit
        if stalled and (keep_going is None or not keep_going()):
            break
    return stats


def gaps_lns(
    sched: Schedule,
    budget: Budget,
    *,
    seed: int,
    workers: int,
    eligible: Sequence[bool],
    lower_bound: int = 0,
    size: int = 25,
    stall_limit: int | None = None,
    trace: list[tuple[int, str, bool, float, float]] | None = None,
) -> dict[str, float]:
    """Lower the idle gaps (weight and participants served kept) until the budget runs out.

    Neighbourhoods are small on purpose: on the multiparty M event 20 s of search removed 369
    gaps with ~22 meetings per neighbourhood, 239 with 60 and 96 with 120 (CP-SAT's effort per
    neighbourhood grows much faster than its size). They grow only when several in a row were
    solved to optimality without gain (a local optimum for that size), and shrink when CP-SAT
    could not finish one within its work cap.
    """
    idx = sched.idx
    rng = random.Random(seed + 7919)
    stats: dict[str, float] = {"gaps_iterations": 0, "gaps_improved": 0, "gaps_det_time": 0.0}
    gaps = [sched.participant_gaps(p) for p in range(idx.n_parts)]
    total = sum(gaps)
    stall = fails = 0
    it = 0
    while not budget.expired(0.1) and total > lower_bound:
        holders = [p for p in range(idx.n_parts) if gaps[p] > 0]
        # Seed: a participant drawn in proportion to their gaps, then one of their movable
        # meetings; the neighbourhood grows from there through partners.
        p0 = rng.choices(holders, weights=[gaps[p] for p in holders])[0]
        mine = [i for i in idx.meetings_of[p0] if sched.slot_of[i] >= 0 and idx.fixed_slot[i] < 0]
        if not mine:
            gaps[p0] = 0  # only fixed meetings: nothing to move for p0 (their gaps stay)
            continue
        movable = [i for i, t in enumerate(sched.slot_of) if t >= 0 and idx.fixed_slot[i] < 0]
        whole = size >= len(movable)
        free = set(movable) if whole else _grow(sched, rng, mine, None, size, scheduled_only=True)
        det, wall = budget.cpsat_limits(GAPS_STEP_DET)
        res = solve_sub(
            sched,
            free,
            seed=seed + it,
            workers=workers,
            det_limit=det,
            wall_limit=wall,
            goal="gaps",
            eligible=eligible,
        )
        it += 1
        budget.charge(res.det_time)
        stats["gaps_iterations"] += 1
        stats["gaps_det_time"] += res.det_time
        if res.improved:
            for p in {q for i in free for q in idx.parts[i]}:
                total -= gaps[p]
                gaps[p] = sched.participant_gaps(p)
                total += gaps[p]
            stats["gaps_improved"] += 1
            stall = fails = 0
        else:
            stall += 1
            if res.status == "OPTIMAL" and whole:
                # Every movable meeting was free and nothing better exists: a proven optimum
                # (for the meetings scheduled, weight and participants served kept).
                stats["gaps_proven_optimal"] = 1
                break
            if res.status == "OPTIMAL":
                fails += 1
                if fails >= GAPS_GROW_AFTER:
                    size, fails = min(int(size * 1.3) + 1, MAX_SIZE), 0
            else:
                size = max(GAPS_MIN_SIZE, int(size * 0.8))
        if trace is not None:
            trace.append((len(free), res.status, res.improved, res.det_time, res.wall))
        if stall_limit is not None and stall >= stall_limit:
            break
    return stats
