"""Who belongs to an organisation, with which role; invitations by e-mail."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterbridge.common import audit
from clusterbridge.common.mail import queue_mail
from clusterbridge.common.permissions import require
from clusterbridge.notifications.services.notify import notify
from clusterbridge.organisations.models import Invitation, Membership, Organisation, ProfileChange
from clusterbridge.organisations.queries import memberships
from clusterbridge.organisations.signals import membership_removed

User = get_user_model()
INVITATION_VALID_DAYS = 14


def _require_admin(actor: User, organisation: Organisation) -> None:
    require(
        actor,
        "organisations.manage_members",
        organisation,
        message=_("Only an administrator of the organisation manages its members."),
    )


def _person(user: User) -> str:
    """How history names a person: never the e-mail address (it is personal data)."""
    return user.name or f"user #{user.pk}"  # stored in the history: not translated


def _record(organisation: Organisation, actor: User, change: dict) -> None:
    ProfileChange.objects.create(
        organisation=organisation, actor=actor, action=ProfileChange.Action.MEMBERS, changes=change
    )
    audit.record(
        actor=actor,
        action="organisations.members_changed",
        obj=organisation,
        organisation=organisation,
        changes=change,
    )


@transaction.atomic
def invite_member(*, organisation: Organisation, actor: User, email: str, role: str) -> Invitation:
    _require_admin(actor, organisation)
    email = email.strip().lower()
    if role not in Membership.Role.values:
        raise ValidationError(_("Unknown role “{role}”.").format(role=role), code="role")
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError(
            _("{email} is already a member of {organisation}.").format(
                email=email, organisation=organisation.name
            ),
            code="member",
        )
    now = timezone.now()
    # A new invitation to the same address replaces the open one, so only one link works.
    Invitation.objects.filter(
        organisation=organisation, email__iexact=email, accepted_at=None, revoked_at=None
    ).update(revoked_at=now)
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        token=secrets.token_urlsafe(32),
        invited_by=actor,
        expires_at=now + timedelta(days=INVITATION_VALID_DAYS),
    )
    existing = User.objects.filter(email__iexact=email, is_active=True).first()
    queue_mail(
        to=[email],
        language=existing.language if existing else "",
        subject=lambda: _("{actor} invites you to {organisation}").format(
            actor=actor, organisation=organisation.name
        ),
        template="organisations/email/invitation.txt",
        context={"invitation": invitation, "organisation": organisation, "actor": actor},
    )
    if existing is not None:
        # The in-app twin of the e-mail, for people who already have an account.
        notify(
            users=[existing],
            kind="organisations.invited",
            params={"actor": str(actor), "organisation": organisation.name, "role": role},
            url=reverse("accounts:dashboard"),
            email=False,
        )
    return invitation


def open_invitation(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("organisation")
        .filter(token=token, accepted_at=None, revoked_at=None, expires_at__gt=timezone.now())
        .first()
    )


@transaction.atomic
def accept_invitation(*, token: str, user: User) -> Membership:
    invitation = open_invitation(token)
    if invitation is None:
        raise ValidationError(_("This invitation is no longer valid."), code="invitation_invalid")
    if invitation.email.lower() != user.email.lower():
        raise ValidationError(
            _("This invitation was sent to {email}; log in with that address to accept it.").format(
                email=invitation.email
            ),
            code="invitation_email",
        )
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at", "updated_at"])
    if created:
        _record(invitation.organisation, user, {"joined": [None, invitation.role]})
    return membership


def _admin_count(organisation: Organisation) -> int:
    return memberships.admin_count(organisation)


@transaction.atomic
def change_role(*, membership: Membership, actor: User, role: str) -> Membership:
    _require_admin(actor, membership.organisation)
    if role not in Membership.Role.values:
        raise ValidationError(_("Unknown role “{role}”.").format(role=role), code="role")
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if (
        membership.role == Membership.Role.ADMIN
        and role != Membership.Role.ADMIN
        and _admin_count(membership.organisation) == 1
    ):
        raise ValidationError(
            _("The organisation needs at least one administrator; appoint another one first."),
            code="last_admin",
        )
    old = membership.role
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    _record(
        membership.organisation, actor, {"role": [old, role], "member": _person(membership.user)}
    )
    return membership


@transaction.atomic
def remove_member(*, membership: Membership, actor: User) -> None:
    if actor.pk != membership.user_id:
        _require_admin(actor, membership.organisation)
    if membership.role == Membership.Role.ADMIN and _admin_count(membership.organisation) == 1:
        raise ValidationError(
            _("The organisation needs at least one administrator; appoint another one first."),
            code="last_admin",
        )
    _record(membership.organisation, actor, {"removed": [_person(membership.user), None]})
    organisation, user = membership.organisation, membership.user
    membership.delete()
    transaction.on_commit(
        lambda: membership_removed.send(sender=Membership, organisation=organisation, user=user)
    )
