"""Partnerships built through the services, as people would build them."""

from __future__ import annotations

from clusterbridge.organisations.models import Membership
from clusterbridge.partnerships.models import MemberState, PartnershipMember
from clusterbridge.partnerships.services import partnerships as services
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory, UserFactory


def admin_of(organisation, **kwargs):
    return MembershipFactory(organisation=organisation, **kwargs).user


def member_of(organisation, **kwargs):
    return MembershipFactory(organisation=organisation, role=Membership.Role.MEMBER, **kwargs).user


def proposed(*, coordinator=None, actor=None, **fields):
    coordinator = coordinator or OrganisationFactory()
    actor = actor or admin_of(coordinator)
    fields.setdefault("name", "Green Hydrogen Alliance")
    fields.setdefault("kind", "going_international")
    return services.propose(actor=actor, coordinator=coordinator, **fields)


def with_partner(partnership, *, organisation=None, accept=True, role="partner"):
    """Invite an organisation (a new one by default) and answer for it; returns the member."""
    organisation = organisation or OrganisationFactory(country="FR")
    inviter = (
        Membership.objects.filter(organisation=partnership.coordinator, role="admin").first().user
    )
    member = services.invite(
        partnership=partnership, actor=inviter, organisation=organisation, role=role
    )
    if accept is not None:
        answerer = Membership.objects.filter(organisation=organisation, role="admin").first()
        user = answerer.user if answerer else admin_of(organisation)
        member = services.answer_invitation(member=member, actor=user, accept=accept)
    return member


def published(**fields):
    partnership = proposed(**fields)
    with_partner(partnership)
    staff = StaffFactory()
    return services.validate(partnership=partnership, actor=staff)


def accepted_people(partnership):
    ids = PartnershipMember.objects.filter(
        partnership=partnership, state=MemberState.ACCEPTED
    ).values_list("organisation_id", flat=True)
    return list(Membership.objects.filter(organisation_id__in=ids).select_related("user"))


__all__ = ["UserFactory", "admin_of", "member_of", "proposed", "published", "with_partner"]
