"""Fairness floor: nobody with an accepted request goes home without a meeting if avoidable.

*Eligible* participants are those with at least one request that could take place on its own
(some slot where everyone is available, a table big enough, a maximum above zero). After the
weight phase, the solver maximises the number of eligible participants with at least one
meeting, never letting the total weight drop below the weight phase's result minus the
organiser's tolerance (``fairness_tolerance``, a share of that weight; 0 by default: the weight
is kept exactly), and then maximises the weight again.

Small events are solved as one model (then the result is the exact optimum of that rule);
larger ones participant by participant: the participant's requests and every meeting of the
people they asked to meet are re-planned together. Whoever still has no meeting is listed with
the reason (:data:`UNSERVED_REASONS`).
"""

from __future__ import annotations

from collections.abc import Sequence

from .budget import Budget
from .exact import solve_sub
from .model import Index, UnservedParticipant
from .state import Schedule

UNSERVED_REASONS: dict[str, str] = {
    "no_possible_meeting": "none of their requests can take place (see each meeting's reason)",
    "blocked_by_fixed_meetings": "fixed meetings take every slot their requests could use",
    "would_cost_weight": (
        "a meeting for them would cost more total weight than allowed, or another participant's "
        "only meeting"
    ),
    "not_resolved": "the time ran out before a meeting for them was found or ruled out",
    "fairness_off": "the fairness floor was switched off for this run",
}

# Above this many meetings in one participant's neighbourhood, only the scheduled meetings of
# their partners and a sample of the rest are re-planned (popular participants have hundreds
# of requests).
MAX_NEIGHBOURHOOD = 3000
FAIRNESS_STEP_DET = 1.0


def eligible_participants(idx: Index) -> list[bool]:
    """Participants with a maximum above 0 and a request that could take place on its own."""
    return [
        idx.max_meet[p] > 0 and any(idx.cand[i] for i in idx.meetings_of[p])
        for p in range(idx.n_parts)
    ]


def _blocked_by_fixed(idx: Index, fixed_busy: Sequence[set[int]], p: int) -> bool:
    """Whether fixed meetings rule out each of ``p``'s requests: in every candidate slot one of
    its participants has a fixed meeting, or one of them is at their maximum with fixed ones."""
    for i in idx.meetings_of[p]:
        if any(len(fixed_busy[q]) >= idx.max_meet[q] for q in idx.parts[i]):
            continue
        for t in idx.cand[i]:
            if all(t not in fixed_busy[q] for q in idx.parts[i]):
                return False
    return True


def fairness_phase(
    sched: Schedule,
    budget: Budget,
    *,
    seed: int,
    workers: int,
    eligible: Sequence[bool],
    floor_weight: int,
    full_model: bool,
) -> tuple[dict[int, str], dict[str, float]]:
    """Serve unserved eligible participants; return ``(reason per unserved participant, stats)``."""
    idx = sched.idx
    stats: dict[str, float] = {"fairness_steps": 0, "fairness_det_time": 0.0}
    unserved = [p for p in range(idx.n_parts) if eligible[p] and sched.count[p] == 0]
    stats["unserved_before_fairness"] = len(unserved)
    reason: dict[int, str] = {}
    if not unserved:
        return reason, stats
    fixed_busy: list[set[int]] = [set() for _ in range(idx.n_parts)]
    for i in idx.fixed:
        for q in idx.parts[i]:
            fixed_busy[q].add(idx.fixed_slot[i])
    proven: set[int] = set()
    if full_model:
        det, wall = budget.cpsat_limits(max(FAIRNESS_STEP_DET, budget.work_left))
        res = solve_sub(
            sched,
            range(idx.n_meetings),
            seed=seed,
            workers=workers,
            det_limit=min(det, 10.0),
            wall_limit=wall,
            goal="fairness",
            eligible=eligible,
            allowed_loss=max(0, sched.objective - floor_weight),
        )
        budget.charge(res.det_time)
        stats["fairness_steps"] += 1
        stats["fairness_det_time"] += res.det_time
        if res.status == "OPTIMAL":
            proven = set(range(idx.n_parts))
    else:
        # Fewest possible requests first: they have the fewest ways to be served.
        order = sorted(
            unserved, key=lambda p: (sum(1 for i in idx.meetings_of[p] if idx.cand[i]), p)
        )
        for p in order:
            if budget.expired(0.1):
                break
            if sched.count[p] > 0:
                continue  # served as a side effect of an earlier step
            free = _neighbourhood(sched, p, seed)
            det, wall = budget.cpsat_limits(FAIRNESS_STEP_DET)
            res = solve_sub(
                sched,
                free,
                seed=seed + p,
                workers=workers,
                det_limit=det,
                wall_limit=wall,
                goal="fairness",
                eligible=eligible,
                allowed_loss=max(0, sched.objective - floor_weight),
            )
            budget.charge(res.det_time)
            stats["fairness_steps"] += 1
            stats["fairness_det_time"] += res.det_time
            if res.status == "OPTIMAL" and sched.count[p] == 0:
                proven.add(p)
    for p in range(idx.n_parts):
        if not eligible[p] or sched.count[p] > 0:
            continue
        if _blocked_by_fixed(idx, fixed_busy, p):
            reason[p] = "blocked_by_fixed_meetings"
        elif p in proven:
            reason[p] = "would_cost_weight"
        else:
            reason[p] = "not_resolved"
    stats["unserved_after_fairness"] = len(reason)
    return reason, stats


def _neighbourhood(sched: Schedule, p: int, seed: int) -> set[int]:
    """``p``'s requests and the meetings of everyone they asked to meet."""
    idx = sched.idx
    free = {i for i in idx.meetings_of[p] if idx.cand[i] and idx.fixed_slot[i] < 0}
    partners = sorted({q for i in free for q in idx.parts[i] if q != p})
    scheduled: set[int] = set()
    waiting: list[int] = []
    for q in partners:
        for i in idx.meetings_of[q]:
            if idx.fixed_slot[i] >= 0 or i in free:
                continue
            if sched.slot_of[i] >= 0:
                scheduled.add(i)
            elif idx.cand[i]:
                waiting.append(i)
    free |= scheduled
    waiting = sorted(set(waiting))
    room = MAX_NEIGHBOURHOOD - len(free)
    if len(waiting) > room:
        # Deterministic thinning: keep the heaviest waiting meetings (they can refill the
        # weight given up for p), ties by index.
        waiting = sorted(waiting, key=lambda i: (-idx.weight[i], (i * 2654435761 + seed) % 2**32))
        waiting = waiting[: max(0, room)]
    free.update(waiting)
    return free


def unserved_list(
    idx: Index, eligible: Sequence[bool], reason: dict[int, str], sched: Schedule
) -> list[UnservedParticipant]:
    """Every participant with a request but no meeting, with the reason (instance order)."""
    out: list[UnservedParticipant] = []
    for p in range(idx.n_parts):
        if sched.count[p] > 0 or not idx.meetings_of[p]:
            continue
        code = "no_possible_meeting" if not eligible[p] else reason.get(p, "not_resolved")
        out.append(UnservedParticipant(idx.part_ids[p], code, UNSERVED_REASONS[code]))
    return out
