"""Funding decisions of a joint call: which proposals to fund within every agency's budget.

Each proposal asks every agency of its partners for an amount (the sum of its partners'
grants from that agency). A proposal is funded only as a whole — when every partner's agency
funds its part — so choosing the proposals is a multi-dimensional knapsack: one binary per
proposal, one capacity per agency. :func:`decide` solves it exactly with OR-Tools CP-SAT
(fixed seed, one worker and a deterministic work limit: the same input gives the same answer on
any machine; ``Decision.optimal`` says whether optimality was proven within the limit — a
greedy solution is the solver's starting hint, so the answer is never worse than it) for one
of two objectives:

``"score"``
    maximise the total evaluation score of the funded proposals, then their number;
``"number"``
    maximise the number of funded proposals, then their total score.

A proposal that asks an agency absent from ``budgets`` cannot be funded. Scores are rounded
to :data:`SCORE_DECIMALS` decimals for the solver; amounts are whole units (the app rounds
grants up to the euro). ``min_score`` leaves out proposals below a threshold.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from ortools.sat.python import cp_model

OBJECTIVES = ("score", "number")
SCORE_DECIMALS = 3
_SCALE = 10**SCORE_DECIMALS

# Why a proposal cannot be funded at all (before any choice).
UNKNOWN_AGENCY = "unknown_agency"
ABOVE_AGENCY_BUDGET = "above_agency_budget"
BELOW_THRESHOLD = "below_threshold"


@dataclass(frozen=True)
class Candidate:
    key: Hashable
    score: float | Decimal | int
    requests: Mapping[Hashable, int]  # agency -> amount asked of it


@dataclass(frozen=True)
class Decision:
    funded: tuple[Hashable, ...]  # in ranking order (score descending, then input order)
    total_score: Decimal
    used: Mapping[Hashable, int]  # agency -> amount committed
    excluded: Mapping[Hashable, str] = field(default_factory=dict)  # key -> reason
    optimal: bool = True
    objective: str = "score"


def whole(amount: Decimal | int | float) -> int:
    """An amount as whole units, rounded up (a request of 10.20 needs 11 of the budget)."""
    return int(Decimal(str(amount)).to_integral_value(rounding=ROUND_CEILING))


def _points(score: float | Decimal | int) -> int:
    return int((Decimal(str(score)) * _SCALE).to_integral_value(rounding=ROUND_HALF_UP))


def _precheck(
    candidates: Sequence[Candidate], budgets: Mapping[Hashable, int], min_score
) -> tuple[list[int], dict[Hashable, str]]:
    usable, excluded = [], {}
    for index, candidate in enumerate(candidates):
        if min_score is not None and Decimal(str(candidate.score)) < Decimal(str(min_score)):
            excluded[candidate.key] = BELOW_THRESHOLD
        elif any(agency not in budgets for agency in candidate.requests):
            excluded[candidate.key] = UNKNOWN_AGENCY
        elif any(amount > budgets[agency] for agency, amount in candidate.requests.items()):
            excluded[candidate.key] = ABOVE_AGENCY_BUDGET
        else:
            usable.append(index)
    return usable, excluded


def _greedy(candidates, usable, points, budgets, objective) -> set[int]:
    """A good start (the solver's hint): best score per share of the budgets asked, first."""

    def share(i):
        return sum(
            amount / budgets[agency] if budgets[agency] else 0.0
            for agency, amount in candidates[i].requests.items()
        )

    if objective == "score":
        order = sorted(usable, key=lambda i: (-points[i] / (share(i) + 1e-9), i))
    else:
        order = sorted(usable, key=lambda i: (share(i), -points[i], i))
    left = dict(budgets)
    chosen = set()
    for i in order:
        requests = candidates[i].requests
        if all(amount <= left[agency] for agency, amount in requests.items()):
            for agency, amount in requests.items():
                left[agency] -= amount
            chosen.add(i)
    return chosen


def decide(
    candidates: Sequence[Candidate],
    budgets: Mapping[Hashable, int],
    *,
    objective: str = "score",
    min_score: float | Decimal | None = None,
    work_limit: float = 10.0,
    time_limit: float = 30.0,
) -> Decision:
    """The best set of proposals within ``budgets`` for ``objective`` (see the module doc)."""
    if objective not in OBJECTIVES:
        raise ValueError(f"objective must be one of {OBJECTIVES}")
    keys = [candidate.key for candidate in candidates]
    if len(set(keys)) != len(keys):
        raise ValueError("candidate keys must be unique")
    for candidate in candidates:
        if any(int(amount) != amount or amount < 0 for amount in candidate.requests.values()):
            raise ValueError("requests must be non-negative whole amounts")
        if Decimal(str(candidate.score)) < 0:
            raise ValueError("scores cannot be negative")
    if any(int(amount) != amount or amount < 0 for amount in budgets.values()):
        raise ValueError("budgets must be non-negative whole amounts")

    usable, excluded = _precheck(candidates, budgets, min_score)
    points = {i: _points(candidates[i].score) for i in usable}
    chosen: list[int] = []
    optimal = True
    if usable:
        model = cp_model.CpModel()
        x = {i: model.NewBoolVar(f"x{i}") for i in usable}
        for agency, budget in budgets.items():
            terms = [
                (x[i], int(candidates[i].requests[agency]))
                for i in usable
                if candidates[i].requests.get(agency, 0) > 0
            ]
            if terms and sum(amount for _, amount in terms) > budget:
                model.Add(sum(amount * var for var, amount in terms) <= int(budget))
        total_points = sum(points.values())
        if objective == "score":
            # Score first; among equal scores, more proposals.
            weight_score, weight_count = len(usable) + 1, 1
        else:
            weight_score, weight_count = 1, total_points + 1
        model.Maximize(sum((weight_score * points[i] + weight_count) * x[i] for i in usable))
        for i in _greedy(candidates, usable, points, budgets, objective):
            model.AddHint(x[i], 1)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = 0
        # The deterministic work limit makes the result independent of the machine's load;
        # the wall-clock limit is only a safety net.
        solver.parameters.max_deterministic_time = work_limit
        solver.parameters.max_time_in_seconds = time_limit
        status = solver.Solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):  # pragma: no cover - defensive
            raise RuntimeError("the funding solver found no solution")
        optimal = status == cp_model.OPTIMAL
        chosen = [i for i in usable if solver.Value(x[i])]

    chosen.sort(key=lambda i: (-points[i], i))
    used: dict[Hashable, int] = dict.fromkeys(budgets, 0)
    for i in chosen:
        for agency, amount in candidates[i].requests.items():
            used[agency] += int(amount)
    total = sum((Decimal(points[i]) for i in chosen), Decimal(0)) / _SCALE
    return Decision(
        funded=tuple(candidates[i].key for i in chosen),
        total_score=total,
        used=used,
        excluded=excluded,
        optimal=optimal,
        objective=objective,
    )


def fits(
    candidates: Sequence[Candidate], chosen: Sequence[Hashable], budgets: Mapping[Hashable, int]
) -> bool:
    """Whether funding ``chosen`` stays within every budget (for checks and manual decisions)."""
    by_key = {candidate.key: candidate for candidate in candidates}
    used: dict[Hashable, int] = {}
    for key in chosen:
        for agency, amount in by_key[key].requests.items():
            if agency not in budgets:
                return False
            used[agency] = used.get(agency, 0) + int(amount)
    return all(amount <= budgets[agency] for agency, amount in used.items())
