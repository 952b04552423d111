"""Links between a cluster organisation and its member organisations: propose, confirm,
decline, end (``docs/member-links.md``).

Either side proposes (a cluster's administrator adds a member; a member's administrator asks
to be listed); the other side's administrator confirms or declines; either side's
administrator (or staff) ends a link. Every change is audited and the other side's
administrators are told.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterbridge.common import audit
from clusterbridge.common.permissions import require
from clusterbridge.notifications.services.notify import notify
from clusterbridge.organisations.models import (
    LinkSide,
    LinkStatus,
    MemberLink,
    Organisation,
    ProfileStatus,
)
from clusterbridge.organisations.models.organisation import KINDS_WITH_MEMBERS
from clusterbridge.organisations.queries import memberships
from clusterbridge.organisations.queries.directory import bump_directory_version

User = get_user_model()

# The moves people make; "propose" again after a decline or an end reuses the link's row.
TRANSITIONS = {
    LinkStatus.PROPOSED: {LinkStatus.CONFIRMED, LinkStatus.DECLINED, LinkStatus.ENDED},
    LinkStatus.CONFIRMED: {LinkStatus.ENDED},
    LinkStatus.DECLINED: {LinkStatus.PROPOSED},
    LinkStatus.ENDED: {LinkStatus.PROPOSED},
}
# After a decline, the side that was declined may ask again only after this many days (the
# side that declined may propose at any time): no one is pestered with the same request.
ASK_AGAIN_AFTER_DAYS = 30


def _check_move(link: MemberLink, new: str) -> None:
    if new not in TRANSITIONS[LinkStatus(link.status)]:
        raise ValidationError(
            _("A link that is “{current}” cannot become “{new}”.").format(
                current=link.get_status_display(), new=LinkStatus(new).label
            ),
            code="transition",
        )


def _params(link: MemberLink, actor: User) -> dict:
    return {"cluster": link.cluster.name, "member": link.member.name, "actor": str(actor)}


def _admins(organisation_id: int, *, but: User | None = None) -> list:
    people = memberships.admins_of(organisation_id)
    if but is not None:
        people = people.exclude(pk=but.pk)
    return list(people)


def _links_url(organisation: Organisation) -> str:
    return reverse("organisations:links", kwargs={"slug": organisation.slug})


def _record(link: MemberLink, actor: User, action: str, changes: dict) -> None:
    # One entry per side, so that each organisation's activity shows the change.
    for organisation in (link.cluster, link.member):
        audit.record(
            actor=actor,
            action=action,
            obj=link,
            organisation=organisation,
            changes={"cluster": link.cluster.slug, "member": link.member.slug, **changes},
        )


def _public_change(link: MemberLink) -> None:
    """The directory's "members of" filter and map read confirmed links: its cache is stale."""
    transaction.on_commit(bump_directory_version)


def _acting_side(actor: User, cluster: Organisation, member: Organisation) -> str:
    """Which side the actor proposes for: the cluster's administrators add members; a
    member's administrators ask to be listed (administrators of both act as the cluster)."""
    if actor is not None and actor.has_perm("organisations.manage_member_links", cluster):
        return LinkSide.CLUSTER
    if actor is not None and actor.has_perm("organisations.manage_member_links", member):
        return LinkSide.MEMBER
    raise PermissionDenied(
        _(
            "Only an administrator of the cluster or of the member organisation proposes a link "
            "between them."
        )
    )


def _validate_pair(cluster: Organisation, member: Organisation) -> None:
    if cluster.pk == member.pk:
        raise ValidationError(_("An organisation cannot be a member of itself."), code="itself")
    if cluster.kind not in KINDS_WITH_MEMBERS:
        raise ValidationError(
            _(
                "{cluster} is a {kind}: only cluster organisations, national cluster "
                "associations and networks of clusters list member organisations."
            ).format(cluster=cluster.name, kind=cluster.get_kind_display().lower()),
            code="no_members",
        )
    for organisation in (cluster, member):
        if organisation.status != ProfileStatus.PUBLISHED:
            raise ValidationError(
                _(
                    "The profile of {organisation} is not published yet; links are made between "
                    "published profiles."
                ).format(organisation=organisation.name),
                code="not_published",
            )


