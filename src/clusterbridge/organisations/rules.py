"""Object permissions for organisations, declared once (django-rules)."""

import rules

from clusterbridge.organisations.models import ProfileStatus
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
