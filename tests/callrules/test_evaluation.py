import random
from decimal import Decimal

import pytest

from clusterbridge.callrules.evaluation import (
    CONSORTIUM_MEMBER,
    SAME_COUNTRY_AGENCY,
    Affiliation,
    Criterion,
    average_scores,
    conflicts,
    rank,
    spread,
    weighted_score,
)

CRITERIA = [
    Criterion("excellence", Decimal(50), 5),
    Criterion("impact", Decimal(30), 10),
    Criterion("implementation", Decimal(20), 5),
]


def test_weighted_score_is_the_weighted_share_of_the_maximum():
    # 50 × 4/5 + 30 × 5/10 + 20 × 5/5 = 40 + 15 + 20 = 75 of 100
    scores = {"excellence": 4, "impact": 5, "implementation": 5}
    assert weighted_score(scores, CRITERIA) == Decimal("75.00")


def test_weighted_score_rounds_half_up_to_two_places():
    criteria = [Criterion("a", Decimal(1), 3)]
    assert weighted_score({"a": 1}, criteria) == Decimal("33.33")
    assert weighted_score({"a": 2}, criteria) == Decimal("66.67")


def test_weights_need_not_add_up_to_100():
    criteria = [Criterion("a", Decimal(1), 5), Criterion("b", Decimal(3), 5)]
    assert weighted_score({"a": 5, "b": 0}, criteria) == Decimal("25.00")


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        ({"excellence": 4, "impact": 5}, "'implementation' is not scored"),
        ({"excellence": 6, "impact": 5, "implementation": 5}, "outside 0..5"),
        ({"excellence": -1, "impact": 5, "implementation": 5}, "outside 0..5"),
    ],
)
def test_weighted_score_refuses_missing_and_out_of_range_scores(scores, message):
    with pytest.raises(ValueError, match=message):
        weighted_score(scores, CRITERIA)


def test_weighted_score_needs_criteria_with_weight():
    with pytest.raises(ValueError, match="needs criteria"):
        weighted_score({}, [])
    with pytest.raises(ValueError, match="more than zero"):
        weighted_score({"a": 1}, [Criterion("a", Decimal(0), 5)])


def test_weighted_score_stays_between_0_and_100_on_random_cases():
    generator = random.Random(7)
    for _ in range(300):
        criteria = [
            Criterion(i, Decimal(generator.randint(1, 60)), generator.choice([3, 5, 10]))
            for i in range(generator.randint(1, 6))
        ]
        scores = {c.key: Decimal(generator.randint(0, c.max_score)) for c in criteria}
        value = weighted_score(scores, criteria)
        assert Decimal(0) <= value <= Decimal(100)
        if all(scores[c.key] == c.max_score for c in criteria):
            assert value == Decimal("100.00")


def test_average_scores_per_criterion_with_one_decimal():
    reviews = [
        {"excellence": 4, "impact": 7, "implementation": 3},
        {"excellence": 5, "impact": 8},
        {"excellence": 4, "impact": 8, "implementation": 4},
    ]
    assert average_scores(reviews, CRITERIA) == {
        "excellence": Decimal("4.3"),
        "impact": Decimal("7.7"),
        "implementation": Decimal("3.5"),
    }


def test_average_of_no_review_is_empty():
    assert average_scores([], CRITERIA) == {}


def test_spread_is_highest_minus_lowest():
    reviews = [{"excellence": 2, "impact": 9}, {"excellence": 5, "impact": 9}]
    assert spread(reviews, CRITERIA) == {"excellence": Decimal(3), "impact": Decimal(0)}


def test_rank_shares_ranks_on_equal_scores_and_skips_after_them():
    scored = [("a", Decimal("70")), ("b", Decimal("85")), ("c", Decimal("70")), ("d", None)]
    assert rank(scored) == {"b": 1, "a": 2, "c": 2, "d": None}
    assert rank([("x", 50), ("y", 40), ("z", 40), ("w", 10)]) == {"x": 1, "y": 2, "z": 2, "w": 4}


def test_rank_of_nothing_is_empty():
    assert rank([]) == {}


def test_a_person_of_a_consortium_organisation_is_in_conflict():
    found = conflicts(
        [Affiliation(1, "FR"), Affiliation(9, "DE")],
        consortium=[1, 2],
        consortium_countries=["FR", "ES"],
        exclude_same_country_agency=False,
    )
    assert found == [(CONSORTIUM_MEMBER, 1)]


def test_same_country_agency_counts_only_when_the_call_says_so():
    affiliations = [Affiliation(5, "ES", is_call_agency=True), Affiliation(6, "ES")]
    kwargs = {"consortium": [1, 2], "consortium_countries": ["FR", "ES"]}
    assert conflicts(affiliations, exclude_same_country_agency=False, **kwargs) == []
    # Organisation 6 is in Spain too but is not one of the call's agencies.
    assert conflicts(affiliations, exclude_same_country_agency=True, **kwargs) == [
        (SAME_COUNTRY_AGENCY, 5)
    ]


def test_an_agency_of_another_country_is_no_conflict():
    found = conflicts(
        [Affiliation(5, "IT", is_call_agency=True)],
        consortium=[1],
        consortium_countries=["FR", ""],
        exclude_same_country_agency=True,
    )
    assert found == []
