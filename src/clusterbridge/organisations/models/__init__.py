from clusterbridge.organisations.models.history import ProfileChange
from clusterbridge.organisations.models.links import LinkSide, LinkStatus, MemberLink
from clusterbridge.organisations.models.membership import Invitation, Membership
from clusterbridge.organisations.models.organisation import (
    ContactMessage,
    ContactPerson,
    CooperationInterest,
    LabelLevel,
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
    "LabelLevel",
    "LinkSide",
    "LinkStatus",
    "MemberLink",
    "Membership",
    "Organisation",
    "OrganisationKind",
    "ProfileChange",
    "ProfileStatus",
    "SizeBand",
]
