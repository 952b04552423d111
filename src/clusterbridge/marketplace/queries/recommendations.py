"""'For you': feed the plain ranking module with candidates read in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.core.cache import cache
from django.db.models import Q, Subquery
from django_countries import countries

from clusterbridge.marketplace.models import Opportunity, OpportunityStatus
from clusterbridge.marketplace.queries.search import marketplace_version, published
from clusterbridge.matching.opportunities import COMPLEMENTS, Recommendation, Seeker, recommend
from clusterbridge.matching.opportunities import Opportunity as Candidate
from clusterbridge.organisations.models import CooperationInterest, Organisation
from clusterbridge.taxonomy.models import ClusterCategory, Technology

# Candidates are pre-selected in SQL, newest first, in three pools that mirror what the ranking
# rewards: posts of a complementary kind sharing a topic with one of the organisation's posts,
# posts sharing one of its technologies, posts sharing one of its sectors. A few hundred
# candidates at most, so an uncached ranking stays fast at 100,000 opportunities; anything
# outside the pools would score nothing.
POOL_SIZES = {"complements": 150, "technologies": 100, "sectors": 100}
CACHE_SECONDS = 300


def _topics(ids: list[int]) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
    sectors: dict[int, set[str]] = defaultdict(set)
    technologies: dict[int, set[str]] = defaultdict(set)
    through = Opportunity.sectors.through
    for oid, code in through.objects.filter(opportunity_id__in=ids).values_list(
        "opportunity_id", "clustercategory__code"
    ):
        sectors[oid].add(code)
    through = Opportunity.technologies.through
    for oid, code in through.objects.filter(opportunity_id__in=ids).values_list(
        "opportunity_id", "technology__code"
    ):
        technologies[oid].add(code)
    return sectors, technologies


def _candidates(rows: list[dict]) -> list[Candidate]:
    sectors, technologies = _topics([row["id"] for row in rows])
    return [
        Candidate(
            id=row["id"],
            kind=row["kind"],
            organisation_id=row["organisation_id"],
            country=row["country"],
            title=row["title"],
            sectors=frozenset(sectors[row["id"]]),
            technologies=frozenset(technologies[row["id"]]),
            keywords=frozenset(k.casefold() for k in row["keywords"]),
            target_countries=frozenset(str(row["target_countries"] or "").split(",")) - {""},
            partnership_types=frozenset(row["partnership_types"]),
        )
        for row in rows
    ]


FIELDS = (
    "id",
    "kind",
    "organisation_id",
    "country",
    "title",
    "keywords",
    "target_countries",
    "partnership_types",
)


def seeker_for(organisation: Organisation) -> Seeker:
    posts = list(
        Opportunity.objects.filter(
            organisation=organisation, status=OpportunityStatus.PUBLISHED
        ).values(*FIELDS)[:50]
    )
    return Seeker(
        organisation_id=organisation.pk,
        country=organisation.country.code,
        sectors=frozenset(organisation.sectors.values_list("code", flat=True)),
        technologies=frozenset(organisation.technologies.values_list("code", flat=True)),
        cooperation_countries=frozenset(c.code for c in organisation.cooperation_countries),
        cooperation_interests=frozenset(organisation.cooperation_interests),
        posts=tuple(_candidates(posts)),
    )


def _sharing(sector_ids: set[int], technology_ids: set[int]) -> Q:
    """Opportunities with at least one of the sectors or technologies (taxonomy ids: the
    subqueries then read only the through tables, which the planners turn into a hash)."""
    condition = Q(pk__in=[])
    if sector_ids:
        through = Opportunity.sectors.through
        condition |= Q(
            id__in=Subquery(
                through.objects.filter(clustercategory_id__in=sector_ids).values("opportunity_id")
            )
        )
    if technology_ids:
        through = Opportunity.technologies.through
        condition |= Q(
            id__in=Subquery(
                through.objects.filter(technology_id__in=technology_ids).values("opportunity_id")
            )
        )
    return condition


def candidate_rows(
    seeker: Seeker,
    *,
    sector_ids: dict[str, int],
    technology_ids: dict[str, int],
    since: datetime | None = None,
) -> list[dict]:
    """The pre-selected candidates, at most ``sum(POOL_SIZES.values())`` rows in three queries;
    ``sector_ids``/``technology_ids`` map the codes in play to taxonomy ids."""

    def pk(codes, ids: dict[str, int]) -> set[int]:
        return {ids[code] for code in codes if code in ids}

    base = published().exclude(organisation_id=seeker.organisation_id)
    if since is not None:
        base = base.filter(published_at__gte=since)
    pools = {}
    if seeker.posts:
        kinds = set().union(*(COMPLEMENTS.get(post.kind, frozenset()) for post in seeker.posts))
        pools["complements"] = base.filter(kind__in=kinds).filter(
            _sharing(
                pk(set().union(*(p.sectors for p in seeker.posts)), sector_ids),
                pk(set().union(*(p.technologies for p in seeker.posts)), technology_ids),
            )
        )
    if seeker.technologies:
        pools["technologies"] = base.filter(
            _sharing(set(), pk(seeker.technologies, technology_ids))
        )
    if seeker.sectors:
        pools["sectors"] = base.filter(_sharing(pk(seeker.sectors, sector_ids), set()))
    rows: dict[int, dict] = {}
    for name, queryset in pools.items():
        newest = queryset.order_by("-published_at", "-id").values(*FIELDS)[: POOL_SIZES[name]]
        for row in newest:
            rows.setdefault(row["id"], row)
    return list(rows.values())


def rank_for(
    organisation: Organisation, *, limit: int = 20, since: datetime | None = None
) -> list[Recommendation]:
    seeker = seeker_for(organisation)
    sectors = set(seeker.sectors).union(*(p.sectors for p in seeker.posts))
    if not sectors and not set(seeker.technologies).union(*(p.technologies for p in seeker.posts)):
        return []
    sector_rows = list(
        ClusterCategory.objects.filter(code__in=sectors).values_list("id", "code", "name")
    )
    technology_rows = list(Technology.objects.values_list("id", "code", "name"))
    rows = candidate_rows(
        seeker,
        sector_ids={code: pk for pk, code, _ in sector_rows},
        technology_ids={code: pk for pk, code, _ in technology_rows},
        since=since,
    )
    # Readable names for every code a reason can name: sectors, technologies and the
    # cooperation interests that a partnership type serves.
    labels = {code: str(name) for code, name in CooperationInterest.choices}
    labels.update({code: name for _, code, name in [*sector_rows, *technology_rows]})
    return recommend(
        seeker,
        _candidates(rows),
        limit=limit,
        labels=labels,
        country_names=dict(countries),
    )


def for_organisation(
    organisation: Organisation, *, limit: int = 20
) -> list[tuple[Opportunity, tuple[str, ...]]]:
    """Opportunities with their reasons, best first; the ranking is cached per organisation."""
    key = f"marketplace:foryou:{marketplace_version()}:{organisation.pk}:{limit}"
    ranked = cache.get(key)
    if ranked is None:
        ranked = [(r.id, r.reasons) for r in rank_for(organisation, limit=limit)]
        cache.set(key, ranked, timeout=CACHE_SECONDS)
    objects = (
        Opportunity.objects.filter(pk__in=[pk for pk, _ in ranked])
        .select_related("organisation")
        .prefetch_related("sectors", "technologies")
        .in_bulk()
    )
    return [(objects[pk], reasons) for pk, reasons in ranked if pk in objects]
