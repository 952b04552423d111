"""Links between a cluster organisation and its member organisations: every transition, the
refused ones, who may act, audit entries and notifications."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from clusterbridge.common.models import AuditEntry
from clusterbridge.notifications.models import Notification
from clusterbridge.organisations.models import LinkSide, LinkStatus, MemberLink, ProfileStatus
from clusterbridge.organisations.queries import links as link_queries
from clusterbridge.organisations.services import links
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def cluster():
    return OrganisationFactory(name="Silicon Saxony Cluster", kind="cluster")


@pytest.fixture
def member():
    return OrganisationFactory(name="Dresden Sensors GmbH", kind="sme")


@pytest.fixture
def cluster_admin(cluster):
    return MembershipFactory(organisation=cluster, user=UserFactory(name="Clara Cluster")).user


@pytest.fixture
def member_admin(member):
    return MembershipFactory(organisation=member, user=UserFactory(name="Max Member")).user


def _proposed(cluster, member, cluster_admin):
    return links.propose_link(cluster=cluster, member=member, actor=cluster_admin, now=NOW)


# -- propose --------------------------------------------------------------------------------


def test_a_cluster_admin_adds_a_member_which_is_told(
    cluster, member, cluster_admin, member_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        link = _proposed(cluster, member, cluster_admin)

    assert (link.status, link.proposed_by_side, link.proposed_by, link.proposed_at) == (
        LinkStatus.PROPOSED,
        LinkSide.CLUSTER,
        cluster_admin,
        NOW,
    )
    assert link.deciding_side == LinkSide.MEMBER
    notification = Notification.objects.get()
    assert (notification.user, notification.kind, notification.title, notification.url) == (
        member_admin,
        "organisations.link_proposed_by_cluster",
        "Silicon Saxony Cluster lists Dresden Sensors GmbH as a member",
        f"/organisations/{member.slug}/links/",
    )
    assert [m.to for m in mail.outbox] == [[member_admin.email]]
    entries = AuditEntry.objects.filter(action="organisations.link_proposed")
    assert sorted(entries.values_list("organisation_id", flat=True)) == sorted(
        [cluster.pk, member.pk]
    )
    assert entries.first().changes == {
        "cluster": cluster.slug,
        "member": member.slug,
        "side": "cluster",
    }
    assert entries.first().source == "clusterbridge.organisations.services.links.propose_link"
    # A proposal is not public.
    assert list(link_queries.confirmed_members(cluster)) == []


def test_a_member_admin_asks_to_be_listed(cluster, member, cluster_admin, member_admin):
    link = links.propose_link(cluster=cluster, member=member, actor=member_admin, now=NOW)

    assert (link.status, link.proposed_by_side) == (LinkStatus.PROPOSED, LinkSide.MEMBER)
    notification = Notification.objects.get()
    assert (notification.user, notification.kind, notification.title) == (
        cluster_admin,
        "organisations.link_proposed_by_member",
        "Dresden Sensors GmbH asks to be listed as a member of Silicon Saxony Cluster",
    )


def test_an_admin_of_both_sides_links_at_once(cluster, member, cluster_admin):
    MembershipFactory(organisation=member, user=cluster_admin)

    link = _proposed(cluster, member, cluster_admin)

    assert (link.status, link.decided_by, link.confirmed_at) == (
        LinkStatus.CONFIRMED,
        cluster_admin,
        NOW,
    )
    assert list(link_queries.confirmed_members(cluster)) == [member]
    assert Notification.objects.count() == 0


def test_proposing_what_the_other_side_proposed_confirms_it(
    cluster, member, cluster_admin, member_admin
):
    links.propose_link(cluster=cluster, member=member, actor=member_admin, now=NOW)

    link = _proposed(cluster, member, cluster_admin)

    assert (link.status, link.proposed_by_side, link.decided_by) == (
        LinkStatus.CONFIRMED,
        LinkSide.MEMBER,
        cluster_admin,
    )
    assert MemberLink.objects.count() == 1


@pytest.mark.parametrize("who", ["outsider", "plain_member_of_cluster", "staff", "anonymous"])
def test_only_an_administrator_of_a_side_proposes(cluster, member, who):
    from django.contrib.auth.models import AnonymousUser

    actor = {
        "outsider": lambda: UserFactory(),
        "plain_member_of_cluster": lambda: (
            MembershipFactory(organisation=cluster, role="member").user
        ),
        "staff": lambda: StaffFactory(),
        "anonymous": AnonymousUser,
    }[who]()

    with pytest.raises(PermissionDenied):
        links.propose_link(cluster=cluster, member=member, actor=actor)
    assert MemberLink.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_the_cluster_must_be_a_kind_with_members(member, member_admin):
    university = OrganisationFactory(name="TU Dresden", kind="university")

    with pytest.raises(ValidationError) as caught:
        links.propose_link(cluster=university, member=member, actor=member_admin)

    assert caught.value.messages == [
        "TU Dresden is a university: only cluster organisations, national cluster "
        "associations and networks of clusters list member organisations."
    ]
    assert MemberLink.objects.count() == 0


def test_no_organisation_is_a_member_of_itself(cluster, cluster_admin):
    with pytest.raises(ValidationError) as caught:
        links.propose_link(cluster=cluster, member=cluster, actor=cluster_admin)
    assert caught.value.messages == ["An organisation cannot be a member of itself."]


@pytest.mark.parametrize("status", [ProfileStatus.DRAFT, ProfileStatus.SUBMITTED])
def test_both_profiles_must_be_published(cluster, cluster_admin, status):
    draft = OrganisationFactory(name="Draft Works", kind="sme", status=status)

    with pytest.raises(ValidationError) as caught:
        links.propose_link(cluster=cluster, member=draft, actor=cluster_admin)

    assert caught.value.messages == [
        "The profile of Draft Works is not published yet; links are made between published "
        "profiles."
    ]


def test_proposing_twice_is_refused(cluster, member, cluster_admin):
    _proposed(cluster, member, cluster_admin)

    with pytest.raises(ValidationError) as caught:
        _proposed(cluster, member, cluster_admin)

    assert caught.value.code == "duplicate"
    assert MemberLink.objects.count() == 1


def test_a_confirmed_link_cannot_be_proposed_again(cluster, member, cluster_admin, member_admin):
    link = _proposed(cluster, member, cluster_admin)
    links.confirm_link(link=link, actor=member_admin)

    with pytest.raises(ValidationError) as caught:
        links.propose_link(cluster=cluster, member=member, actor=member_admin)

    assert caught.value.messages == [
        "Dresden Sensors GmbH is already listed as a member of Silicon Saxony Cluster."
    ]


# -- confirm / decline ----------------------------------------------------------------------


def test_the_member_confirms_and_the_cluster_is_told(
    cluster, member, cluster_admin, member_admin, django_capture_on_commit_callbacks
):
    link = _proposed(cluster, member, cluster_admin)
    Notification.objects.all().delete()
    confirmed_at = NOW + dt.timedelta(days=2)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        link = links.confirm_link(link=link, actor=member_admin, now=confirmed_at)

    assert (link.status, link.decided_by, link.decided_at, link.confirmed_at) == (
        LinkStatus.CONFIRMED,
        member_admin,
        confirmed_at,
        confirmed_at,
    )
    assert len(callbacks) >= 1  # the directory's cache version is bumped on commit
    notification = Notification.objects.get()
    assert (notification.user, notification.kind, notification.title) == (
        cluster_admin,
        "organisations.link_confirmed",
        "Dresden Sensors GmbH is now listed as a member of Silicon Saxony Cluster",
    )
    assert AuditEntry.objects.filter(action="organisations.link_confirmed").count() == 2
    assert list(link_queries.confirmed_members(cluster)) == [member]
    assert list(link_queries.clusters_of(member)) == [cluster]


def test_the_member_declines(cluster, member, cluster_admin, member_admin):
    link = _proposed(cluster, member, cluster_admin)
    Notification.objects.all().delete()

    link = links.decline_link(link=link, actor=member_admin, now=NOW)

    assert (link.status, link.decided_by, link.confirmed_at) == (
        LinkStatus.DECLINED,
        member_admin,
        None,
    )
    notification = Notification.objects.get()
    assert (notification.user, notification.kind) == (cluster_admin, "organisations.link_declined")
    assert AuditEntry.objects.filter(action="organisations.link_declined").count() == 2
    assert list(link_queries.confirmed_members(cluster)) == []


def test_the_proposing_side_cannot_confirm_or_decline_its_own_proposal(
    cluster, member, cluster_admin
):
    link = _proposed(cluster, member, cluster_admin)

    with pytest.raises(PermissionDenied):
        links.confirm_link(link=link, actor=cluster_admin)
    with pytest.raises(PermissionDenied):
        links.decline_link(link=link, actor=cluster_admin)
    link.refresh_from_db()
    assert link.status == LinkStatus.PROPOSED


@pytest.mark.parametrize("who", ["outsider", "staff", "plain_member"])
def test_outsiders_cannot_decide(cluster, member, cluster_admin, who):
    link = _proposed(cluster, member, cluster_admin)
    actor = {
        "outsider": lambda: UserFactory(),
        "staff": lambda: StaffFactory(),
        "plain_member": lambda: MembershipFactory(organisation=member, role="member").user,
    }[who]()

    with pytest.raises(PermissionDenied):
        links.confirm_link(link=link, actor=actor)
    with pytest.raises(PermissionDenied):
        links.decline_link(link=link, actor=actor)


@pytest.mark.parametrize("status", [LinkStatus.CONFIRMED, LinkStatus.DECLINED, LinkStatus.ENDED])
def test_only_a_proposal_is_confirmed_or_declined(
    cluster, member, cluster_admin, member_admin, status
):
    link = _proposed(cluster, member, cluster_admin)
    MemberLink.objects.filter(pk=link.pk).update(status=status)

    with pytest.raises(PermissionDenied):
        links.confirm_link(link=link, actor=member_admin)
    with pytest.raises(PermissionDenied):
        links.decline_link(link=link, actor=member_admin)


# -- end ------------------------------------------------------------------------------------


@pytest.mark.parametrize("side", ["cluster", "member"])
def test_either_side_ends_a_confirmed_link(cluster, member, cluster_admin, member_admin, side):
    link = links.confirm_link(link=_proposed(cluster, member, cluster_admin), actor=member_admin)
    Notification.objects.all().delete()
    actor, told = (
        (cluster_admin, member_admin) if side == "cluster" else (member_admin, cluster_admin)
    )

    link = links.end_link(link=link, actor=actor, now=NOW)

    assert (link.status, link.ended_by, link.ended_by_side, link.ended_at) == (
        LinkStatus.ENDED,
        actor,
        side,
        NOW,
    )
    notification = Notification.objects.get()
    assert (notification.user, notification.kind, notification.title) == (
        told,
        "organisations.link_ended",
        "Link ended: Dresden Sensors GmbH in Silicon Saxony Cluster",
    )
    entry = AuditEntry.objects.filter(action="organisations.link_ended").first()
    assert entry.changes["side"] == side and entry.changes["was"] == "confirmed"
    assert list(link_queries.confirmed_members(cluster)) == []


def test_the_proposer_withdraws_a_proposal(cluster, member, cluster_admin):
    link = links.end_link(link=_proposed(cluster, member, cluster_admin), actor=cluster_admin)
    assert link.status == LinkStatus.ENDED


def test_staff_end_a_link_and_both_sides_are_told(cluster, member, cluster_admin, member_admin):
    link = links.confirm_link(link=_proposed(cluster, member, cluster_admin), actor=member_admin)
    Notification.objects.all().delete()

    link = links.end_link(link=link, actor=StaffFactory())

    assert (link.status, link.ended_by_side) == (LinkStatus.ENDED, "")
    assert set(Notification.objects.values_list("user_id", flat=True)) == {
        cluster_admin.pk,
        member_admin.pk,
    }


def test_outsiders_cannot_end_a_link(cluster, member, cluster_admin):
    link = _proposed(cluster, member, cluster_admin)
    with pytest.raises(PermissionDenied):
        links.end_link(link=link, actor=UserFactory())


@pytest.mark.parametrize("status", [LinkStatus.DECLINED, LinkStatus.ENDED])
def test_a_declined_or_ended_link_cannot_end(cluster, member, cluster_admin, status):
    link = _proposed(cluster, member, cluster_admin)
    MemberLink.objects.filter(pk=link.pk).update(status=status)

    with pytest.raises(ValidationError) as caught:
        links.end_link(link=link, actor=cluster_admin)

    assert caught.value.code == "transition"


# -- proposing again ------------------------------------------------------------------------


def test_an_ended_link_may_be_proposed_again(cluster, member, cluster_admin, member_admin):
    link = links.confirm_link(link=_proposed(cluster, member, cluster_admin), actor=member_admin)
    links.end_link(link=link, actor=member_admin)

    again = links.propose_link(cluster=cluster, member=member, actor=member_admin, now=NOW)

    assert again.pk == link.pk
    assert (again.status, again.proposed_by_side, again.ended_at, again.confirmed_at) == (
        LinkStatus.PROPOSED,
        LinkSide.MEMBER,
        None,
        None,
    )


def test_after_a_decline_the_declined_side_waits_30_days(
    cluster, member, cluster_admin, member_admin
):
    link = _proposed(cluster, member, cluster_admin)
    links.decline_link(link=link, actor=member_admin, now=NOW)

    with pytest.raises(ValidationError) as caught:
        links.propose_link(
            cluster=cluster, member=member, actor=cluster_admin, now=NOW + dt.timedelta(days=29)
        )
    assert caught.value.messages == [
        "This link was declined on 2026-11-02; you may ask again 30 days after a decline."
    ]

    again = links.propose_link(
        cluster=cluster, member=member, actor=cluster_admin, now=NOW + dt.timedelta(days=30)
    )
    assert again.status == LinkStatus.PROPOSED


def test_the_side_that_declined_may_propose_at_once(cluster, member, cluster_admin, member_admin):
    link = _proposed(cluster, member, cluster_admin)
    links.decline_link(link=link, actor=member_admin, now=NOW)

    again = links.propose_link(cluster=cluster, member=member, actor=member_admin, now=NOW)

    assert (again.status, again.proposed_by_side) == (LinkStatus.PROPOSED, LinkSide.MEMBER)


def test_transitions_table_is_complete():
    assert set(links.TRANSITIONS) == set(LinkStatus)
    assert links.TRANSITIONS[LinkStatus.CONFIRMED] == {LinkStatus.ENDED}


# -- public read side -----------------------------------------------------------------------


def test_an_unpublished_member_disappears_from_the_cluster(
    cluster, member, cluster_admin, member_admin
):
    links.confirm_link(link=_proposed(cluster, member, cluster_admin), actor=member_admin)
    member.status = ProfileStatus.RETURNED
    member.save()

    assert list(link_queries.confirmed_members(cluster)) == []
    assert list(link_queries.member_rows(cluster)) == []


def test_the_personal_data_export_lists_the_links_a_person_acted_on(
    cluster, member, cluster_admin, member_admin
):
    from clusterbridge.organisations import privacy

    links.confirm_link(link=_proposed(cluster, member, cluster_admin), actor=member_admin)

    assert privacy.export(cluster_admin)["member_links_acted_on"] == [
        {
            "cluster": "Silicon Saxony Cluster",
            "member": "Dresden Sensors GmbH",
            "status": "confirmed",
            "proposed": True,
            "decided": False,
            "ended": False,
            "proposed_at": NOW.isoformat(),
        }
    ]
    assert [e["decided"] for e in privacy.export(member_admin)["member_links_acted_on"]] == [True]
    assert privacy.export(UserFactory())["member_links_acted_on"] == []
