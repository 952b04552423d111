"""The API of member links: public lists, and writes through the same services."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from clusterbridge.organisations.models import LinkStatus, MemberLink, ProfileStatus
from clusterbridge.organisations.services import links
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def cluster():
    return OrganisationFactory(name="Basque Energy Cluster", kind="cluster", country="ES")


@pytest.fixture
def member():
    return OrganisationFactory(name="Bilbao Turbines SL", kind="sme", country="ES")


@pytest.fixture
def cluster_admin(cluster):
    return MembershipFactory(organisation=cluster).user


@pytest.fixture
def member_admin(member):
    return MembershipFactory(organisation=member).user


def _as(api, user):
    api.force_authenticate(user)
    return api


def test_public_members_and_member_of(api, cluster, member, cluster_admin, member_admin):
    link = links.propose_link(cluster=cluster, member=member, actor=cluster_admin)
    assert api.get(f"/api/v1/organisations/{cluster.slug}/members/").json()["count"] == 0
    links.confirm_link(link=link, actor=member_admin)

    body = api.get(f"/api/v1/organisations/{cluster.slug}/members/").json()
    assert body["count"] == 1
    assert body["results"][0]["member"]["slug"] == member.slug
    assert body["results"][0]["member_since"] is not None
    body = api.get(f"/api/v1/organisations/{member.slug}/member-of/").json()
    assert [c["slug"] for c in body["results"]] == [cluster.slug]


def test_members_of_an_unpublished_cluster_are_404(api):
    draft = OrganisationFactory(name="Draft Cluster", kind="cluster", status=ProfileStatus.DRAFT)
    response = api.get(f"/api/v1/organisations/{draft.slug}/members/")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    assert api.get("/api/v1/organisations/nope/member-of/").status_code == 404


def test_propose_confirm_and_end_through_the_api(api, cluster, member, cluster_admin, member_admin):
    response = _as(api, cluster_admin).post(
        "/api/v1/member-links/", {"cluster": cluster.slug, "member": member.slug}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["cluster"], body["member"], body["status"], body["proposed_by_side"]) == (
        cluster.slug,
        member.slug,
        "proposed",
        "cluster",
    )
    pk = body["id"]
    # The proposer may not confirm its own proposal.
    response = api.post(f"/api/v1/member-links/{pk}/confirm/")
    assert response.status_code == 403
    assert response.json()["message"] == (
        "Only an administrator of the other organisation confirms this link."
    )

    _as(api, member_admin)
    assert [lk["id"] for lk in api.get("/api/v1/member-links/").json()["results"]] == [pk]
    response = api.post(f"/api/v1/member-links/{pk}/confirm/")
    assert response.status_code == 200
    assert response.json()["status"] == "confirmed"
    response = api.post(f"/api/v1/member-links/{pk}/decline/")
    assert response.status_code == 403  # no longer a proposal
    response = api.post(f"/api/v1/member-links/{pk}/end/")
    assert response.json()["status"] == "ended"
    response = api.post(f"/api/v1/member-links/{pk}/end/")
    assert response.status_code == 400
    assert response.json()["error"] == "validation_error"


def test_decline_through_the_api(api, cluster, member, cluster_admin, member_admin):
    link = links.propose_link(cluster=cluster, member=member, actor=member_admin)
    response = _as(api, cluster_admin).post(f"/api/v1/member-links/{link.pk}/decline/")
    assert response.status_code == 200
    assert response.json()["status"] == "declined"


def test_a_pending_link_is_404_to_outsiders(api, cluster, member, cluster_admin):
    link = links.propose_link(cluster=cluster, member=member, actor=cluster_admin)
    assert api.get(f"/api/v1/member-links/{link.pk}/").status_code == 404
    for user in (UserFactory(), MembershipFactory(organisation=cluster, role="member").user):
        _as(api, user)
        assert api.get(f"/api/v1/member-links/{link.pk}/").status_code == 404
        for action in ("confirm", "decline", "end"):
            assert api.post(f"/api/v1/member-links/{link.pk}/{action}/").status_code == 404
        assert api.get("/api/v1/member-links/").json()["count"] == 0
    assert _as(api, StaffFactory()).get(f"/api/v1/member-links/{link.pk}/").status_code == 200
    link.refresh_from_db()
    assert link.status == LinkStatus.PROPOSED


def test_a_confirmed_link_is_public_but_outsiders_may_not_end_it(
    api, cluster, member, cluster_admin, member_admin
):
    link = links.confirm_link(
        link=links.propose_link(cluster=cluster, member=member, actor=cluster_admin),
        actor=member_admin,
    )
    assert api.get(f"/api/v1/member-links/{link.pk}/").json()["status"] == "confirmed"
    assert api.post(f"/api/v1/member-links/{link.pk}/end/").status_code in (401, 403)
    assert _as(api, UserFactory()).post(f"/api/v1/member-links/{link.pk}/end/").status_code == 403


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        (
            {"cluster": "nope", "member": "x"},
            400,
            "cluster: no published organisation with this slug.",
        ),
        ({"member": "x"}, 400, "cluster: This field is required."),
        ([1, 2], 400, "The request body must be a JSON object."),
    ],
)
def test_bad_proposals(api, cluster_admin, body, status, message):
    response = _as(api, cluster_admin).post("/api/v1/member-links/", body, format="json")
    assert response.status_code == status
    assert response.json()["message"] == message
    assert MemberLink.objects.count() == 0


def test_proposing_for_organisations_you_do_not_administer_is_403(api, cluster, member):
    response = _as(api, UserFactory()).post(
        "/api/v1/member-links/", {"cluster": cluster.slug, "member": member.slug}, format="json"
    )
    assert response.status_code == 403
    assert MemberLink.objects.count() == 0


def test_anonymous_writes_are_refused(api, cluster, member):
    response = api.post(
        "/api/v1/member-links/", {"cluster": cluster.slug, "member": member.slug}, format="json"
    )
    assert response.status_code in (401, 403)


def test_directory_api_takes_member_of(api, cluster, member, cluster_admin, member_admin):
    links.confirm_link(
        link=links.propose_link(cluster=cluster, member=member, actor=cluster_admin),
        actor=member_admin,
    )
    body = api.get("/api/v1/organisations/", {"member_of": cluster.slug}).json()
    assert [o["slug"] for o in body["results"]] == [member.slug]
    response = api.get("/api/v1/organisations/", {"member_of": "unknown"})
    assert response.status_code == 400


def test_members_api_does_not_grow_with_rows(
    api, cluster, cluster_admin, django_assert_max_num_queries
):
    for i in range(15):
        other = OrganisationFactory(name=f"API Member {i}", kind="sme", sectors=["automotive"])
        links.confirm_link(
            link=links.propose_link(cluster=cluster, member=other, actor=cluster_admin),
            actor=MembershipFactory(organisation=other).user,
        )
    with django_assert_max_num_queries(5):
        assert api.get(f"/api/v1/organisations/{cluster.slug}/members/").status_code == 200
