"""The life cycle of a partnership: propose → invite → accept → staff validate → published.

A coordinator organisation's administrator proposes it (the coordinator is its first,
accepted member), invites other published organisations, which accept or decline; staff
validate a proposal with at least two accepted members (publish) or send it back. Every change
is one function here, with an audit record and notifications.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from clusterbridge.common import audit
from clusterbridge.common.permissions import require
from clusterbridge.common.slugs import base_slug, save_with_unique_slug
from clusterbridge.common.text import fold
from clusterbridge.notifications.services.notify import notify
from clusterbridge.organisations.models import Organisation, ProfileStatus
from clusterbridge.organisations.queries import memberships
from clusterbridge.partnerships import validators
from clusterbridge.partnerships.models import (
    FacetCountry,
    MemberRole,
    MemberState,
    Partnership,
    PartnershipKind,
    PartnershipMember,
    PartnershipStatus,
)
from clusterbridge.partnerships.queries.search import bump_partnerships_version
from clusterbridge.taxonomy.models import ClusterCategory, IndustrialEcosystem

User = get_user_model()

# Which status a partnership may move to from each status.
TRANSITIONS = {
    PartnershipStatus.PROPOSED: {
        PartnershipStatus.PUBLISHED,
        PartnershipStatus.RETURNED,
        PartnershipStatus.WITHDRAWN,
    },
    PartnershipStatus.RETURNED: {PartnershipStatus.PROPOSED, PartnershipStatus.WITHDRAWN},
    PartnershipStatus.PUBLISHED: {PartnershipStatus.WITHDRAWN},
    PartnershipStatus.WITHDRAWN: set(),
}
# What an invited organisation's answer may change (a declined one may be invited again).
MEMBER_TRANSITIONS = {
    MemberState.INVITED: {MemberState.ACCEPTED, MemberState.DECLINED},
    MemberState.DECLINED: {MemberState.INVITED},
    MemberState.ACCEPTED: set(),
}
MIN_ACCEPTED_MEMBERS = 2
# Fixed pages under /partnerships/ that a slug must not hide.
RESERVED_SLUGS = {"propose", "stories", "validation"}


def _move(partnership: Partnership, status: str) -> None:
    if status not in TRANSITIONS[PartnershipStatus(partnership.status)]:
        raise ValidationError(
            _("A partnership that is “%(current)s” cannot become “%(new)s”.")
            % {
                "current": partnership.get_status_display(),
                "new": PartnershipStatus(status).label,
            },
            code="transition",
        )
    partnership.status = status


def _locked(partnership: Partnership) -> Partnership:
    return (
        Partnership.objects.select_for_update().select_related("coordinator").get(pk=partnership.pk)
    )


def _search_document(partnership: Partnership) -> str:
    parts = [
        partnership.name,
        partnership.acronym,
        partnership.programme,
        partnership.call,
        partnership.objectives,
        partnership.coordinator.name,
    ]
    return fold(" ".join(p for p in parts if p))


def _facet_countries(codes: Iterable[str]) -> list[FacetCountry]:
    codes = sorted(set(codes))
    found = {c.code: c for c in FacetCountry.objects.filter(code__in=codes)}
    names = dict(countries)
    missing = [
        FacetCountry(code=code, name=str(names.get(code, code)))
        for code in codes
        if code not in found
    ]
    if missing:
        FacetCountry.objects.bulk_create(missing, ignore_conflicts=True)
        found = {c.code: c for c in FacetCountry.objects.filter(code__in=codes)}
    return [found[code] for code in codes]


def refresh_countries(partnership: Partnership) -> None:
    """Keep the facet copies: target countries and the accepted members' countries."""
    partnership.target_country_set.set(
        _facet_countries(str(c.code) for c in partnership.target_countries)
    )
    member_codes = Organisation.objects.filter(
        pk__in=PartnershipMember.objects.filter(
            partnership=partnership, state=MemberState.ACCEPTED
        ).values("organisation_id")
    ).values_list("country", flat=True)
    partnership.member_country_set.set(_facet_countries(c for c in member_codes if c))


def _bump_if_public(partnership: Partnership) -> None:
    if partnership.status == PartnershipStatus.PUBLISHED:
        transaction.on_commit(bump_partnerships_version)


def _staff() -> list:
    return list(User.objects.filter(is_staff=True, is_active=True))


def _validate_fields(*, name, kind, starts_on, ends_on, budget_eur, target_countries, objectives):
    validators.validate_required_text(name, _("The name"))
    if len(name.strip()) > validators.NAME_LIMIT:
        raise ValidationError(
            _("The name is longer than %(limit)s characters.") % {"limit": validators.NAME_LIMIT},
            code="too_long",
        )
    if kind not in PartnershipKind.values:
        raise ValidationError(
            _("Unknown type of partnership “%(kind)s”.") % {"kind": kind}, code="kind"
        )
    validators.validate_period(starts_on, ends_on)
    validators.validate_budget(budget_eur)
    validators.validate_target_countries(list(target_countries))
    validators.validate_objectives(objectives)


