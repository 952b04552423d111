"""The member-links pages: the administrators' page on both sides, the actions, the public
profile sections, the directory's ``member_of`` filter and map, and the members export."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.cache import cache

from clusterbridge.organisations.models import LinkStatus, MemberLink, ProfileStatus
from clusterbridge.organisations.services import links
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory, UserFactory
from tests.organisations.views.test_query_counts import _assert_constant, _get

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluster():
    return OrganisationFactory(name="Hamburg Aviation", kind="cluster", country="DE")


@pytest.fixture
def cluster_admin(cluster):
    return MembershipFactory(organisation=cluster, user=UserFactory(name="Hanna Cluster")).user


def _member(name: str, **kwargs):
    return OrganisationFactory(name=name, kind="sme", **kwargs)


def _confirmed(cluster, member, cluster_admin) -> MemberLink:
    link = links.propose_link(cluster=cluster, member=member, actor=cluster_admin)
    member_admin = MembershipFactory(organisation=member).user
    return links.confirm_link(link=link, actor=member_admin)


# -- the administrators' page ----------------------------------------------------------------


def test_links_page_is_404_for_outsiders_and_plain_members(client, cluster, cluster_admin):
    url = f"/organisations/{cluster.slug}/links/"
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(MembershipFactory(organisation=cluster, role="member").user)
    assert client.get(url).status_code == 404
    client.force_login(StaffFactory())
    assert client.get(url).status_code == 404
    client.force_login(cluster_admin)
    assert client.get(url).status_code == 200


def test_a_cluster_admin_finds_and_adds_a_member(client, cluster, cluster_admin):
    member = _member("Airbus Supplier Nord")
    _member("Unrelated Bakery")
    client.force_login(cluster_admin)

    page = client.get(f"/organisations/{cluster.slug}/links/", {"find": "members", "q": "supplier"})

    assert page.status_code == 200
    assert [o.name for o in page.context["found"]] == ["Airbus Supplier Nord"]
    response = client.post(
        f"/organisations/{cluster.slug}/links/propose/", {"other": member.slug, "role": "member"}
    )
    assert response.status_code == 302
    link = MemberLink.objects.get()
    assert (link.cluster, link.member, link.status) == (cluster, member, LinkStatus.PROPOSED)
    page = client.get(f"/organisations/{cluster.slug}/links/")
    assert [lk.member.name for lk in page.context["members"]["sent"]] == ["Airbus Supplier Nord"]
    # Already proposed: no longer offered.
    page = client.get(f"/organisations/{cluster.slug}/links/", {"find": "members", "q": "supplier"})
    assert page.context["found"] == []


def test_the_member_confirms_on_its_page_and_both_profiles_show_it(client, cluster, cluster_admin):
    member = _member("Aero Coatings GmbH")
    member_admin = MembershipFactory(organisation=member).user
    link = links.propose_link(cluster=cluster, member=member, actor=cluster_admin)
    client.force_login(member_admin)

    page = client.get(f"/organisations/{member.slug}/links/")
    assert [lk.pk for lk in page.context["clusters"]["to_decide"]] == [link.pk]
    response = client.post(
        f"/organisations/{member.slug}/links/{link.pk}/", {"action": "confirm"}, follow=True
    )

    assert response.redirect_chain[-1][0] == f"/organisations/{member.slug}/links/"
    assert "Aero Coatings GmbH is now listed as a member of Hamburg Aviation." in (
        response.content.decode()
    )
    client.logout()
    cluster_page = client.get(cluster.get_absolute_url())
    assert [lk.member for lk in cluster_page.context["member_links"]] == [member]
    html = cluster_page.content.decode()
    assert f'href="/organisations/map/?member_of={cluster.slug}"' in html
    member_page = client.get(member.get_absolute_url())
    assert member_page.context["member_of"] == [cluster]
    assert 'id="member-of"' in member_page.content.decode()


def test_a_member_asks_to_be_listed_and_the_cluster_declines(client, cluster, cluster_admin):
    member = _member("Wing Sensors")
    member_admin = MembershipFactory(organisation=member).user
    client.force_login(member_admin)

    page = client.get(f"/organisations/{member.slug}/links/", {"find": "clusters", "q": "hamburg"})
    assert page.context["found"] == [cluster]
    client.post(
        f"/organisations/{member.slug}/links/propose/", {"other": cluster.slug, "role": "cluster"}
    )
    link = MemberLink.objects.get()
    assert link.proposed_by_side == "member"

    client.force_login(cluster_admin)
    client.post(f"/organisations/{cluster.slug}/links/{link.pk}/", {"action": "decline"})
    link.refresh_from_db()
    assert link.status == LinkStatus.DECLINED


def test_the_proposer_cannot_confirm_its_own_proposal_through_the_page(
    client, cluster, cluster_admin
):
    member = _member("Cabin Interiors")
    link = links.propose_link(cluster=cluster, member=member, actor=cluster_admin)
    client.force_login(cluster_admin)

    response = client.post(
        f"/organisations/{cluster.slug}/links/{link.pk}/", {"action": "confirm"}, follow=True
    )

    assert "Only an administrator of the other organisation confirms this link." in (
        response.content.decode()
    )
    link.refresh_from_db()
    assert link.status == LinkStatus.PROPOSED


def test_a_link_of_another_organisation_is_404(client, cluster, cluster_admin):
    other_cluster = OrganisationFactory(name="Toulouse Aero", kind="cluster")
    other_admin = MembershipFactory(organisation=other_cluster).user
    member = _member("Rivets SA")
    link = links.propose_link(cluster=other_cluster, member=member, actor=other_admin)
    client.force_login(cluster_admin)

    response = client.post(f"/organisations/{cluster.slug}/links/{link.pk}/", {"action": "end"})

    assert response.status_code == 404
    link.refresh_from_db()
    assert link.status == LinkStatus.PROPOSED


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"other": "no-such-org", "role": "member"},
            "No published organisation with this address.",
        ),
        ({"other": "", "role": "member"}, "Choose an organisation from the search results."),
        ({"other": "x", "role": "boss"}, "Choose an organisation from the search results."),
    ],
)
def test_bad_proposals_are_refused_with_a_message(client, cluster, cluster_admin, data, message):
    client.force_login(cluster_admin)
    response = client.post(f"/organisations/{cluster.slug}/links/propose/", data, follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert MemberLink.objects.count() == 0


def test_a_draft_organisation_cannot_be_proposed(client, cluster, cluster_admin):
    draft = _member("Hidden Draft", status=ProfileStatus.DRAFT)
    client.force_login(cluster_admin)
    response = client.post(
        f"/organisations/{cluster.slug}/links/propose/",
        {"other": draft.slug, "role": "member"},
        follow=True,
    )
    assert "No published organisation with this address." in response.content.decode()
    assert MemberLink.objects.count() == 0


def test_an_unknown_action_is_refused(client, cluster, cluster_admin):
    link = links.propose_link(cluster=cluster, member=_member("Bolts"), actor=cluster_admin)
    client.force_login(cluster_admin)
    response = client.post(
        f"/organisations/{cluster.slug}/links/{link.pk}/", {"action": "explode"}, follow=True
    )
    assert "Choose confirm, decline or end." in response.content.decode()


def test_an_organisation_without_members_only_joins_clusters(client):
    university = OrganisationFactory(name="HAW Hamburg", kind="university")
    client.force_login(MembershipFactory(organisation=university).user)

    page = client.get(f"/organisations/{university.slug}/links/", {"find": "members", "q": "a"})

    assert page.context["finding"] == ""
    html = page.content.decode()
    assert 'id="member-organisations"' not in html
    assert 'id="clusters"' in html


# -- public pages ------------------------------------------------------------------------------


def test_proposals_are_not_public(client, cluster, cluster_admin):
    member = _member("Pending Parts")
    links.propose_link(cluster=cluster, member=member, actor=cluster_admin)

    assert client.get(cluster.get_absolute_url()).context["member_links"] == []
    assert client.get(member.get_absolute_url()).context["member_of"] == []
    assert (
        client.get(f"/organisations/?member_of={cluster.slug}").context["page"].paginator.count == 0
    )


def test_directory_and_map_show_a_clusters_confirmed_members(client, cluster, cluster_admin):
    shown = _member("Shown Member", latitude=53.55, longitude=9.99)
    _confirmed(cluster, shown, cluster_admin)
    _member("Not A Member")
    links.propose_link(cluster=cluster, member=_member("Only Proposed"), actor=cluster_admin)

    page = client.get("/organisations/", {"member_of": cluster.slug})
    assert [o.name for o in page.context["page"].object_list] == ["Shown Member"]
    assert page.context["member_of"] == cluster
    assert 'name="member_of"' in page.content.decode()
    map_page = client.get("/organisations/map/", {"member_of": cluster.slug})
    assert "Members of Hamburg Aviation on the map" in map_page.content.decode()
    points = json.loads(client.get("/organisations/map.json", {"member_of": cluster.slug}).content)
    assert [p[0] for p in points["points"]] == [shown.slug]
    # With a text search (the one-pass evaluation) too.
    page = client.get("/organisations/", {"member_of": cluster.slug, "q": "member"})
    assert [o.name for o in page.context["page"].object_list] == ["Shown Member"]
    kinds = next(f for f in page.context["facets"] if f.name == "kinds")
    assert [(v.value, v.count) for v in kinds.values] == [("sme", 1)]
    # Combined with another filter; and facets still count.
    page = client.get("/organisations/", {"member_of": cluster.slug, "kind": "cluster"})
    assert page.context["page"].paginator.count == 0


def test_the_map_data_is_fresh_after_a_confirmation(
    client, cluster, cluster_admin, django_capture_on_commit_callbacks
):
    member = _member("Fresh Member")
    assert (
        json.loads(client.get("/organisations/map.json", {"member_of": cluster.slug}).content)[
            "points"
        ]
        == []
    )
    with django_capture_on_commit_callbacks(execute=True):
        _confirmed(cluster, member, cluster_admin)  # bumps the directory's version on commit
    points = json.loads(client.get("/organisations/map.json", {"member_of": cluster.slug}).content)
    assert [p[0] for p in points["points"]] == [member.slug]


@pytest.mark.parametrize("value", ["no-such-cluster", "x" * 300])
def test_an_unknown_cluster_is_a_clear_400(client, value):
    response = client.get("/organisations/", {"member_of": value})
    assert response.status_code == 400
    assert client.get("/organisations/map.json", {"member_of": value}).status_code == 400


def test_a_university_slug_is_no_cluster(client):
    university = OrganisationFactory(name="No Members University", kind="university")
    response = client.get("/organisations/map.json", {"member_of": university.slug})
    assert response.status_code == 400
    assert json.loads(response.content)["messages"] == [
        f"No published cluster organisation “{university.slug}”."
    ]


# -- export ------------------------------------------------------------------------------------


def test_members_export_csv_and_json(client, cluster, cluster_admin):
    _confirmed(cluster, _member("=Formula Ltd", slug="formula-ltd", city="Kiel"), cluster_admin)
    _confirmed(cluster, _member("Beta Parts", city="Bremen"), cluster_admin)
    links.propose_link(cluster=cluster, member=_member("Gamma Pending"), actor=cluster_admin)

    response = client.get(f"/organisations/{cluster.slug}/members.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="members-{cluster.slug}.csv"'
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(r["name"], r["city"], r["kind"]) for r in rows] == [
        ("'=Formula Ltd", "Kiel", "Company (SME)"),
        ("Beta Parts", "Bremen", "Company (SME)"),
    ]
    payload = json.loads(client.get(f"/organisations/{cluster.slug}/members.json").content)
    assert payload["cluster"] == cluster.slug
    assert [m["name"] for m in payload["members"]] == ["=Formula Ltd", "Beta Parts"]
    assert payload["members"][0]["url"] == "/organisations/formula-ltd/"


def test_export_of_an_unpublished_or_memberless_organisation_is_404(client):
    draft = OrganisationFactory(name="Draft Cluster", kind="cluster", status=ProfileStatus.DRAFT)
    university = OrganisationFactory(name="Some University", kind="university")
    assert client.get(f"/organisations/{draft.slug}/members.csv").status_code == 404
    assert client.get(f"/organisations/{university.slug}/members.json").status_code == 404


# -- query counts ------------------------------------------------------------------------------


def _grow_links(cluster, cluster_admin, start, stop):
    for i in range(start, stop):
        member = _member(f"Linked {i:03d}", region="DE30", sectors=["automotive"])
        if i % 3:
            _confirmed(cluster, member, cluster_admin)
        else:
            links.propose_link(cluster=cluster, member=member, actor=cluster_admin)
        # and this organisation as a member of other clusters
        other = OrganisationFactory(name=f"Other Cluster {i:03d}", kind="cluster")
        links.propose_link(
            cluster=other, member=cluster, actor=MembershipFactory(organisation=other).user
        )


@pytest.mark.parametrize(
    "path",
    [
        "/organisations/{slug}/links/",
        "/organisations/{slug}/links/?find=members&q=linked",
        "/organisations/{slug}/",
        "/organisations/{slug}/members.csv",
        "/organisations/{slug}/members.json",
        "/organisations/?member_of={slug}",
        "/organisations/map.json?member_of={slug}",
    ],
)
def test_link_pages_do_not_grow_with_rows(client, cluster, cluster_admin, path):
    client.force_login(cluster_admin)
    _grow_links(cluster, cluster_admin, 0, 3)
    _assert_constant(
        _get(client, path.format(slug=cluster.slug)),
        lambda: _grow_links(cluster, cluster_admin, 3, 20),
    )


def test_cluster_profile_query_budget(
    client, cluster, cluster_admin, django_assert_max_num_queries
):
    _grow_links(cluster, cluster_admin, 0, 10)
    cache.clear()
    with django_assert_max_num_queries(25):
        assert client.get(cluster.get_absolute_url()).status_code == 200
