from clusterbridge.partnerships.models.choices import (
    DocumentCategory,
    DocumentVisibility,
    MemberRole,
    MemberState,
    PartnershipKind,
    PartnershipStatus,
    ResultType,
)
from clusterbridge.partnerships.models.documents import DocumentVersion, PartnershipDocument
from clusterbridge.partnerships.models.forum import ForumPost, ForumThread, ThreadSubscription
from clusterbridge.partnerships.models.partnership import (
    FacetCountry,
    Partnership,
    PartnershipMember,
)
from clusterbridge.partnerships.models.showcase import SuccessStory

__all__ = [
    "DocumentCategory",
    "DocumentVersion",
    "DocumentVisibility",
    "FacetCountry",
    "ForumPost",
    "ForumThread",
    "MemberRole",
    "MemberState",
    "Partnership",
    "PartnershipDocument",
    "PartnershipKind",
    "PartnershipMember",
    "PartnershipStatus",
    "ResultType",
    "SuccessStory",
    "ThreadSubscription",
]
