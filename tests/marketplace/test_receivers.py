"""The marketplace follows profile changes and membership removals, and shows unread counts."""

from __future__ import annotations

import importlib

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import timezone

from clusterbridge.marketplace.context_processors import unread_messages
from clusterbridge.marketplace.models import Opportunity, Participant
from clusterbridge.marketplace.queries.messaging import unread_total
from clusterbridge.marketplace.queries.search import OpportunityQuery, marketplace_version, run
from clusterbridge.marketplace.services import interests, messaging
from clusterbridge.notifications.models import Notification
from clusterbridge.organisations.models import Membership
from clusterbridge.organisations.services import profiles
from clusterbridge.organisations.services.memberships import remove_member
from tests.factories import MembershipFactory, UserFactory
from tests.marketplace.factories import opportunity, poster

pytestmark = pytest.mark.django_db


def test_profile_change_refreshes_the_copies_and_the_cache_version(
    django_capture_on_commit_callbacks,
):
    user, org = poster(name="Alpha Cluster", country="DE")
    post = opportunity(user=user, organisation=org, title="Laser welding")
    draft = opportunity(user=user, organisation=org, title="Draft", publish=False)
    other_user, other_org = poster(country="DE")
    other = opportunity(user=other_user, organisation=other_org)
    version = marketplace_version()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        profiles.update_profile(
            organisation=org, actor=user, data={"country": "FR", "kind": "university"}
        )
    assert callbacks  # the signal is sent on commit
    for row in (post, draft):
        row.refresh_from_db()
        assert (row.country.code, row.organisation_kind) == ("FR", "university")
    other.refresh_from_db()
    assert (other.country.code, other.organisation_kind) == ("DE", "cluster")
    assert marketplace_version() > version
    _, facets = run(OpportunityQuery(text="laser"))
    countries = {v.value: v.count for v in facets[3].values}
    assert countries == {"FR": 1, "DE": 1}

    with django_capture_on_commit_callbacks(execute=True):
        profiles.update_profile(organisation=org, actor=user, data={"name": "Beta Cluster"})
    results, _ = run(OpportunityQuery(text="beta"))
    assert [p.pk for p in results[0:5]] == [post.pk]
    assert "alpha" not in Opportunity.objects.get(pk=post.pk).search_document


def test_profile_change_of_other_fields_writes_nothing(django_capture_on_commit_callbacks):
    user, org = poster(city="Berlin")
    post = opportunity(user=user, organisation=org)
    before = Opportunity.objects.get(pk=post.pk).updated_at
    version = marketplace_version()
    with django_capture_on_commit_callbacks(execute=True):
        profiles.update_profile(organisation=org, actor=user, data={"city": "Munich"})
    assert Opportunity.objects.get(pk=post.pk).updated_at == before
    assert marketplace_version() == version


def test_unread_messages_context_processor(django_assert_num_queries):
    alice, bob = UserFactory(), UserFactory()
    conversation = messaging.start_direct_conversation(
        sender=alice, recipient=bob, subject="Hello", body="First"
    )
    messaging.send_message(conversation=conversation, sender=alice, body="Second")
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert unread_messages(request) == {}
    request.user = bob
    with django_assert_num_queries(1):
        assert unread_messages(request) == {"unread_messages": 2}
    request.user = alice  # her own messages are not unread
    assert unread_messages(request) == {"unread_messages": 0}
    messaging.mark_read(conversation=conversation, user=bob, now=timezone.now())
    request.user = bob
    assert unread_messages(request) == {"unread_messages": 0}


