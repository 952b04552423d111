"""The marketplace follows profile changes (``profile_changed``) and shows unread counts."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import timezone

from clusterbridge.marketplace.context_processors import unread_messages
from clusterbridge.marketplace.models import Opportunity
from clusterbridge.marketplace.queries.search import OpportunityQuery, marketplace_version, run
from clusterbridge.marketplace.services import messaging
from clusterbridge.organisations.services import profiles
from tests.factories import UserFactory
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
