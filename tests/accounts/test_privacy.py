"""Personal data: the export and account deletion (service and views)."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from rest_framework.authtoken.models import Token

from clusterbridge.accounts.models import User
from clusterbridge.accounts.services.privacy import delete_account, export_personal_data
from clusterbridge.organisations.models import (
    ContactMessage,
    Invitation,
    Membership,
    Organisation,
    ProfileChange,
)
from clusterbridge.organisations.privacy import sole_admin_of
from clusterbridge.organisations.services import memberships, profiles
from clusterbridge.organisations.services.contact import send_contact_message
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    """Someone with a membership, a change, a message, invitations and a token."""
    user = UserFactory(email="pat@example.org", name="Pat Person", job_title="Manager")
    org = OrganisationFactory(name="Pat Org", city="Berlin")
    MembershipFactory(organisation=org, user=user)
    MembershipFactory(organisation=org, user=UserFactory(email="colleague@example.org"))
    profiles.update_profile(organisation=org, actor=user, data={"city": "Leipzig"})
    memberships.invite_member(
        organisation=org, actor=user, email="friend@example.org", role="member"
    )
    other = OrganisationFactory(name="Other Org")
    other_admin = MembershipFactory(organisation=other).user
    memberships.invite_member(
        organisation=other, actor=other_admin, email="PAT@example.org", role="admin"
    )
    send_contact_message(organisation=other, sender=user, subject="Hello", body="Nice to meet you")
    Token.objects.create(user=user)
    return user, org, other


def test_export_contains_everything_about_the_person(person):
    user, _org, _other = person
    data = export_personal_data(user)
    assert data["account"]["email"] == "pat@example.org"
    assert data["account"]["name"] == "Pat Person"
    assert data["account"]["job_title"] == "Manager"
    assert data["account"]["is_staff"] is False
    assert data["email_addresses"] == [
        {"email": "pat@example.org", "verified": True, "primary": True}
    ]
    assert [(m["organisation"], m["role"]) for m in data["organisations"]["memberships"]] == [
        ("Pat Org", "admin")
    ]
    assert [
        (c["organisation"], c["action"], c["changes"])
        for c in data["organisations"]["profile_changes"]
    ] == [("Pat Org", "updated", {"city": ["Berlin", "Leipzig"]})]
    assert [
        (m["organisation"], m["subject"], m["body"])
        for m in data["organisations"]["contact_messages_sent"]
    ] == [("Other Org", "Hello", "Nice to meet you")]
    assert [
        (i["organisation"], i["role"], i["accepted_at"])
        for i in data["organisations"]["invitations_received"]
    ] == [("Other Org", "admin", None)]
    assert [(i["organisation"], i["email"]) for i in data["organisations"]["invitations_sent"]] == [
        ("Pat Org", "friend@example.org")
    ]
    assert data["api_token"] == {"exists": True}
    json.dumps(data)  # JSON-ready


def test_export_view(client, person):
    user, _, _ = person
    client.force_login(user)
    response = client.get("/me/privacy/export.json")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="my-clusterbridge-data.json"'
    data = json.loads(response.content)
    assert data["account"]["email"] == "pat@example.org"
    assert len(data["organisations"]["memberships"]) == 1
    assert len(data["organisations"]["contact_messages_sent"]) == 1


def test_export_view_requires_login(client):
    assert client.get("/me/privacy/export.json").status_code == 302


def test_delete_keeps_organisation_and_history_without_the_author(person):
    user, org, _other = person
    delete_account(user=user)

    assert not User.objects.filter(email="pat@example.org").exists()
    assert Organisation.objects.filter(pk=org.pk).exists()
    org.refresh_from_db()
    assert org.city == "Leipzig"
    change = ProfileChange.objects.get(organisation=org, action="updated")
    assert change.actor is None
    assert change.changes == {"city": ["Berlin", "Leipzig"]}
    assert list(
        Membership.objects.filter(organisation=org).values_list("user__email", flat=True)
    ) == ["colleague@example.org"]
    assert not ContactMessage.objects.exists()
    # Open invitations to the person's address are deleted; invitations they sent stay.
    assert not Invitation.objects.filter(email__iexact="pat@example.org").exists()
    sent = Invitation.objects.get(email="friend@example.org")
    assert sent.invited_by is None
    assert not Token.objects.exists()


def test_delete_refuses_a_sole_admin(person):
    user, org, _ = person
    Membership.objects.filter(organisation=org).exclude(user=user).delete()
    solo = OrganisationFactory(name="Solo Org")
    MembershipFactory(organisation=solo, user=user)
    assert sole_admin_of(user) == ["Pat Org", "Solo Org"]

    with pytest.raises(ValidationError) as excinfo:
        delete_account(user=user)
    assert excinfo.value.code == "deletion_blocked"
    assert excinfo.value.messages == [
        "You are the only administrator of Pat Org, Solo Org. Make a colleague administrator first, "
        "so the profile is not left without one."
    ]
    assert User.objects.filter(pk=user.pk).exists()
    assert Invitation.objects.filter(email__iexact="pat@example.org").exists()


def test_forced_delete_of_a_sole_admin_leaves_the_organisation(person):
    user, org, _ = person
    Membership.objects.filter(organisation=org).exclude(user=user).delete()
    delete_account(user=user, force=True)
    assert Organisation.objects.filter(pk=org.pk).exists()
    assert not Membership.objects.filter(organisation=org).exists()


def test_a_plain_member_is_not_a_sole_admin():
    user = UserFactory()
    MembershipFactory(user=user, role="member")
    assert sole_admin_of(user) == []


def test_privacy_page_warns_a_sole_admin(client):
    user = UserFactory()
    MembershipFactory(user=user, organisation=OrganisationFactory(name="Lonely Org"))
    client.force_login(user)
    response = client.get("/me/privacy/")
    assert response.status_code == 200
    assert response.context["blockers"] == [
        "You are the only administrator of Lonely Org. Make a colleague administrator first, "
        "so the profile is not left without one."
    ]
    response = client.post("/me/privacy/", {"confirm_email": user.email})
    assert response.status_code == 200
    assert (
        response.context["form"]
        .non_field_errors()[0]
        .startswith("You are the only administrator of Lonely Org.")
    )
    assert User.objects.filter(pk=user.pk).exists()


def test_delete_view_needs_the_right_email(client):
    user = UserFactory(email="me@example.org")
    client.force_login(user)
    response = client.post("/me/privacy/", {"confirm_email": "someone@example.org"})
    assert response.status_code == 200
    assert response.context["form"].errors["confirm_email"] == [
        "This is not the e-mail address of your account."
    ]
    assert User.objects.filter(pk=user.pk).exists()


def test_delete_view_deletes_and_logs_out(client, person):
    user, org, _ = person
    client.force_login(user)
    response = client.post("/me/privacy/", {"confirm_email": "  PAT@example.org "}, follow=True)
    assert response.redirect_chain == [("/", 302)]
    assert "Your account and personal data were deleted." in response.content.decode()
    assert not User.objects.filter(email="pat@example.org").exists()
    assert "_auth_user_id" not in client.session
    # The history page shows the change without its author.
    client.force_login(User.objects.get(email="colleague@example.org"))
    html = client.get(f"/organisations/{org.slug}/history/").content.decode()
    assert "(deleted account)" in html
