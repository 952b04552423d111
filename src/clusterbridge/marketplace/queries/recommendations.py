"""'For you': feed the plain ranking module with candidates read in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.core.cache import cache
from django.db.models import Q, Subquery
from django_countries import countries

from clusterbridge.marketplace.models import Opportunity, OpportunityStatus
from clusterbridge.marketplace.queries.search import marketplace_version, published
from clusterbridge.matching.opportunities import Opportunity as Candidate
from clusterbridge.matching.opportunities import Recommendation, Seeker, recommend
from clusterbridge.organisations.models import Organisation
from clusterbridge.taxonomy.models import ClusterCategory, Technology

# Only the newest candidates sharing a topic are ranked: enough for a page of suggestions,
# and it keeps the time flat at 100,000 opportunities.
MAX_CANDIDATES = 1500
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


def rank_for(
    organisation: Organisation, *, limit: int = 20, since: datetime | None = None
) -> list[Recommendation]:
    seeker = seeker_for(organisation)
    sectors = set(seeker.sectors).union(*(p.sectors for p in seeker.posts))
    technologies = set(seeker.technologies).union(*(p.technologies for p in seeker.posts))
    if not sectors and not technologies:
        return []
    s_through = Opportunity.sectors.through
    t_through = Opportunity.technologies.through
    candidates = (
        published()
        .exclude(organisation=organisation)
        .filter(
            Q(
                id__in=Subquery(
                    s_through.objects.filter(clustercategory__code__in=sectors).values(
                        "opportunity_id"
                    )
                )
            )
            | Q(
                id__in=Subquery(
                    t_through.objects.filter(technology__code__in=technologies).values(
                        "opportunity_id"
                    )
                )
            )
        )
    )
    if since is not None:
        candidates = candidates.filter(published_at__gte=since)
    rows = list(candidates.order_by("-published_at", "-id").values(*FIELDS)[:MAX_CANDIDATES])
    labels = {
        **dict(ClusterCategory.objects.filter(code__in=sectors).values_list("code", "name")),
        **dict(Technology.objects.values_list("code", "name")),
    }
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