@transaction.atomic
def propose(
    *,
    actor: User,
    coordinator: Organisation,
    name: str,
    kind: str,
    acronym: str = "",
    programme: str = "",
    call: str = "",
    starts_on: date | None = None,
    ends_on: date | None = None,
    budget_eur: Decimal | None = None,
    sectors: Iterable[ClusterCategory] = (),
    ecosystems: Iterable[IndustrialEcosystem] = (),
    target_countries: Iterable[str] = (),
    objectives: str = "",
    website: str = "",
    now: datetime | None = None,
    is_demo: bool = False,
) -> Partnership:
    require(
        actor,
        "partnerships.propose_partnership",
        coordinator,
        message=_("Only an administrator of the coordinating organisation proposes a partnership."),
    )
    if coordinator.status != ProfileStatus.PUBLISHED:
        raise ValidationError(
            _(
                "%(name)s is not published yet; only published organisations coordinate partnerships."
            )
            % {"name": coordinator.name},
            code="coordinator_unpublished",
        )
    target_countries = list(dict.fromkeys(target_countries))
    _validate_fields(
        name=name,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        budget_eur=budget_eur,
        target_countries=target_countries,
        objectives=objectives,
    )
    now = now or timezone.now()
    partnership = Partnership(
        name=name.strip(),
        acronym=acronym.strip(),
        kind=kind,
        programme=programme.strip(),
        call=call.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        budget_eur=budget_eur,
        coordinator=coordinator,
        target_countries=target_countries,
        objectives=objectives.strip(),
        website=website.strip(),
        proposed_by=actor,
        is_demo=is_demo,
    )
    partnership.search_document = _search_document(partnership)
    slug_text = partnership.acronym or partnership.name
    if base_slug(slug_text, fallback="partnership") in RESERVED_SLUGS:
        slug_text = f"{slug_text} partnership"
    save_with_unique_slug(partnership, slug_text, fallback="partnership")
    partnership.sectors.set(list(sectors))
    partnership.ecosystems.set(list(ecosystems))
    PartnershipMember.objects.create(
        partnership=partnership,
        organisation=coordinator,
        role=MemberRole.COORDINATOR,
        state=MemberState.ACCEPTED,
        invited_by=actor,
        invited_at=now,
        answered_at=now,
        answered_by=actor,
    )
    refresh_countries(partnership)
    audit.record(
        actor=actor,
        action="partnerships.proposed",
        obj=partnership,
        organisation=coordinator,
        changes={"kind": kind},
    )
    if not is_demo:
        notify(
            users=_staff(),
            kind="partnerships.to_validate",
            params={"partnership": partnership.name},
            url=partnership.get_absolute_url(),
        )
    return partnership


@transaction.atomic
def invite(
    *,
    partnership: Partnership,
    actor: User,
    organisation: Organisation,
    role: str = MemberRole.PARTNER,
    now: datetime | None = None,
) -> PartnershipMember:
    partnership = _locked(partnership)
    require(
        actor,
        "partnerships.manage_partnership",
        partnership,
        message=_("Only administrators of the coordinating organisation invite members."),
    )
    if partnership.status == PartnershipStatus.WITHDRAWN:
        raise ValidationError(
            _("This partnership is withdrawn; it takes no new members."), code="withdrawn"
        )
    if role not in (MemberRole.PARTNER, MemberRole.ASSOCIATED):
        raise ValidationError(
            _("Invite an organisation as a partner or an associated partner."), code="role"
        )
    if organisation.status != ProfileStatus.PUBLISHED:
        raise ValidationError(
            _("%(name)s is not published; only published organisations can be invited.")
            % {"name": organisation.name},
            code="organisation_unpublished",
        )
    now = now or timezone.now()
    member = (
        PartnershipMember.objects.select_for_update()
        .filter(partnership=partnership, organisation=organisation)
        .first()
    )
    if member is not None:
        if MemberState.INVITED not in MEMBER_TRANSITIONS[MemberState(member.state)]:
            raise ValidationError(
                _("%(name)s is already %(state)s in this partnership.")
                % {"name": organisation.name, "state": member.get_state_display().lower()},
                code="already_member",
            )
        member.state, member.role = MemberState.INVITED, role
        member.invited_by, member.invited_at = actor, now
        member.answered_at = member.answered_by = None
        member.save()
    else:
        try:
            with transaction.atomic():
                member = PartnershipMember.objects.create(
                    partnership=partnership,
                    organisation=organisation,
                    role=role,
                    invited_by=actor,
                    invited_at=now,
                )
        except IntegrityError as exc:
            raise ValidationError(
                _("%(name)s is already invited.") % {"name": organisation.name},
                code="already_member",
            ) from exc
    audit.record(
        actor=actor,
        action="partnerships.invited",
        obj=partnership,
        organisation=partnership.coordinator,
        changes={"organisation": organisation.pk, "role": role},
    )
    notify(
        users=list(memberships.admins_of(organisation)),
        kind="partnerships.invited",
        params={
            "organisation": organisation.name,
            "partnership": partnership.name,
            "coordinator": partnership.coordinator.name,
        },
        url=partnership.get_absolute_url(),
    )
    return member


