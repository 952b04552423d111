"""Read side of the links between cluster organisations and their member organisations."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from clusterbridge.common.text import search_terms
from clusterbridge.organisations.models import (
    LinkSide,
    LinkStatus,
    MemberLink,
    Membership,
    Organisation,
    ProfileStatus,
)
from clusterbridge.organisations.models.organisation import KINDS_WITH_MEMBERS

CANDIDATE_LIMIT = 20


def public_links() -> QuerySet[MemberLink]:
    """Confirmed links between two published organisations: the only ones anyone may see."""
    return MemberLink.objects.filter(
        status=LinkStatus.CONFIRMED,
        cluster__status=ProfileStatus.PUBLISHED,
        member__status=ProfileStatus.PUBLISHED,
    )


def confirmed_members(cluster: Organisation | int) -> QuerySet[Organisation]:
    """The cluster's published member organisations with a confirmed link, by name."""
    cluster_id = getattr(cluster, "pk", cluster)
    return Organisation.objects.filter(
        status=ProfileStatus.PUBLISHED,
        pk__in=public_links().filter(cluster_id=cluster_id).values("member_id"),
    ).order_by("name", "id")


def member_rows(cluster: Organisation | int) -> QuerySet[MemberLink]:
    """The public links of a cluster with their members (pages and exports), by member name."""
    cluster_id = getattr(cluster, "pk", cluster)
    return (
        public_links()
        .filter(cluster_id=cluster_id)
        .select_related("member", "member__nuts_region")
        .order_by("member__name", "member_id")
    )


def clusters_of(member: Organisation | int) -> QuerySet[Organisation]:
    """The published clusters the organisation is a confirmed member of, by name."""
    member_id = getattr(member, "pk", member)
    return Organisation.objects.filter(
        status=ProfileStatus.PUBLISHED,
        pk__in=public_links().filter(member_id=member_id).values("cluster_id"),
    ).order_by("name", "id")


def published_cluster(slug: str) -> Organisation | None:
    """A published organisation that has members (for the directory's ``member_of``)."""
    return Organisation.objects.filter(
        slug=slug, status=ProfileStatus.PUBLISHED, kind__in=KINDS_WITH_MEMBERS
    ).first()


def member_of_q(slug: str) -> Q:
    """Directory rows that are confirmed members of the published cluster ``slug``."""
    return Q(
        pk__in=public_links()
        .filter(cluster__slug=slug, cluster__kind__in=KINDS_WITH_MEMBERS)
        .values("member_id")
    )


def links_of(organisation: Organisation | int) -> QuerySet[MemberLink]:
    """Every link of the organisation on either side (its administrators' page, the API)."""
    pk = getattr(organisation, "pk", organisation)
    return (
        MemberLink.objects.filter(Q(cluster_id=pk) | Q(member_id=pk))
        .select_related("cluster", "member", "proposed_by", "decided_by")
        .order_by("-updated_at", "-id")
    )


def links_of_any(organisation_ids: list[int]) -> QuerySet[MemberLink]:
    return (
        MemberLink.objects.filter(
            Q(cluster_id__in=organisation_ids) | Q(member_id__in=organisation_ids)
        )
        .select_related("cluster", "member")
        .order_by("-updated_at", "-id")
    )


def awaiting_decision_of(organisation: Organisation | int) -> QuerySet[MemberLink]:
    """Proposals the organisation's administrators are to confirm or decline."""
    pk = getattr(organisation, "pk", organisation)
    return links_of(pk).filter(
        Q(cluster_id=pk, proposed_by_side=LinkSide.MEMBER)
        | Q(member_id=pk, proposed_by_side=LinkSide.CLUSTER),
        status=LinkStatus.PROPOSED,
    )


def candidates(*, organisation: Organisation, text: str, as_cluster: bool) -> list[Organisation]:
    """Published organisations whose name contains ``text``, to add as members
    (``as_cluster``) or to ask to be listed by (clusters only); those already linked (or
    proposed) are left out."""
    terms = search_terms(text)
    if not terms:
        return []
    queryset = Organisation.objects.filter(status=ProfileStatus.PUBLISHED).exclude(
        pk=organisation.pk
    )
    for term in terms:
        queryset = queryset.filter(search_name__contains=term)
    if as_cluster:
        taken = MemberLink.objects.filter(
            cluster=organisation, status__in=[LinkStatus.PROPOSED, LinkStatus.CONFIRMED]
        ).values("member_id")
    else:
        queryset = queryset.filter(kind__in=KINDS_WITH_MEMBERS)
        taken = MemberLink.objects.filter(
            member=organisation, status__in=[LinkStatus.PROPOSED, LinkStatus.CONFIRMED]
        ).values("cluster_id")
    return list(queryset.exclude(pk__in=taken).order_by("name", "id")[:CANDIDATE_LIMIT])


def awaiting_decision_of_user(user) -> QuerySet[MemberLink]:
    """Proposals that the user, as an administrator of the deciding side, may confirm (one
    query, for "My account")."""
    if user is None or not user.is_authenticated:
        return MemberLink.objects.none()
    administered = Membership.objects.filter(user=user, role=Membership.Role.ADMIN).values(
        "organisation_id"
    )
    return (
        MemberLink.objects.filter(status=LinkStatus.PROPOSED)
        .filter(
            Q(proposed_by_side=LinkSide.MEMBER, cluster_id__in=administered)
            | Q(proposed_by_side=LinkSide.CLUSTER, member_id__in=administered)
        )
        .select_related("cluster", "member")
        .order_by("-proposed_at", "-id")
    )
