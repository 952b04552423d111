"""Fixtures of the partnerships tests."""

import pytest

from clusterbridge.organisations.models import Membership
from tests.factories import UserFactory
from tests.partnerships.factories import member_of, published


@pytest.fixture
def world():
    """A published partnership of two organisations, each with an admin and a member, plus
    an outsider."""
    partnership = published(name="Hydrogen Library")
    coordinator_admin = Membership.objects.get(organisation=partnership.coordinator).user
    partner = partnership.members.exclude(organisation=partnership.coordinator).get()
    partner_admin = Membership.objects.get(organisation=partner.organisation).user
    partner_member = member_of(partner.organisation, user=UserFactory(name="Paula Partner"))
    return {
        "partnership": partnership,
        "coordinator_admin": coordinator_admin,
        "partner_admin": partner_admin,
        "partner_member": partner_member,
        "outsider": UserFactory(),
    }