@transaction.atomic
def answer_invitation(
    *, member: PartnershipMember, actor: User, accept: bool, now: datetime | None = None
) -> PartnershipMember:
    member = (
        PartnershipMember.objects.select_for_update()
        .select_related("partnership__coordinator", "organisation")
        .get(pk=member.pk)
    )
    require(
        actor,
        "partnerships.answer_invitation",
        member,
        message=_("Only an administrator of the invited organisation answers the invitation."),
    )
    partnership = member.partnership
    if partnership.status == PartnershipStatus.WITHDRAWN:
        raise ValidationError(_("This partnership is withdrawn."), code="withdrawn")
    state = MemberState.ACCEPTED if accept else MemberState.DECLINED
    if state not in MEMBER_TRANSITIONS[MemberState(member.state)]:
        raise ValidationError(
            _("This invitation is %(state)s; it cannot be answered again.")
            % {"state": member.get_state_display().lower()},
            code="transition",
        )
    member.state = state
    member.answered_at, member.answered_by = now or timezone.now(), actor
    member.save()
    if accept:
        refresh_countries(partnership)
        _bump_if_public(partnership)
    audit.record(
        actor=actor,
        action="partnerships.accepted" if accept else "partnerships.declined",
        obj=partnership,
        organisation=member.organisation,
    )
    notify(
        users=list(memberships.admins_of(partnership.coordinator)),
        kind="partnerships.answered",
        params={
            "organisation": member.organisation.name,
            "partnership": partnership.name,
            "answer": member.get_state_display(),
        },
        url=partnership.get_absolute_url(),
    )
    return member


@transaction.atomic
def validate(*, partnership: Partnership, actor: User, now: datetime | None = None) -> Partnership:
    partnership = _locked(partnership)
    require(
        actor,
        "partnerships.validate_partnership",
        partnership,
        message=_("Only platform staff validate partnerships."),
    )
    accepted = PartnershipMember.objects.filter(
        partnership=partnership, state=MemberState.ACCEPTED
    ).count()
    _move(partnership, PartnershipStatus.PUBLISHED)
    if accepted < MIN_ACCEPTED_MEMBERS:
        raise ValidationError(
            _(
                "A partnership needs at least %(n)s organisations that have accepted; it has %(count)s."
            )
            % {"n": MIN_ACCEPTED_MEMBERS, "count": accepted},
            code="too_few_members",
        )
    partnership.published_at = now or timezone.now()
    partnership.return_reason = ""
    partnership.save()
    audit.record(
        actor=actor,
        action="partnerships.published",
        obj=partnership,
        organisation=partnership.coordinator,
    )
    transaction.on_commit(bump_partnerships_version)
    notify(
        users=list(memberships.admins_of(partnership.coordinator)),
        kind="partnerships.published",
        params={"partnership": partnership.name},
        url=partnership.get_absolute_url(),
    )
    return partnership


@transaction.atomic
def send_back(*, partnership: Partnership, actor: User, reason: str) -> Partnership:
    partnership = _locked(partnership)
    require(
        actor,
        "partnerships.validate_partnership",
        partnership,
        message=_("Only platform staff validate partnerships."),
    )
    validators.validate_required_text(reason, _("The reason"))
    validators.validate_objectives(reason)
    _move(partnership, PartnershipStatus.RETURNED)
    partnership.return_reason = reason.strip()
    partnership.save()
    audit.record(
        actor=actor,
        action="partnerships.returned",
        obj=partnership,
        organisation=partnership.coordinator,
    )
    notify(
        users=list(memberships.admins_of(partnership.coordinator)),
        kind="partnerships.returned",
        params={"partnership": partnership.name, "reason": partnership.return_reason},
        url=partnership.get_absolute_url(),
    )
    return partnership


@transaction.atomic
def resubmit(*, partnership: Partnership, actor: User) -> Partnership:
    partnership = _locked(partnership)
    require(
        actor,
        "partnerships.manage_partnership",
        partnership,
        message=_("Only administrators of the coordinating organisation submit the partnership."),
    )
    _move(partnership, PartnershipStatus.PROPOSED)
    partnership.save()
    audit.record(
        actor=actor,
        action="partnerships.resubmitted",
        obj=partnership,
        organisation=partnership.coordinator,
    )
    notify(
        users=_staff(),
        kind="partnerships.to_validate",
        params={"partnership": partnership.name},
        url=partnership.get_absolute_url(),
    )
    return partnership


@transaction.atomic
def withdraw(*, partnership: Partnership, actor: User) -> Partnership:
    partnership = _locked(partnership)
    require(
        actor,
        "partnerships.manage_partnership",
        partnership,
        message=_("Only administrators of the coordinating organisation withdraw the partnership."),
    )
    was_public = partnership.status == PartnershipStatus.PUBLISHED
    _move(partnership, PartnershipStatus.WITHDRAWN)
    partnership.save()
    audit.record(
        actor=actor,
        action="partnerships.withdrawn",
        obj=partnership,
        organisation=partnership.coordinator,
    )
    if was_public:
        transaction.on_commit(bump_partnerships_version)
    return partnership
