"""The member-links pages and the profile sections in French and German: no English left."""

from __future__ import annotations

import pytest

from clusterbridge.organisations.services import links
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory
from tests.organisations.test_i18n_pages import _assert_translated, _content

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked():
    cluster_admin = MembershipFactory(
        user__name="Ada Lovelace", organisation__name="Lakeside Robotics Cluster"
    )
    cluster = cluster_admin.organisation
    members = [
        OrganisationFactory(name=f"Lakeside Member {i}", kind="sme", city="Konstanz")
        for i in range(3)
    ]
    for member in members[:2]:
        link = links.propose_link(cluster=cluster, member=member, actor=cluster_admin.user)
        links.confirm_link(link=link, actor=MembershipFactory(organisation=member).user)
    links.propose_link(cluster=cluster, member=members[2], actor=cluster_admin.user)
    other = OrganisationFactory(name="Alpine Cluster", city="Innsbruck")
    links.propose_link(
        cluster=other, member=cluster, actor=MembershipFactory(organisation=other).user
    )
    names = [m.name for m in members] + [cluster.name, "Alpine Cluster", "Innsbruck", "Konstanz"]
    return cluster_admin, members, names


def test_links_page_profiles_directory_and_map(client, linked):
    cluster_admin, members, names = linked
    cluster = cluster_admin.organisation
    content = _content(cluster, *names)
    _assert_translated(client, cluster.get_absolute_url(), content)
    _assert_translated(client, members[0].get_absolute_url(), _content(members[0], *names))
    _assert_translated(client, f"/organisations/?member_of={cluster.slug}", content)
    _assert_translated(client, f"/organisations/map/?member_of={cluster.slug}", content)
    client.login(email=cluster_admin.user.email, password=PASSWORD)
    _assert_translated(client, f"/organisations/{cluster.slug}/links/", content)
    _assert_translated(
        client, f"/organisations/{cluster.slug}/links/?find=members&q=lakeside", content
    )
    _assert_translated(client, "/me/", content)