def test_removed_member_loses_the_organisations_conversations_but_not_one_to_one(
    client, django_capture_on_commit_callbacks
):
    owner, org = poster(name="Poster Org")
    post = opportunity(user=owner, organisation=org)
    partner, partner_org = poster(name="Partner Org")
    leaver = MembershipFactory(organisation=org, role=Membership.Role.MEMBER).user
    # Also a member of a third organisation, whose conversations stay hers.
    third_org = MembershipFactory(user=leaver).organisation
    third_post = opportunity(user=leaver, organisation=third_org, title="Third offer")
    interest = interests.express_interest(
        opportunity=post,
        actor=partner,
        organisation=partner_org,
        cooperation_sought="technical",
        message="Hi",
    )
    third_interest = interests.express_interest(
        opportunity=third_post,
        actor=partner,
        organisation=partner_org,
        cooperation_sought="technical",
        message="Hello third",
    )
    direct = messaging.start_direct_conversation(
        sender=partner, recipient=leaver, subject="Just us", body="Private"
    )
    conversation = interest.conversation
    assert Participant.objects.filter(conversation=conversation, user=leaver).count() == 1
    client.force_login(leaver)
    assert client.get(conversation.get_absolute_url()).status_code == 200

    membership = Membership.objects.get(user=leaver, organisation=org)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        remove_member(membership=membership, actor=owner)
    assert len(callbacks) >= 1

    assert client.get(conversation.get_absolute_url()).status_code == 404
    assert client.post(conversation.get_absolute_url(), {"body": "Still here?"}).status_code == 404
    assert Participant.objects.filter(conversation=conversation, user=leaver).count() == 0
    assert sorted(
        Participant.objects.filter(conversation=conversation).values_list("user_id", flat=True)
    ) == sorted([owner.pk, partner.pk])
    # One-to-one and the other organisation's conversations are untouched.
    assert client.get(direct.get_absolute_url()).status_code == 200
    assert client.get(third_interest.conversation.get_absolute_url()).status_code == 200
    # No more alerts for the organisation's conversation.
    Notification.objects.filter(user=leaver).delete()
    assert unread_total(leaver) == 2  # "Private" and "Hello third"; GETs do not mark read
    messaging.send_message(conversation=conversation, sender=partner, body="News")
    assert Notification.objects.filter(user=leaver).count() == 0
    assert unread_total(leaver) == 2


def test_a_seat_stays_while_the_user_still_speaks_for_another_organisation_of_it(
    django_capture_on_commit_callbacks,
):
    owner, org = poster()
    post = opportunity(user=owner, organisation=org)
    partner, partner_org = poster()
    both = MembershipFactory(organisation=org, role=Membership.Role.MEMBER).user
    MembershipFactory(user=both, organisation=partner_org, role=Membership.Role.MEMBER)
    interest = interests.express_interest(
        opportunity=post,
        actor=partner,
        organisation=partner_org,
        cooperation_sought="technical",
        message="Hi",
    )
    with django_capture_on_commit_callbacks(execute=True):
        remove_member(membership=Membership.objects.get(user=both, organisation=org), actor=both)
    assert Participant.objects.filter(conversation=interest.conversation, user=both).count() == 1


def test_migration_removes_seats_that_former_members_kept_before_the_receiver():
    from django.apps import apps

    migration = importlib.import_module(
        "clusterbridge.marketplace.migrations.0004_remove_former_members_seats"
    )
    owner, org = poster()
    post = opportunity(user=owner, organisation=org)
    partner, partner_org = poster()
    former = MembershipFactory(organisation=org, role=Membership.Role.MEMBER).user
    interest = interests.express_interest(
        opportunity=post,
        actor=partner,
        organisation=partner_org,
        cooperation_sought="technical",
        message="Hi",
    )
    direct = messaging.start_direct_conversation(
        sender=partner, recipient=former, subject="Just us", body="Private"
    )
    # Removed without the signal, as before the receiver existed.
    Membership.objects.filter(user=former, organisation=org).delete()

    migration.remove_former_members_seats(apps, None)

    assert sorted(
        Participant.objects.filter(conversation=interest.conversation).values_list(
            "user_id", flat=True
        )
    ) == sorted([owner.pk, partner.pk])
    assert Participant.objects.filter(conversation=direct, user=former).count() == 1
