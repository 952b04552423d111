"""Object permissions for organisations, declared once (django-rules)."""

import rules

from clusterbridge.organisations.models import LinkStatus, ProfileStatus
from clusterbridge.organisations.queries import memberships


@rules.predicate
def is_org_member(user, organisation) -> bool:
    return memberships.is_member(user, organisation)


@rules.predicate
def is_org_admin(user, organisation) -> bool:
    return memberships.is_admin(user, organisation)


@rules.predicate
def is_published(user, organisation) -> bool:
    return organisation is not None and organisation.status == ProfileStatus.PUBLISHED


is_staff = rules.is_staff

rules.add_perm("organisations.view_organisation", is_published | is_org_member | is_staff)
rules.add_perm("organisations.change_organisation", is_org_admin | is_staff)
rules.add_perm("organisations.submit_organisation", is_org_admin)
rules.add_perm("organisations.manage_members", is_org_admin)
rules.add_perm("organisations.moderate_organisation", is_staff)
rules.add_perm("organisations.view_history", is_staff | is_org_admin)
rules.add_perm("organisations.contact_organisation", rules.is_authenticated & is_published)


# Links between a cluster organisation and its member organisations (models/links.py).
# Administrators of a side act for it; staff see every link and may end one (moderation).


@rules.predicate
def is_link_cluster_admin(user, link) -> bool:
    return link is not None and memberships.is_admin(user, link.cluster_id)


@rules.predicate
def is_link_member_admin(user, link) -> bool:
    return link is not None and memberships.is_admin(user, link.member_id)


@rules.predicate
def is_public_link(user, link) -> bool:
    return (
        link is not None
        and link.status == LinkStatus.CONFIRMED
        and link.cluster.status == ProfileStatus.PUBLISHED
        and link.member.status == ProfileStatus.PUBLISHED
    )


@rules.predicate
def is_deciding_admin(user, link) -> bool:
    """An administrator of the side that did not propose the link."""
    return link is not None and memberships.is_admin(
        user, link.organisation_id_of(link.deciding_side)
    )


@rules.predicate
def is_proposed(user, link) -> bool:
    return link is not None and link.status == LinkStatus.PROPOSED


# For an organisation: its administrators propose links for it (as cluster or as member).
rules.add_perm("organisations.manage_member_links", is_org_admin)
rules.add_perm(
    "organisations.view_member_link",
    is_public_link | is_link_cluster_admin | is_link_member_admin | is_staff,
)
rules.add_perm("organisations.decide_member_link", is_proposed & is_deciding_admin)
rules.add_perm(
    "organisations.end_member_link", is_link_cluster_admin | is_link_member_admin | is_staff
)
