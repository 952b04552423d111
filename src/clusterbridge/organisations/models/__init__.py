from clusterbridge.organisations.models.history import ProfileChange
from clusterbridge.organisations.models.membership import Invitation, Membership
from clusterbridge.organisations.models.organisation import (
    ContactMessage,
    ContactPerson,
    CooperationInterest,
    Organisation,
    OrganisationKind,
    ProfileStatus,
    SizeBand,
)

__all__ = [
    "ContactMessage",
    "ContactPerson",
    "CooperationInterest",
    "Invitation",
    "Membership",
    "Organisation",
    "OrganisationKind",
    "ProfileChange",
    "ProfileStatus",
    "SizeBand",
]
