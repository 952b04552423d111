"""Candidates for 'similar organisations', ranked by the plain-Python matching package."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Subquery
from django_countries import countries

from clusterbridge.matching import Profile, Suggestion, similar_profiles
from clusterbridge.organisations.models import Organisation
from clusterbridge.organisations.queries.directory import published
from clusterbridge.taxonomy.models import ClusterCategory, IndustrialEcosystem, Technology

MAX_CANDIDATES = 150


def _relation_codes(ids, relation: str, column: str) -> dict[int, set[str]]:
    through = getattr(Organisation, relation).through
    result: dict[int, set[str]] = defaultdict(set)
    for org_id, code in through.objects.filter(organisation_id__in=ids).values_list(
        "organisation_id", f"{column}__code"
    ):
        result[org_id].add(code)
    return result


def similar_organisations(
    organisation: Organisation, limit: int = 6
) -> list[tuple[Organisation, Suggestion]]:
    sector_codes = set(organisation.sectors.values_list("code", flat=True))
    technology_codes = set(organisation.technologies.values_list("code", flat=True))
    if not sector_codes and not technology_codes:
        return []
    # Pre-select in SQL the candidates sharing the most sectors / technologies, so the ranking
    # below looks at a few hundred profiles, not every organisation of a popular sector.
    candidate_ids: list[int] = []
    for relation, column, codes in (
        ("sectors", "clustercategory", sector_codes),
        ("technologies", "technology", technology_codes),
    ):
        if not codes:
            continue
        through = getattr(Organisation, relation).through
        rows = (
            through.objects.filter(
                **{f"{column}__code__in": codes},
                organisation_id__in=Subquery(published().exclude(pk=organisation.pk).values("id")),
            )
            .values("organisation_id")
            .annotate(shared=Count("id"))
            .order_by("-shared", "organisation_id")[:MAX_CANDIDATES]
        )
        candidate_ids += [
            row["organisation_id"] for row in rows if row["organisation_id"] not in candidate_ids
        ]
    ids = [organisation.pk, *candidate_ids]
    sectors = _relation_codes(ids, "sectors", "clustercategory")
    technologies = _relation_codes(ids, "technologies", "technology")
    ecosystems = _relation_codes(ids, "ecosystems", "industrialecosystem")
    country_of = dict(Organisation.objects.filter(id__in=ids).values_list("id", "country"))

    def profile(org_id: int) -> Profile:
        return Profile(
            id=org_id,
            country=country_of[org_id],
            sectors=frozenset(sectors[org_id]),
            technologies=frozenset(technologies[org_id]),
            ecosystems=frozenset(ecosystems[org_id]),
        )

    labels = {
        **dict(ClusterCategory.objects.values_list("code", "name")),
        **dict(Technology.objects.values_list("code", "name")),
        **dict(IndustrialEcosystem.objects.values_list("code", "name")),
    }
    suggestions = similar_profiles(
        profile(organisation.pk),
        (profile(i) for i in candidate_ids),
        limit=limit,
        labels=labels,
        country_names=dict(countries),
    )
    by_id = Organisation.objects.in_bulk([s.id for s in suggestions])
    return [(by_id[s.id], s) for s in suggestions]
