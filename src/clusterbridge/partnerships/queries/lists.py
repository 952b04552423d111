"""Read-side querysets of the partnership pages (fixed numbers of queries)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from clusterbridge.organisations.queries import memberships
from clusterbridge.partnerships.models import (
    DocumentVersion,
    DocumentVisibility,
    ForumPost,
    ForumThread,
    MemberState,
    Partnership,
    PartnershipDocument,
    PartnershipMember,
    PartnershipStatus,
    SuccessStory,
)


def partnership_pages() -> QuerySet[Partnership]:
    return Partnership.objects.select_related("coordinator").prefetch_related(
        "sectors", "ecosystems"
    )


def members(partnership: Partnership, *, states=(MemberState.ACCEPTED,)) -> QuerySet:
    return (
        PartnershipMember.objects.filter(partnership=partnership, state__in=states)
        .select_related("organisation")
        .order_by("role", "organisation__name")
    )


def public_stories() -> QuerySet[SuccessStory]:
    """Every published partnership's success stories, newest first."""
    return (
        SuccessStory.objects.filter(partnership__status=PartnershipStatus.PUBLISHED)
        .select_related("partnership")
        .prefetch_related("organisations")
        .order_by("-happened_on", "-id")
    )


def stories_of(partnership: Partnership) -> QuerySet[SuccessStory]:
    return (
        SuccessStory.objects.filter(partnership=partnership)
        .prefetch_related("organisations")
        .order_by("-happened_on", "-id")
    )


def threads_of(partnership: Partnership) -> QuerySet[ForumThread]:
    return (
        ForumThread.objects.filter(partnership=partnership)
        .select_related("author")
        .order_by("-last_post_at", "-id")
    )


def posts_of(thread: ForumThread) -> QuerySet[ForumPost]:
    return (
        ForumPost.objects.filter(thread=thread)
        .select_related("author")
        .order_by("created_at", "id")
    )


def partnerships_of_organisation(organisation) -> QuerySet[PartnershipMember]:
    """The published partnerships an organisation has accepted a place in."""
    return (
        PartnershipMember.objects.filter(
            organisation=organisation,
            state=MemberState.ACCEPTED,
            partnership__status=PartnershipStatus.PUBLISHED,
        )
        .select_related("partnership")
        .order_by("partnership__name")
    )


def invitations_for(user) -> QuerySet[PartnershipMember]:
    """Open invitations to the organisations the user administers."""
    return (
        PartnershipMember.objects.filter(
            organisation_id__in=memberships.organisation_ids_of(user, role=memberships.Role.ADMIN),
            state=MemberState.INVITED,
        )
        .exclude(partnership__status=PartnershipStatus.WITHDRAWN)
        .select_related("partnership", "organisation")
    )


def partnerships_of_user(user) -> QuerySet[Partnership]:
    """Partnerships the user's organisations take part in (any status but withdrawn)."""
    ids = memberships.organisation_ids_of(user)
    return (
        Partnership.objects.filter(
            members__organisation_id__in=ids, members__state=MemberState.ACCEPTED
        )
        .exclude(status=PartnershipStatus.WITHDRAWN)
        .distinct()
        .order_by("name")
    )


def to_validate() -> QuerySet[Partnership]:
    return Partnership.objects.filter(status=PartnershipStatus.PROPOSED).select_related(
        "coordinator"
    )


def documents_of(
    partnership: Partnership, *, reserved: bool, category: str | None = None
) -> QuerySet[PartnershipDocument]:
    """The partnership's documents a reader sees: all of them for its people and staff
    (``reserved``), the public ones for anyone else; newest first."""
    found = PartnershipDocument.objects.filter(partnership=partnership)
    if not reserved:
        found = found.filter(visibility=DocumentVisibility.PUBLIC)
    if category:
        found = found.filter(category=category)
    return (
        found.select_related("uploaded_by")
        .prefetch_related(
            Prefetch("versions", queryset=DocumentVersion.objects.order_by("-replaced_at", "-id"))
        )
        .order_by("-dated_on", "-id")
    )


def versions_of(document: PartnershipDocument) -> QuerySet[DocumentVersion]:
    return DocumentVersion.objects.filter(document=document).select_related("replaced_by")
