"""Marketplace test data, created through the services (so references and search text are real)."""

from __future__ import annotations

from clusterbridge.marketplace.services.opportunities import create_opportunity
from clusterbridge.taxonomy.models import ClusterCategory, Technology
from tests.factories import MembershipFactory, OrganisationFactory


def poster(**org_kwargs):
    """A member (admin) of a fresh published organisation: (user, organisation)."""
    membership = MembershipFactory(organisation=OrganisationFactory(**org_kwargs))
    return membership.user, membership.organisation


def opportunity(
    *,
    user,
    organisation,
    kind="technology_offer",
    title="Laser welding know-how",
    sectors=("automotive",),
    technologies=("photonics",),
    publish=True,
    **extra,
):
    data = {
        "kind": kind,
        "title": title,
        "summary": f"Summary of {title}",
        "description": "",
        "keywords": [],
        "target_countries": [],
        "partnership_types": ["technical"],
        "sectors": list(ClusterCategory.objects.filter(code__in=sectors)),
        "technologies": list(Technology.objects.filter(code__in=technologies)),
        **extra,
    }
    return create_opportunity(actor=user, organisation=organisation, data=data, publish=publish)
