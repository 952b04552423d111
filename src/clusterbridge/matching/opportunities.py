"""'For you': rank marketplace opportunities for one organisation, each with its reasons.

Plain Python (no Django): the marketplace's queries feed it plain data. What counts, in order:

1. an opportunity that *complements one of the organisation's own posts* (an offer for its
   request, a request for its offer) on the same technologies or sectors counts most;
2. overlap with the organisation's profile (sectors, technologies);
3. the opportunity targets the organisation's country; the poster is in a country the
   organisation wants to cooperate with; the partnership sought fits its cooperation interests.

Only opportunities that share at least one sector or technology (with the profile or a post) are
suggested: countries and interests alone say too little about a partner to be worth a suggestion.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from clusterbridge.matching.text import Reason, name_list

TECHNOLOGY_OFFER = "technology_offer"
TECHNOLOGY_REQUEST = "technology_request"
BUSINESS_OFFER = "business_offer"
BUSINESS_REQUEST = "business_request"
RD_PARTNER = "rd_partner"
CLUSTER_COOPERATION = "cluster_cooperation"
PROJECT_PARTNER = "project_partner"

# Which kind of post answers which: an offer answers a request and vice versa; partner searches
# (R&D, cluster cooperation, events/projects) are answered by the same kind of search.
COMPLEMENTS: dict[str, frozenset[str]] = {
    TECHNOLOGY_OFFER: frozenset({TECHNOLOGY_REQUEST}),
    TECHNOLOGY_REQUEST: frozenset({TECHNOLOGY_OFFER}),
    BUSINESS_OFFER: frozenset({BUSINESS_REQUEST}),
    BUSINESS_REQUEST: frozenset({BUSINESS_OFFER}),
    RD_PARTNER: frozenset({RD_PARTNER}),
    CLUSTER_COOPERATION: frozenset({CLUSTER_COOPERATION}),
    PROJECT_PARTNER: frozenset({PROJECT_PARTNER}),
}

# Partnership types sought → the organisation cooperation interests they serve.
INTERESTS_OF_PARTNERSHIP: dict[str, frozenset[str]] = {
    "commercial": frozenset({"market_access", "matchmaking", "internationalisation"}),
    "technical": frozenset({"knowledge_exchange", "value_chains", "joint_projects"}),
    "research": frozenset({"research", "joint_projects"}),
    "licence": frozenset({"market_access", "knowledge_exchange"}),
    "joint_venture": frozenset({"strategic_partnership", "internationalisation"}),
    "subcontracting": frozenset({"value_chains", "matchmaking"}),
    "investment": frozenset({"market_access", "strategic_partnership"}),
    "cluster_partnership": frozenset({"strategic_partnership", "staff_exchange", "training"}),
}

# Weights: a shared technology is a sharper signal than a shared (broad) sector.
POST_TECHNOLOGY_WEIGHT = 12.0
POST_SECTOR_WEIGHT = 8.0
PROFILE_TECHNOLOGY_WEIGHT = 3.0
PROFILE_SECTOR_WEIGHT = 2.0
KEYWORD_WEIGHT = 1.0
TARGETS_COUNTRY_WEIGHT = 2.0
COOPERATION_COUNTRY_WEIGHT = 1.0
INTEREST_WEIGHT = 1.0


@dataclass(frozen=True)
class Opportunity:
    id: int
    kind: str
    organisation_id: int
    country: str
    title: str = ""
    sectors: frozenset[str] = field(default_factory=frozenset)
    technologies: frozenset[str] = field(default_factory=frozenset)
    keywords: frozenset[str] = field(default_factory=frozenset)
    target_countries: frozenset[str] = field(default_factory=frozenset)
    partnership_types: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Seeker:
    """The organisation recommendations are made for: its profile and its own published posts."""

    organisation_id: int
    country: str
    sectors: frozenset[str] = field(default_factory=frozenset)
    technologies: frozenset[str] = field(default_factory=frozenset)
    cooperation_countries: frozenset[str] = field(default_factory=frozenset)
    cooperation_interests: frozenset[str] = field(default_factory=frozenset)
    posts: tuple[Opportunity, ...] = ()


@dataclass(frozen=True)
class Recommendation:
    id: int
    score: float
    reasons: tuple[Reason, ...]


def complementary(a: str, b: str) -> bool:
    return b in COMPLEMENTS.get(a, frozenset())


def _best_post_match(
    seeker: Seeker, candidate: Opportunity, labels: Mapping[str, str]
) -> tuple[float, Reason | None]:
    best_score, best_reason = 0.0, None
    for post in seeker.posts:
        if not complementary(post.kind, candidate.kind):
            continue
        technologies = post.technologies & candidate.technologies
        sectors = post.sectors & candidate.sectors
        if not technologies and not sectors:
            continue
        keywords = post.keywords & candidate.keywords
        score = (
            POST_TECHNOLOGY_WEIGHT * len(technologies)
            + POST_SECTOR_WEIGHT * len(sectors)
            + KEYWORD_WEIGHT * len(keywords)
        )
        if score > best_score:
            shared = name_list(technologies | sectors, labels)
            best_score = score
            best_reason = Reason(
                "answers_post",
                f"Answers your post “{post.title}” on {shared}",
                title=post.title,
                sectors=tuple(sorted(sectors)),
                technologies=tuple(sorted(technologies)),
            )
    return best_score, best_reason


def score_opportunity(
    seeker: Seeker,
    candidate: Opportunity,
    *,
    labels: Mapping[str, str] | None = None,
    country_names: Mapping[str, str] | None = None,
) -> Recommendation | None:
    """Score one opportunity for the seeker; None when it is the seeker's own or unrelated."""
    if candidate.organisation_id == seeker.organisation_id:
        return None
    labels = labels or {}
    country_names = country_names or {}
    reasons: list[Reason] = []
    post_score, post_reason = _best_post_match(seeker, candidate, labels)
    if post_reason:
        reasons.append(post_reason)
    technologies = seeker.technologies & candidate.technologies
    sectors = seeker.sectors & candidate.sectors
    profile_score = PROFILE_TECHNOLOGY_WEIGHT * len(technologies) + PROFILE_SECTOR_WEIGHT * len(
        sectors
    )
    if technologies or sectors:
        reasons.append(
            Reason(
                "fits_profile",
                f"Fits your profile: {name_list(technologies | sectors, labels)}",
                sectors=tuple(sorted(sectors)),
                technologies=tuple(sorted(technologies)),
            )
        )
    if post_score == 0 and profile_score == 0:
        return None
    score = post_score + profile_score
    if seeker.country in candidate.target_countries:
        score += TARGETS_COUNTRY_WEIGHT
        name = country_names.get(seeker.country, seeker.country)
        reasons.append(
            Reason("targets_country", f"Looks for partners in {name}", country=seeker.country)
        )
    if candidate.country in seeker.cooperation_countries:
        score += COOPERATION_COUNTRY_WEIGHT
        name = country_names.get(candidate.country, candidate.country)
        reasons.append(
            Reason(
                "cooperation_country",
                f"From {name}, a country you want to cooperate with",
                country=candidate.country,
            )
        )
    served = {
        interest
        for partnership in candidate.partnership_types
        for interest in INTERESTS_OF_PARTNERSHIP.get(partnership, frozenset())
    } & seeker.cooperation_interests
    if served:
        score += INTEREST_WEIGHT * len(served)
        reasons.append(
            Reason(
                "interests",
                f"Serves your cooperation interests: {name_list(served, labels)}",
                interests=tuple(sorted(served)),
            )
        )
    return Recommendation(id=candidate.id, score=round(score, 4), reasons=tuple(reasons))


def recommend(
    seeker: Seeker,
    candidates: Iterable[Opportunity],
    *,
    limit: int = 20,
    labels: Mapping[str, str] | None = None,
    country_names: Mapping[str, str] | None = None,
) -> list[Recommendation]:
    """The ``limit`` best opportunities, best first; ties broken by newest id so output is stable."""
    scored = [
        recommendation
        for candidate in candidates
        if (
            recommendation := score_opportunity(
                seeker, candidate, labels=labels, country_names=country_names
            )
        )
    ]
    scored.sort(key=lambda r: (-r.score, -r.id))
    return scored[:limit]