@transaction.atomic
def propose_link(
    *,
    cluster: Organisation,
    member: Organisation,
    actor: User,
    now: datetime | None = None,
) -> MemberLink:
    """The actor's side proposes; if the other side had already proposed the same link, this
    confirms it. An administrator of both sides confirms at once (no one else to ask)."""
    side = _acting_side(actor, cluster, member)
    _validate_pair(cluster, member)
    now = now or timezone.now()
    link = MemberLink.objects.select_for_update().filter(cluster=cluster, member=member).first()
    if link is not None:
        if link.status == LinkStatus.CONFIRMED:
            raise ValidationError(
                _("{member} is already listed as a member of {cluster}.").format(
                    member=member.name, cluster=cluster.name
                ),
                code="duplicate",
            )
        if link.status == LinkStatus.PROPOSED:
            if link.proposed_by_side == side:
                raise ValidationError(
                    _("This link is already proposed; it waits for the other side to confirm it."),
                    code="duplicate",
                )
            return _confirm(link, actor, now)
        if (
            link.status == LinkStatus.DECLINED
            and link.proposed_by_side == side
            and link.decided_at is not None
            and now - link.decided_at < timedelta(days=ASK_AGAIN_AFTER_DAYS)
        ):
            raise ValidationError(
                _(
                    "This link was declined on {date}; you may ask again {days} days after a "
                    "decline."
                ).format(date=link.decided_at.date().isoformat(), days=ASK_AGAIN_AFTER_DAYS),
                code="declined_recently",
            )
        _check_move(link, LinkStatus.PROPOSED)
    else:
        link = MemberLink(cluster=cluster, member=member)
    link.status = LinkStatus.PROPOSED
    link.proposed_by_side = side
    link.proposed_by = actor
    link.proposed_at = now
    link.decided_by = link.decided_at = link.confirmed_at = None
    link.ended_by, link.ended_by_side, link.ended_at = None, "", None
    try:
        with transaction.atomic():
            link.save()
    except IntegrityError as exc:  # a simultaneous second proposal
        raise ValidationError(
            _("This link is already proposed; it waits for the other side to confirm it."),
            code="duplicate",
        ) from exc
    _record(link, actor, "organisations.link_proposed", {"side": side})
    other = link.organisation_of(link.deciding_side)
    if memberships.is_admin(actor, other):
        # The actor runs both organisations: nobody else to ask.
        return _confirm(link, actor, now)
    notify(
        users=_admins(other.pk),
        kind=f"organisations.link_proposed_by_{side}",
        params=_params(link, actor),
        url=_links_url(other),
    )
    return link


def _confirm(link: MemberLink, actor: User, now: datetime) -> MemberLink:
    _check_move(link, LinkStatus.CONFIRMED)
    link.status = LinkStatus.CONFIRMED
    link.decided_by, link.decided_at, link.confirmed_at = actor, now, now
    link.save()
    _record(link, actor, "organisations.link_confirmed", {})
    proposer = link.organisation_of(link.proposed_by_side)
    notify(
        users=_admins(proposer.pk, but=actor),
        kind="organisations.link_confirmed",
        params=_params(link, actor),
        url=link.cluster.get_absolute_url(),
    )
    _public_change(link)
    return link


def _locked(link: MemberLink) -> MemberLink:
    return (
        MemberLink.objects.select_for_update().select_related("cluster", "member").get(pk=link.pk)
    )


@transaction.atomic
def confirm_link(*, link: MemberLink, actor: User, now: datetime | None = None) -> MemberLink:
    link = _locked(link)
    require(
        actor,
        "organisations.decide_member_link",
        link,
        message=_("Only an administrator of the other organisation confirms this link."),
    )
    return _confirm(link, actor, now or timezone.now())


@transaction.atomic
def decline_link(*, link: MemberLink, actor: User, now: datetime | None = None) -> MemberLink:
    link = _locked(link)
    require(
        actor,
        "organisations.decide_member_link",
        link,
        message=_("Only an administrator of the other organisation declines this link."),
    )
    _check_move(link, LinkStatus.DECLINED)
    now = now or timezone.now()
    link.status = LinkStatus.DECLINED
    link.decided_by, link.decided_at = actor, now
    link.save()
    _record(link, actor, "organisations.link_declined", {})
    proposer = link.organisation_of(link.proposed_by_side)
    notify(
        users=_admins(proposer.pk),
        kind="organisations.link_declined",
        params=_params(link, actor),
        url=_links_url(proposer),
    )
    return link


@transaction.atomic
def end_link(*, link: MemberLink, actor: User, now: datetime | None = None) -> MemberLink:
    """End a confirmed link, or withdraw a proposal (either side's administrators, staff)."""
    link = _locked(link)
    require(
        actor,
        "organisations.end_member_link",
        link,
        message=_("Only an administrator of the cluster or of the member ends this link."),
    )
    _check_move(link, LinkStatus.ENDED)
    was_public = link.status == LinkStatus.CONFIRMED
    if memberships.is_admin(actor, link.cluster_id):
        side = LinkSide.CLUSTER
    elif memberships.is_admin(actor, link.member_id):
        side = LinkSide.MEMBER
    else:
        side = ""  # staff
    link.status = LinkStatus.ENDED
    link.ended_by, link.ended_by_side, link.ended_at = actor, side, now or timezone.now()
    link.save()
    _record(
        link,
        actor,
        "organisations.link_ended",
        {"side": side, "was": "confirmed" if was_public else "proposed"},
    )
    # The other side is told (both sides when staff end it).
    told = [s for s in (LinkSide.CLUSTER, LinkSide.MEMBER) if s != side]
    people = [p for s in told for p in _admins(link.organisation_id_of(s), but=actor)]
    notify(
        users=people,
        kind="organisations.link_ended",
        params=_params(link, actor),
        url=link.cluster.get_absolute_url(),
    )
    if was_public:
        _public_change(link)
    return link
