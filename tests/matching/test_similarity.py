"""Plain-Python matching: scores, reasons, the preference for partners abroad, ties, limit."""

from __future__ import annotations

from clusterbridge.matching import Profile, Suggestion, similar_profiles
from clusterbridge.matching.similarity import (
    ECOSYSTEM_WEIGHT,
    KEYWORD_WEIGHT,
    OTHER_COUNTRY_FACTOR,
    SECTOR_WEIGHT,
    TECHNOLOGY_WEIGHT,
    score_pair,
)

LABELS = {
    "auto": "Automotive",
    "metal": "Metalworking",
    "bio": "Biopharma",
    "laser": "Photonics",
    "mob": "Mobility",
}


def profile(id_, country="DE", sectors=(), technologies=(), ecosystems=(), keywords=()):
    return Profile(
        id=id_,
        country=country,
        sectors=frozenset(sectors),
        technologies=frozenset(technologies),
        ecosystems=frozenset(ecosystems),
        keywords=frozenset(keywords),
    )


TARGET = profile(
    1,
    "DE",
    sectors={"auto", "metal"},
    technologies={"laser"},
    ecosystems={"mob"},
    keywords={"ev", "battery"},
)


def test_weights():
    assert (
        SECTOR_WEIGHT,
        TECHNOLOGY_WEIGHT,
        ECOSYSTEM_WEIGHT,
        KEYWORD_WEIGHT,
        OTHER_COUNTRY_FACTOR,
    ) == (
        3.0,
        2.0,
        1.0,
        0.5,
        1.25,
    )


def test_score_and_reasons_for_a_domestic_candidate():
    candidate = profile(
        2,
        "DE",
        sectors={"auto", "metal", "bio"},
        technologies={"laser"},
        ecosystems={"mob"},
        keywords={"ev"},
    )
    suggestion = score_pair(TARGET, candidate, labels=LABELS)
    assert suggestion == Suggestion(
        id=2,
        score=3.0 * 2 + 2.0 + 1.0 + 0.5,
        reasons=(
            "Shares sectors: Automotive, Metalworking",
            "Shares technologies: Photonics",
            "Same industrial ecosystems: Mobility",
            "Common keywords: ev",
        ),
    )


def test_a_candidate_abroad_gets_a_bonus_and_a_reason():
    suggestion = score_pair(
        TARGET, profile(3, "FR", sectors={"auto"}), labels=LABELS, country_names={"FR": "France"}
    )
    assert suggestion.score == 3.75
    assert suggestion.reasons == (
        "Shares sectors: Automotive",
        "A potential partner abroad (France)",
    )


def test_unknown_country_name_and_label_fall_back_to_codes():
    suggestion = score_pair(TARGET, profile(3, "XK", sectors={"metal"}))
    assert suggestion.reasons == ("Shares sectors: metal", "A potential partner abroad (XK)")


def test_no_shared_sector_or_technology_is_no_suggestion():
    # Sharing only an ecosystem or keywords is not enough.
    assert score_pair(TARGET, profile(4, "FR", ecosystems={"mob"}, keywords={"ev"})) is None
    assert score_pair(TARGET, profile(5, "DE")) is None


def test_technology_only_match():
    suggestion = score_pair(TARGET, profile(6, "DE", technologies={"laser"}), labels=LABELS)
    assert (suggestion.score, suggestion.reasons) == (2.0, ("Shares technologies: Photonics",))


def test_reason_lists_at_most_three_names_sorted():
    many = {f"s{i}": f"Sector {i}" for i in range(5)}
    target = profile(1, sectors=set(many))
    suggestion = score_pair(target, profile(2, sectors=set(many)), labels=many)
    assert suggestion.reasons == ("Shares sectors: Sector 0, Sector 1, Sector 2 and 2 more",)
    assert suggestion.score == 15.0


def test_abroad_ranks_above_an_equally_similar_domestic_candidate():
    home = profile(2, "DE", sectors={"auto"})
    abroad = profile(3, "FR", sectors={"auto"})
    assert [s.id for s in similar_profiles(TARGET, [home, abroad])] == [3, 2]


def test_order_best_first_ties_by_id_and_target_excluded():
    candidates = [
        profile(9, "DE", sectors={"auto"}),  # 3.0
        profile(4, "DE", sectors={"metal"}),  # 3.0 (tie with 9 → lower id first)
        profile(7, "DE", sectors={"auto", "metal"}),  # 6.0
        profile(5, "DE", technologies={"laser"}),  # 2.0
        profile(8, "DE", sectors={"bio"}),  # no match
        TARGET,  # itself
    ]
    result = similar_profiles(TARGET, candidates)
    assert [(s.id, s.score) for s in result] == [(7, 6.0), (4, 3.0), (9, 3.0), (5, 2.0)]


def test_limit():
    candidates = [profile(i, "DE", sectors={"auto"}) for i in range(10, 30)]
    result = similar_profiles(TARGET, iter(candidates), limit=3)
    assert [s.id for s in result] == [10, 11, 12]
    assert similar_profiles(TARGET, candidates, limit=0) == []
    assert len(similar_profiles(TARGET, candidates)) == 6


def test_scores_are_rounded():
    target = profile(1, "DE", sectors={"a"}, keywords={"k1", "k2", "k3"})
    candidate = profile(2, "AT", sectors={"a"}, keywords={"k1", "k2", "k3"})
    assert score_pair(target, candidate).score == round((3.0 + 1.5) * 1.25, 4)
