import itertools
import random
from decimal import Decimal

import pytest

from clusterbridge.callrules import funding
from clusterbridge.callrules.funding import (
    ABOVE_AGENCY_BUDGET,
    BELOW_THRESHOLD,
    UNKNOWN_AGENCY,
    Candidate,
    decide,
    fits,
    whole,
)


def brute_force(candidates, budgets, objective):
    """The best objective value over every subset (score rounded to 3 decimals as the solver)."""
    best = None
    for size in range(len(candidates) + 1):
        for subset in itertools.combinations(candidates, size):
            if not fits(candidates, [c.key for c in subset], budgets):
                continue
            score = sum(Decimal(str(c.score)).quantize(Decimal("0.001")) for c in subset)
            value = (score, len(subset)) if objective == "score" else (len(subset), score)
            if best is None or value > best:
                best = value
    return best


def random_case(rng):
    agencies = [f"A{i}" for i in range(rng.randint(1, 4))]
    budgets = {agency: rng.randint(0, 100) for agency in agencies}
    candidates = []
    for key in range(rng.randint(0, 9)):
        asked = rng.sample(agencies, rng.randint(1, len(agencies)))
        requests = {agency: rng.randint(0, 60) for agency in asked}
        score = rng.choice([rng.randint(0, 100), round(rng.uniform(0, 100), 2)])
        candidates.append(Candidate(key=key, score=score, requests=requests))
    return candidates, budgets


@pytest.mark.parametrize("objective", ["score", "number"])
@pytest.mark.parametrize("seed", range(60))
def test_optimal_against_brute_force(seed, objective):
    rng = random.Random(seed * 7919 + (objective == "number"))
    candidates, budgets = random_case(rng)
    decision = decide(candidates, budgets, objective=objective)
    assert decision.optimal
    assert fits(candidates, decision.funded, budgets)
    by_key = {c.key: c for c in candidates}
    score = sum(
        (Decimal(str(by_key[k].score)).quantize(Decimal("0.001")) for k in decision.funded),
        Decimal(0),
    )
    assert score == decision.total_score
    value = (score, len(decision.funded)) if objective == "score" else (len(decision.funded), score)
    assert value == brute_force(candidates, budgets, objective)
    for agency, amount in decision.used.items():
        assert amount == sum(by_key[k].requests.get(agency, 0) for k in decision.funded)
        assert amount <= budgets[agency]


def test_a_proposal_is_funded_only_if_every_agency_can_pay_its_part():
    budgets = {"FR": 100, "DE": 50}
    candidates = [
        Candidate(key="big", score=90, requests={"FR": 60, "DE": 60}),  # DE cannot pay
        Candidate(key="a", score=50, requests={"FR": 60, "DE": 10}),
        Candidate(key="b", score=40, requests={"FR": 40, "DE": 40}),
        Candidate(key="c", score=45, requests={"FR": 50}),
    ]
    decision = decide(candidates, budgets)
    assert decision.funded == ("a", "b")  # 90 beats c + b (85); a + c exceed FR's budget
    assert decision.total_score == Decimal(90)
    assert decision.used == {"FR": 100, "DE": 50}
    assert decision.excluded == {"big": ABOVE_AGENCY_BUDGET}


def test_number_objective_prefers_more_proposals():
    budgets = {"A": 100}
    candidates = [
        Candidate(key="x", score=100, requests={"A": 100}),
        Candidate(key="y", score=10, requests={"A": 50}),
        Candidate(key="z", score=20, requests={"A": 50}),
    ]
    assert decide(candidates, budgets).funded == ("x",)
    number = decide(candidates, budgets, objective="number")
    assert number.funded == ("z", "y")
    assert number.total_score == Decimal(30)


def test_ties_in_score_prefer_more_proposals():
    budgets = {"A": 100}
    candidates = [
        Candidate(key="one", score=60, requests={"A": 100}),
        Candidate(key="two", score=30, requests={"A": 50}),
        Candidate(key="three", score=30, requests={"A": 50}),
    ]
    assert decide(candidates, budgets).funded == ("two", "three")


def test_exclusions():
    candidates = [
        Candidate(key="low", score=5, requests={"A": 1}),
        Candidate(key="elsewhere", score=80, requests={"Z": 1}),
        Candidate(key="ok", score=70, requests={"A": 1}),
    ]
    decision = decide(candidates, {"A": 10}, min_score=10)
    assert decision.funded == ("ok",)
    assert decision.excluded == {"low": BELOW_THRESHOLD, "elsewhere": UNKNOWN_AGENCY}


def test_empty_and_zero_requests():
    assert decide([], {"A": 10}).funded == ()
    free = [Candidate(key=1, score=1, requests={"A": 0})]
    assert decide(free, {"A": 0}).funded == (1,)


@pytest.mark.parametrize(
    ("candidates", "budgets", "message"),
    [
        ([Candidate(key=1, score=1, requests={"A": 1.5})], {"A": 2}, "whole"),
        ([Candidate(key=1, score=1, requests={"A": -1})], {"A": 2}, "whole"),
        ([Candidate(key=1, score=-1, requests={"A": 1})], {"A": 2}, "negative"),
        ([Candidate(key=1, score=1, requests={})] * 2, {"A": 2}, "unique"),
        ([], {"A": -2}, "budgets"),
    ],
)
def test_bad_input(candidates, budgets, message):
    with pytest.raises(ValueError, match=message):
        decide(candidates, budgets)


def test_bad_objective():
    with pytest.raises(ValueError, match="objective"):
        decide([], {}, objective="fame")


def test_whole_rounds_up():
    assert whole(Decimal("10.20")) == 11
    assert whole(10) == 10
    assert whole(Decimal("0")) == 0


def test_large_call_is_solved_quickly():
    rng = random.Random(3)
    agencies = [f"A{i}" for i in range(5)]
    budgets = dict.fromkeys(agencies, 2_000_000)
    candidates = [
        Candidate(
            key=i,
            score=round(rng.uniform(40, 100), 2),
            requests={a: rng.randint(20_000, 120_000) for a in rng.sample(agencies, 2)},
        )
        for i in range(200)
    ]
    decision = decide(candidates, budgets, work_limit=0.2)
    assert fits(candidates, decision.funded, budgets)
    greedy = funding._greedy(
        candidates,
        list(range(200)),
        {c.key: funding._points(c.score) for c in candidates},
        budgets,
        "score",
    )
    assert decision.total_score >= sum(Decimal(str(candidates[i].score)) for i in greedy)
    again = decide(candidates, budgets, work_limit=0.2)
    assert again.funded == decision.funded  # deterministic
