"""Memberships: invitations, roles, removal, and the last-administrator rule."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from clusterbridge.organisations.models import Invitation, Membership, ProfileChange
from clusterbridge.organisations.services import memberships
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganisationFactory(name="Invite Org")


@pytest.fixture
def admin(org):
    return MembershipFactory(organisation=org, user=UserFactory(name="Ada Admin")).user


def test_invite_sends_an_email_with_the_link_after_commit(
    org, admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = memberships.invite_member(
            organisation=org, actor=admin, email="  New.Person@Example.org ", role="member"
        )

    assert invitation.email == "new.person@example.org"
    assert invitation.role == "member"
    assert invitation.invited_by == admin
    assert (
        timedelta(days=13, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=14)
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.person@example.org"]
    assert message.subject == "[Clusterbridge] Ada Admin invites you to Invite Org"
    assert f"/invitations/{invitation.token}/" in message.body
    assert "as member" in message.body


def test_a_new_invitation_replaces_the_open_one(org, admin):
    first = memberships.invite_member(
        organisation=org, actor=admin, email="x@example.org", role="member"
    )
    second = memberships.invite_member(
        organisation=org, actor=admin, email="X@example.org", role="admin"
    )

    first.refresh_from_db()
    assert first.revoked_at is not None
    assert second.revoked_at is None
    assert first.token != second.token
    assert memberships.open_invitation(first.token) is None
    assert memberships.open_invitation(second.token) == second


def test_invite_refuses_an_existing_member(org, admin):
    MembershipFactory(organisation=org, user=UserFactory(email="member@example.org"), role="member")
    with pytest.raises(ValidationError) as excinfo:
        memberships.invite_member(
            organisation=org, actor=admin, email="MEMBER@example.org", role="member"
        )
    assert excinfo.value.messages == ["member@example.org is already a member of Invite Org."]
    assert not Invitation.objects.exists()


def test_invite_refuses_an_unknown_role(org, admin):
    with pytest.raises(ValidationError) as excinfo:
        memberships.invite_member(
            organisation=org, actor=admin, email="a@example.org", role="owner"
        )
    assert excinfo.value.messages == ["Unknown role “owner”."]


@pytest.mark.parametrize("actor_kind", ["member", "outsider", "staff"])
def test_only_admins_invite(org, admin, actor_kind):
    if actor_kind == "member":
        actor = MembershipFactory(organisation=org, role="member").user
    elif actor_kind == "staff":
        actor = StaffFactory()
    else:
        actor = UserFactory()
    with pytest.raises(PermissionDenied):
        memberships.invite_member(
            organisation=org, actor=actor, email="a@example.org", role="member"
        )
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_accept_creates_the_membership_and_records_it(org, admin):
    invitation = memberships.invite_member(
        organisation=org, actor=admin, email="joiner@example.org", role="admin"
    )
    joiner = UserFactory(email="Joiner@Example.org")

    membership = memberships.accept_invitation(token=invitation.token, user=joiner)

    assert (membership.user, membership.organisation, membership.role) == (joiner, org, "admin")
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    change = ProfileChange.objects.get(organisation=org, action=ProfileChange.Action.MEMBERS)
    assert change.actor == joiner
    assert change.changes == {"joined": [None, "admin"]}
    # The link works only once.
    with pytest.raises(ValidationError) as excinfo:
        memberships.accept_invitation(token=invitation.token, user=joiner)
    assert excinfo.value.code == "invitation_invalid"


def test_accept_with_another_email_is_refused(org, admin):
    invitation = memberships.invite_member(
        organisation=org, actor=admin, email="right@example.org", role="member"
    )
    with pytest.raises(ValidationError) as excinfo:
        memberships.accept_invitation(
            token=invitation.token, user=UserFactory(email="wrong@example.org")
        )
    assert excinfo.value.code == "invitation_email"
    assert excinfo.value.messages == [
        "This invitation was sent to right@example.org; log in with that address to accept it."
    ]
    assert Membership.objects.filter(organisation=org).count() == 1
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_accept_expired_invitation_is_refused(org, admin):
    invitation = memberships.invite_member(
        organisation=org, actor=admin, email="late@example.org", role="member"
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(ValidationError) as excinfo:
        memberships.accept_invitation(
            token=invitation.token, user=UserFactory(email="late@example.org")
        )
    assert excinfo.value.messages == ["This invitation is no longer valid."]
    assert Membership.objects.filter(organisation=org).count() == 1


def test_accept_revoked_invitation_is_refused(org, admin):
    old = memberships.invite_member(
        organisation=org, actor=admin, email="r@example.org", role="member"
    )
    memberships.invite_member(organisation=org, actor=admin, email="r@example.org", role="member")
    with pytest.raises(ValidationError) as excinfo:
        memberships.accept_invitation(token=old.token, user=UserFactory(email="r@example.org"))
    assert excinfo.value.code == "invitation_invalid"


def test_accept_unknown_token_is_refused():
    with pytest.raises(ValidationError):
        memberships.accept_invitation(token="nope", user=UserFactory())


def test_change_role_records_old_and_new(org, admin):
    member = MembershipFactory(
        organisation=org, user=UserFactory(email="m@example.org", name="Mia Meyer"), role="member"
    )
    result = memberships.change_role(membership=member, actor=admin, role="admin")
    assert result.role == "admin"
    member.refresh_from_db()
    assert member.role == "admin"
    change = ProfileChange.objects.get(organisation=org)
    assert change.actor == admin
    # The history names the person; e-mail addresses stay out of it (personal data).
    assert change.changes == {"role": ["member", "admin"], "member": "Mia Meyer"}


def test_the_last_admin_cannot_be_demoted(org, admin):
    membership = Membership.objects.get(user=admin, organisation=org)
    with pytest.raises(ValidationError) as excinfo:
        memberships.change_role(membership=membership, actor=admin, role="member")
    assert excinfo.value.code == "last_admin"
    assert excinfo.value.messages == [
        "The organisation needs at least one administrator; appoint another one first."
    ]
    membership.refresh_from_db()
    assert membership.role == "admin"


def test_an_admin_can_step_down_when_another_admin_exists(org, admin):
    MembershipFactory(organisation=org, role="admin")
    membership = Membership.objects.get(user=admin, organisation=org)
    memberships.change_role(membership=membership, actor=admin, role="member")
    membership.refresh_from_db()
    assert membership.role == "member"


def test_change_role_rejects_unknown_role(org, admin):
    member = MembershipFactory(organisation=org, role="member")
    with pytest.raises(ValidationError):
        memberships.change_role(membership=member, actor=admin, role="owner")
    member.refresh_from_db()
    assert member.role == "member"


def test_a_member_cannot_change_roles(org, admin):
    member = MembershipFactory(organisation=org, role="member")
    with pytest.raises(PermissionDenied):
        memberships.change_role(membership=member, actor=member.user, role="admin")
    member.refresh_from_db()
    assert member.role == "member"


def test_an_admin_of_another_organisation_cannot_change_roles(org, admin):
    member = MembershipFactory(organisation=org, role="member")
    other_admin = MembershipFactory().user
    with pytest.raises(PermissionDenied):
        memberships.change_role(membership=member, actor=other_admin, role="admin")


def test_remove_member_by_admin(org, admin):
    member = MembershipFactory(
        organisation=org, user=UserFactory(email="bye@example.org", name="Bo Bye"), role="member"
    )
    memberships.remove_member(membership=member, actor=admin)
    assert not Membership.objects.filter(pk=member.pk).exists()
    change = ProfileChange.objects.get(organisation=org)
    assert (change.actor, change.changes) == (admin, {"removed": ["Bo Bye", None]})


def test_a_member_can_leave_but_cannot_remove_others(org, admin):
    leaver = MembershipFactory(organisation=org, role="member")
    other = MembershipFactory(organisation=org, role="member")
    with pytest.raises(PermissionDenied):
        memberships.remove_member(membership=other, actor=leaver.user)
    memberships.remove_member(membership=leaver, actor=leaver.user)
    assert not Membership.objects.filter(pk=leaver.pk).exists()
    assert Membership.objects.filter(pk=other.pk).exists()


def test_the_last_admin_cannot_be_removed(org, admin):
    membership = Membership.objects.get(user=admin, organisation=org)
    with pytest.raises(ValidationError) as excinfo:
        memberships.remove_member(membership=membership, actor=admin)
    assert excinfo.value.code == "last_admin"
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert not ProfileChange.objects.filter(organisation=org).exists()


def test_an_admin_can_be_removed_when_another_admin_exists(org, admin):
    second = MembershipFactory(organisation=org, role="admin")
    memberships.remove_member(membership=second, actor=admin)
    assert list(Membership.objects.filter(organisation=org).values_list("user", flat=True)) == [
        admin.pk
    ]
