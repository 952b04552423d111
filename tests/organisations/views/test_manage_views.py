"""Organisation administrators and staff through the views: create, edit, submit, members,
history, invitations, moderation."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from clusterbridge.organisations.models import (
    Invitation,
    Membership,
    Organisation,
    ProfileChange,
    ProfileStatus,
)
from clusterbridge.organisations.services import memberships as membership_service
from clusterbridge.taxonomy.models import ClusterCategory, NutsRegion
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

MEMBER_FIELDS = (
    "members_smes",
    "members_large_companies",
    "members_research",
    "members_universities",
    "members_public",
    "members_other",
)


def form_data(**overrides) -> dict:
    data = {
        "name": "Nordic Battery Cluster",
        "kind": "cluster",
        "country": "SE",
        "city": "Västerås",
        "short_description": "Batteries from the north.",
        "technology_keywords": "cells, recycling, Cells",
        **dict.fromkeys(MEMBER_FIELDS, "0"),
    }
    data.update(overrides)
    return data


def contacts_data(*contacts, initial=0) -> dict:
    """The contact-person formset of the edit page."""
    data = {"contacts-TOTAL_FORMS": str(len(contacts)), "contacts-INITIAL_FORMS": str(initial)}
    for i, contact in enumerate(contacts):
        for key, value in contact.items():
            data[f"contacts-{i}-{key}"] = value
    return data


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# -- create / edit --------------------------------------------------------------------------


def test_create_requires_login(client):
    response = client.get("/organisations/new/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_create_through_the_form(client):
    user = UserFactory()
    client.force_login(user)
    sector = ClusterCategory.objects.get(code="automotive")
    response = client.post(
        "/organisations/new/",
        form_data(
            members_smes="12",
            members_research="4",
            sectors=[sector.pk],
            nuts_region=NutsRegion.objects.get(code="SE12").pk,
        ),
    )
    org = Organisation.objects.get(name="Nordic Battery Cluster")
    assert response.status_code == 302
    assert response["Location"] == "/organisations/nordic-battery-cluster/"
    assert org.status == ProfileStatus.DRAFT
    assert org.technology_keywords == ["cells", "recycling"]
    assert org.members_total == 16
    assert org.nuts_region.code == "SE12"
    assert list(org.sectors.values_list("code", flat=True)) == ["automotive"]
    assert Membership.objects.get(organisation=org).user == user
    assert ProfileChange.objects.get(organisation=org).action == "created"
    page = client.get(response["Location"])
    assert "Your draft profile is saved." in page.content.decode()


def test_create_shows_errors_and_writes_nothing(client):
    OrganisationFactory(name="Nordic Battery Cluster", slug="taken")
    client.force_login(UserFactory())
    response = client.post(
        "/organisations/new/",
        form_data(
            name="  nordic   battery CLUSTER ",
            nuts_region=NutsRegion.objects.get(code="DE30").pk,
            latitude="59.6",
            year_founded="1700",
            technology_keywords="<b>",
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["name"] == [
        "An organisation called “nordic battery CLUSTER” is already registered."
    ]
    assert errors["nuts_region"] == ["The region DE30 is not in the selected country."]
    assert errors["latitude"] == ["Give both latitude and longitude, or neither."]
    assert errors["year_founded"][0].startswith("The year founded must be between 1800 and ")
    assert errors["technology_keywords"] == [
        "Technology keywords: “<b>” contains characters that are not allowed."
    ]
    assert Organisation.objects.count() == 1


def test_create_requires_city_and_short_description(client):
    client.force_login(UserFactory())
    response = client.post("/organisations/new/", form_data(city="", short_description=""))
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"city", "short_description"}
    assert not Organisation.objects.exists()


def test_edit_through_the_form_records_history(client):
    org = OrganisationFactory(
        name="Edit Me", country="DE", city="Berlin", technology_keywords=["a", "b"]
    )
    admin = MembershipFactory(organisation=org).user
    client.force_login(admin)
    page = client.get(f"/organisations/{org.slug}/edit/")
    assert page.status_code == 200
    assert page.context["form"].initial["technology_keywords"] == "a, b"

    response = client.post(
        f"/organisations/{org.slug}/edit/",
        {
            **form_data(name="Edit Me", country="DE", city="Hamburg", short_description=org.short_description,
                        technology_keywords="a, b", latitude="52.52", longitude="13.405"),
            **contacts_data(),
        },
    )  # fmt: skip

    assert response.status_code == 302
    org.refresh_from_db()
    assert org.city == "Hamburg"
    change = ProfileChange.objects.get(organisation=org)
    assert change.actor == admin
    assert change.changes == {"city": ["Berlin", "Hamburg"]}


@pytest.mark.parametrize("who", ["anonymous", "outsider", "member"])
def test_edit_is_hidden_from_non_admins(client, who):
    org = OrganisationFactory()
    if who == "member":
        client.force_login(MembershipFactory(organisation=org, role="member").user)
    elif who == "outsider":
        client.force_login(UserFactory())
    response = client.get(f"/organisations/{org.slug}/edit/")
    if who == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == 404
        assert (
            client.post(f"/organisations/{org.slug}/edit/", form_data(name=org.name)).status_code
            == 404
        )


def test_staff_can_edit(client):
    org = OrganisationFactory(name="Staff Edit")
    client.force_login(StaffFactory())
    response = client.post(
        f"/organisations/{org.slug}/edit/",
        {**form_data(name="Staff Edit", country="DE", city="Köln"), **contacts_data()},
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.city == "Köln"


def test_edit_contact_people(client):
    org = OrganisationFactory(name="Contacts Org", city="Berlin")
    admin = MembershipFactory(organisation=org).user
    client.force_login(admin)
    base = form_data(
        name="Contacts Org",
        country="DE",
        city="Berlin",
        short_description=org.short_description,
        technology_keywords="",
    )
    response = client.post(
        f"/organisations/{org.slug}/edit/",
        {
            **base,
            **contacts_data(
                {"name": "Clara", "role": "Manager", "email": "clara@contact.example"},
                {"name": "Dirk", "email": "dirk@contact.example"},
            ),
        },
    )
    assert response.status_code == 302
    assert list(org.contacts.values_list("name", "role", "email", "position")) == [
        ("Clara", "Manager", "clara@contact.example", 0),
        ("Dirk", "", "dirk@contact.example", 1),
    ]
    history = [c.changes for c in ProfileChange.objects.filter(organisation=org)]
    assert {"contacts": [[], ["Clara", "Dirk"]]} in history
    assert "contact.example" not in str(history)  # addresses stay out of the history

    response = client.post(
        f"/organisations/{org.slug}/edit/",
        {**base, **contacts_data({"name": "Clara", "email": "not-an-email"})},
    )
    assert response.status_code == 200
    assert response.context["contacts"].forms[0].errors["email"] == ["Enter a valid email address."]
    assert org.contacts.count() == 2


# -- submit ---------------------------------------------------------------------------------


def test_submit_through_the_view(client, django_capture_on_commit_callbacks):
    StaffFactory(email="moderator@example.org")
    org = OrganisationFactory(status=ProfileStatus.DRAFT, published_at=None)
    client.force_login(MembershipFactory(organisation=org).user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/organisations/{org.slug}/submit/", follow=True)
    org.refresh_from_db()
    assert org.status == ProfileStatus.SUBMITTED
    assert "Submitted. Platform staff will review the profile." in messages_of(response)
    assert [m.to for m in mail.outbox] == [["moderator@example.org"]]


def test_submit_incomplete_profile_shows_what_is_missing(client):
    org = OrganisationFactory(status=ProfileStatus.DRAFT, published_at=None, short_description="")
    client.force_login(MembershipFactory(organisation=org).user)
    response = client.post(f"/organisations/{org.slug}/submit/", follow=True)
    assert messages_of(response) == ["Before submitting, add a short description."]
    org.refresh_from_db()
    assert org.status == ProfileStatus.DRAFT


def test_submit_by_a_member_is_404_and_get_is_405(client):
    org = OrganisationFactory(status=ProfileStatus.DRAFT, published_at=None)
    member = MembershipFactory(organisation=org, role="member").user
    client.force_login(member)
    assert client.post(f"/organisations/{org.slug}/submit/").status_code == 404
    assert client.get(f"/organisations/{org.slug}/submit/").status_code == 405
    org.refresh_from_db()
    assert org.status == ProfileStatus.DRAFT


# -- members --------------------------------------------------------------------------------


@pytest.fixture
def team():
    org = OrganisationFactory(name="Team Org")
    admin = MembershipFactory(
        organisation=org, user=UserFactory(name="Alice Admin", email="alice@example.org")
    )
    member = MembershipFactory(
        organisation=org,
        user=UserFactory(name="Bob Member", email="bob@example.org"),
        role="member",
    )
    return org, admin, member


def test_members_page_lists_people_and_invitations(client, team):
    org, admin, _ = team
    membership_service.invite_member(
        organisation=org, actor=admin.user, email="carol@example.org", role="admin"
    )
    client.force_login(admin.user)
    response = client.get(f"/organisations/{org.slug}/members/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "alice@example.org" in html
    assert "bob@example.org" in html
    assert "carol@example.org (Administrator)" in html
    assert [m.user.name for m in response.context["memberships"]] == ["Alice Admin", "Bob Member"]


def test_invite_through_the_members_page(client, team, django_capture_on_commit_callbacks):
    org, admin, _ = team
    client.force_login(admin.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/organisations/{org.slug}/members/", {"email": "new@example.org", "role": "member"}
        )
    assert response.status_code == 302
    assert response["Location"] == f"/organisations/{org.slug}/members/"
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "new@example.org",
        "member",
        admin.user,
    )
    assert [m.to for m in mail.outbox] == [["new@example.org"]]


def test_inviting_an_existing_member_shows_a_form_error(client, team):
    org, admin, _ = team
    client.force_login(admin.user)
    response = client.post(
        f"/organisations/{org.slug}/members/", {"email": "bob@example.org", "role": "member"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "bob@example.org is already a member of Team Org."
    ]
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("who", ["member", "outsider", "staff"])
def test_members_page_is_404_for_non_admins(client, team, who):
    org, _, member = team
    client.force_login(
        {"member": member.user, "outsider": UserFactory(), "staff": StaffFactory()}[who]
    )
    assert client.get(f"/organisations/{org.slug}/members/").status_code == 404
    response = client.post(f"/organisations/{org.slug}/members/{member.pk}/", {"action": "remove"})
    assert response.status_code == 404
    assert Membership.objects.filter(pk=member.pk).exists()


def test_promote_a_member(client, team):
    org, admin, member = team
    client.force_login(admin.user)
    response = client.post(
        f"/organisations/{org.slug}/members/{member.pk}/",
        {"action": "role", "role": "admin"},
        follow=True,
    )
    member.refresh_from_db()
    assert member.role == "admin"
    assert messages_of(response) == ["Bob Member is now administrator."]


def test_demote_an_admin(client, team):
    org, admin, member = team
    Membership.objects.filter(pk=member.pk).update(role="admin")
    client.force_login(admin.user)
    response = client.post(
        f"/organisations/{org.slug}/members/{member.pk}/",
        {"action": "role", "role": "member"},
        follow=True,
    )
    member.refresh_from_db()
    assert member.role == "member"
    assert messages_of(response) == ["Bob Member is now member."]


def test_the_last_admin_cannot_demote_themself_through_the_view(client, team):
    org, admin, _ = team
    client.force_login(admin.user)
    response = client.post(
        f"/organisations/{org.slug}/members/{admin.pk}/",
        {"action": "role", "role": "member"},
        follow=True,
    )
    admin.refresh_from_db()
    assert admin.role == "admin"
    assert messages_of(response) == [
        "The organisation needs at least one administrator; appoint another one first."
    ]


def test_invalid_role_in_the_view(client, team):
    org, admin, member = team
    client.force_login(admin.user)
    response = client.post(
        f"/organisations/{org.slug}/members/{member.pk}/",
        {"action": "role", "role": "owner"},
        follow=True,
    )
    assert messages_of(response) == ["Choose a role: member or administrator."]


def test_remove_a_member_through_the_view(client, team):
    org, admin, member = team
    client.force_login(admin.user)
    response = client.post(
        f"/organisations/{org.slug}/members/{member.pk}/", {"action": "remove"}, follow=True
    )
    assert not Membership.objects.filter(pk=member.pk).exists()
    assert messages_of(response) == ["Bob Member was removed."]


def test_membership_of_another_organisation_is_404(client, team):
    org, admin, _ = team
    foreign = MembershipFactory(role="member")
    client.force_login(admin.user)
    response = client.post(f"/organisations/{org.slug}/members/{foreign.pk}/", {"action": "remove"})
    assert response.status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()


# -- invitations ----------------------------------------------------------------------------


def test_accept_an_invitation_through_the_view(client, team):
    org, admin, _ = team
    invitation = membership_service.invite_member(
        organisation=org, actor=admin.user, email="dan@example.org", role="member"
    )
    url = f"/invitations/{invitation.token}/"
    anonymous = client.get(url)
    assert anonymous.status_code == 200
    assert "log in</a> with dan@example.org to accept" in anonymous.content.decode()

    dan = UserFactory(email="dan@example.org")
    client.force_login(dan)
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == org.get_absolute_url()
    assert Membership.objects.get(organisation=org, user=dan).role == "member"
    assert client.get(url).status_code == 404  # used up


def test_accept_with_the_wrong_account_shows_the_reason(client, team):
    org, admin, _ = team
    invitation = membership_service.invite_member(
        organisation=org, actor=admin.user, email="dan@example.org", role="member"
    )
    client.force_login(UserFactory(email="eve@example.org"))
    response = client.post(f"/invitations/{invitation.token}/")
    assert response.status_code == 200
    assert messages_of(response) == [
        "This invitation was sent to dan@example.org; log in with that address to accept it."
    ]
    assert not Membership.objects.filter(user__email="eve@example.org").exists()


def test_unknown_invitation_is_404(client):
    response = client.get("/invitations/unknown-token/")
    assert response.status_code == 404
    assert "This invitation is no longer valid" in response.content.decode()


# -- history --------------------------------------------------------------------------------


def test_history_visible_to_admin_and_staff(client, team):
    org, admin, member = team
    membership_service.change_role(membership=member, actor=admin.user, role="admin")
    for viewer in (admin.user, StaffFactory()):
        client.force_login(viewer)
        response = client.get(f"/organisations/{org.slug}/history/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "Members changed" in html
        assert "<code>role</code>: member → admin" in html
        assert "Alice Admin" in html


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_history_is_404_for_others(client, team, who):
    org, _, member = team
    client.force_login(member.user if who == "member" else UserFactory())
    assert client.get(f"/organisations/{org.slug}/history/").status_code == 404


def test_history_requires_login(client, team):
    org, _, _ = team
    response = client.get(f"/organisations/{org.slug}/history/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# -- moderation -----------------------------------------------------------------------------


@pytest.fixture
def submitted():
    org = OrganisationFactory(name="Queue Org", status=ProfileStatus.SUBMITTED, published_at=None)
    MembershipFactory(organisation=org, user=UserFactory(email="queue-admin@example.org"))
    return org


def test_moderation_queue_for_staff(client, submitted):
    OrganisationFactory(name="Already Published")
    client.force_login(StaffFactory())
    response = client.get("/staff/moderation/")
    assert response.status_code == 200
    assert [o.name for o in response.context["submitted"]] == ["Queue Org"]
    assert "/staff/moderation/queue-org/" in response.content.decode()


@pytest.mark.parametrize("path", ["/staff/moderation/", "/staff/moderation/queue-org/"])
def test_moderation_redirects_non_staff_to_the_admin_login(client, submitted, path):
    for user in (None, UserFactory(), submitted.memberships.get().user):
        if user:
            client.force_login(user)
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == f"/admin/login/?next={path}"
        response = client.post(path, {"action": "publish"})
        assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ProfileStatus.SUBMITTED


def test_publish_through_the_review_view(client, submitted, django_capture_on_commit_callbacks):
    staff = StaffFactory()
    client.force_login(staff)
    assert client.get("/staff/moderation/queue-org/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/staff/moderation/queue-org/", {"action": "publish"})
    assert response.status_code == 302
    assert response["Location"] == "/staff/moderation/"
    submitted.refresh_from_db()
    assert submitted.status == ProfileStatus.PUBLISHED
    assert [m.to for m in mail.outbox] == [["queue-admin@example.org"]]
    assert messages_of(client.get("/staff/moderation/")) == ["Queue Org is published."]


def test_send_back_through_the_review_view(client, submitted, django_capture_on_commit_callbacks):
    client.force_login(StaffFactory())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/staff/moderation/queue-org/", {"action": "send_back", "reason": "Add a website."}
        )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ProfileStatus.RETURNED
    assert submitted.return_reason == "Add a website."
    assert len(mail.outbox) == 1
    assert "Add a website." in mail.outbox[0].body


def test_send_back_without_reason_shows_the_form_error(client, submitted):
    client.force_login(StaffFactory())
    response = client.post("/staff/moderation/queue-org/", {"action": "send_back", "reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["This field is required."]
    submitted.refresh_from_db()
    assert submitted.status == ProfileStatus.SUBMITTED


def test_publishing_twice_shows_an_error(client, submitted):
    client.force_login(StaffFactory())
    client.post("/staff/moderation/queue-org/", {"action": "publish"})
    response = client.post("/staff/moderation/queue-org/", {"action": "publish"})
    assert response.status_code == 200
    assert messages_of(response)[-1] == "Only a submitted profile can be published."


# -- steps, member counts, completeness ------------------------------------------------------


def test_the_form_comes_in_four_steps_with_the_completeness(client):
    m = MembershipFactory(organisation__description="short")
    client.force_login(m.user)
    response = client.get(reverse("organisations:edit", args=[m.organisation.slug]))
    steps = response.context["form"].steps()
    assert [s["key"] for s in steps] == ["basics", "location", "sectors", "people"]
    fields = [f.name for s in steps for f in s["fields"]]
    assert sorted(fields) == sorted(response.context["form"].fields)  # each field once
    assert response.context["completeness"].percent == 10  # the city is all there is
    assert b'id="step-location"' in response.content
    assert b'id="pin-map"' in response.content


def test_a_refused_save_marks_the_step_to_correct(client):
    m = MembershipFactory()
    client.force_login(m.user)
    response = client.post(
        reverse("organisations:edit", args=[m.organisation.slug]),
        {**form_data(latitude="95", longitude="10"), **contacts_data()},
    )
    assert response.status_code == 200
    flagged = [s["key"] for s in response.context["form"].steps() if s["has_errors"]]
    assert flagged == ["location"]
    assert b'data-step="location" data-has-errors="true"' in response.content


@pytest.mark.parametrize(("kind", "stored"), [("cluster", 25), ("sme", 0), ("university", 0)])
def test_member_counts_are_kept_only_for_kinds_with_members(client, kind, stored):
    client.force_login(UserFactory())
    response = client.post(reverse("organisations:create"), form_data(kind=kind, members_smes="25"))
    assert response.status_code == 302, response.context["form"].errors
    org = Organisation.objects.get(name="Nordic Battery Cluster")
    assert (org.members_smes, org.members_total) == (stored, stored)


def test_a_company_page_shows_no_member_counts(client):
    company = OrganisationFactory(kind="sme")
    cluster = OrganisationFactory(kind="cluster", members_smes=3)
    assert b'id="members-total"' not in client.get(company.get_absolute_url()).content
    assert b'id="members-total"' in client.get(cluster.get_absolute_url()).content


def test_only_editors_see_the_completeness_on_the_profile(client):
    m = MembershipFactory()
    url = m.organisation.get_absolute_url()
    assert b'id="completeness"' not in client.get(url).content
    client.force_login(m.user)
    assert b'id="completeness"' in client.get(url).content


def test_the_descriptions_carry_their_language(client):
    m = MembershipFactory()
    client.force_login(m.user)
    response = client.post(
        reverse("organisations:edit", args=[m.organisation.slug]),
        {**form_data(description_language="sv", short_description="Batterier från norr."),
         **contacts_data()},
    )  # fmt: skip
    assert response.status_code == 302
    m.organisation.refresh_from_db()
    assert m.organisation.description_language == "sv"
    page = client.get(m.organisation.get_absolute_url()).content.decode()
    assert '<div id="description" lang="sv">' in page
    response = client.post(
        reverse("organisations:edit", args=[m.organisation.slug]),
        {**form_data(description_language="xx"), **contacts_data()},
    )
    assert response.status_code == 200
    assert "description_language" in response.context["form"].errors
    m.organisation.refresh_from_db()
    assert m.organisation.description_language == "sv"
