"""Plain-Python 'for you' ranking: complementary posts first, reasons, and the top-3 figure."""

from __future__ import annotations

import random
import sys
from pathlib import Path

from clusterbridge.matching.opportunities import (
    POST_TECHNOLOGY_WEIGHT,
    PROFILE_SECTOR_WEIGHT,
    TARGETS_COUNTRY_WEIGHT,
    Opportunity,
    Seeker,
    complementary,
    recommend,
    score_opportunity,
)

LABELS = {"photonics": "Photonics", "auto": "Automotive"}


def opp(id_, kind, org, country="FR", sectors=(), technologies=(), **extra):
    return Opportunity(
        id=id_,
        kind=kind,
        organisation_id=org,
        country=country,
        title=f"Post {id_}",
        sectors=frozenset(sectors),
        technologies=frozenset(technologies),
        **{k: frozenset(v) for k, v in extra.items()},
    )


def test_module_imports_no_django():
    path = Path(sys.modules["clusterbridge.matching.opportunities"].__file__)
    source = path.read_text(encoding="utf-8")
    assert "import django" not in source and "from django" not in source


def test_offer_answering_own_request_scores_most_with_reasons():
    request = opp(1, "technology_request", 10, technologies=["photonics"])
    seeker = Seeker(organisation_id=10, country="DE", sectors=frozenset({"auto"}), posts=(request,))
    offer = opp(2, "technology_offer", 20, technologies=["photonics"], target_countries=["DE"])
    profile_only = opp(3, "business_offer", 30, sectors=["auto"])
    result = recommend(seeker, [profile_only, offer], labels=LABELS)
    assert [r.id for r in result] == [2, 3]
    assert result[0].score == POST_TECHNOLOGY_WEIGHT + TARGETS_COUNTRY_WEIGHT
    assert result[0].reasons == (
        "Answers your post “Post 1” on Photonics",
        "Looks for partners in DE",
    )
    assert result[1].reasons == ("Fits your profile: Automotive",)
    assert result[1].score == PROFILE_SECTOR_WEIGHT


def test_own_and_unrelated_opportunities_are_not_suggested():
    seeker = Seeker(organisation_id=10, country="DE", sectors=frozenset({"auto"}))
    assert score_opportunity(seeker, opp(1, "technology_offer", 10, sectors=["auto"])) is None
    assert (
        score_opportunity(
            seeker, opp(2, "technology_offer", 20, sectors=["food"], target_countries=["DE"])
        )
        is None
    )


def test_interests_and_cooperation_countries_add_reasons():
    seeker = Seeker(
        organisation_id=10,
        country="DE",
        sectors=frozenset({"auto"}),
        cooperation_countries=frozenset({"FR"}),
        cooperation_interests=frozenset({"research"}),
    )
    result = score_opportunity(
        seeker, opp(1, "rd_partner", 20, sectors=["auto"], partnership_types=["research"])
    )
    assert result.reasons == (
        "Fits your profile: auto",
        "From FR, a country you want to cooperate with",
        "Serves your cooperation interests: research",
    )


def test_complements():
    assert complementary("technology_request", "technology_offer")
    assert complementary("business_offer", "business_request")
    assert not complementary("technology_offer", "technology_offer")


def test_requests_find_their_matching_offer_in_the_top_3():
    """A test set of 64 opportunities with 24 known complementary pairs: measure top-3 hits."""
    rng = random.Random(5)
    technologies = ["photonics", "nano", "materials", "biotech", "micro", "digital"]
    sectors = [f"s{i}" for i in range(20)]
    kinds = [("technology_request", "technology_offer"), ("business_request", "business_offer")]
    pairs, everything = [], []
    next_id = 1
    for pair in range(24):
        request_kind, offer_kind = kinds[pair % 2]
        topic_sectors = rng.sample(sectors, 2)
        topic_tech = rng.sample(technologies, 1)
        request = opp(
            next_id, request_kind, 1000 + pair, sectors=topic_sectors, technologies=topic_tech
        )
        # The matching offer shares the topic, plus noise of its own.
        offer = opp(
            next_id + 1,
            offer_kind,
            2000 + pair,
            sectors=[*topic_sectors[:1], rng.choice(sectors)],
            technologies=topic_tech,
        )
        pairs.append((request, offer))
        everything += [request, offer]
        next_id += 2
    for distractor in range(16):  # offers that share one sector only, some newer (higher id)
        everything.append(
            opp(
                next_id,
                rng.choice(["technology_offer", "business_offer"]),
                3000 + distractor,
                sectors=rng.sample(sectors, 1),
                technologies=rng.sample(technologies, 1),
            )
        )
        next_id += 1
    assert len(everything) >= 30
    hits = 0
    for request, offer in pairs:
        seeker = Seeker(
            organisation_id=request.organisation_id,
            country="DE",
            sectors=frozenset(rng.sample(sectors, 2)),
            posts=(request,),
        )
        top3 = [r.id for r in recommend(seeker, everything, limit=3)]
        hits += offer.id in top3
    share = hits / len(pairs)
    print(f"matching offer in the top 3 for {hits}/{len(pairs)} requests ({share:.0%})")
    assert share >= 0.9
