from clusterbridge.partnerships.models.choices import (
    MemberRole,
    MemberState,
    PartnershipKind,
    PartnershipStatus,
    ResultType,
)
from clusterbridge.partnerships.models.forum import ForumPost, ForumThread, ThreadSubscription
from clusterbridge.partnerships.models.partnership import (
    FacetCountry,
    Partnership,
    PartnershipMember,
)
from clusterbridge.partnerships.models.showcase import SuccessStory

__all__ = [
    "FacetCountry",
    "ForumPost",
    "ForumThread",
    "MemberRole",
    "MemberState",
    "Partnership",
    "PartnershipKind",
    "PartnershipMember",
    "PartnershipStatus",
    "ResultType",
    "SuccessStory",
    "ThreadSubscription",
]
