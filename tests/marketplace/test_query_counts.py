"""Every marketplace list view runs a fixed number of queries, whatever the number of rows."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusterbridge.marketplace.services import interests, messaging
from clusterbridge.marketplace.views.messaging import INBOX_PAGE_SIZE
from tests.factories import StaffFactory, UserFactory
from tests.marketplace.factories import opportunity, poster

pytestmark = pytest.mark.django_db


def _count(client, path) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "path",
    [
        "/marketplace/",
        "/marketplace/?q=laser&kind=technology_offer",
        "/marketplace/for-you/",
        "/marketplace/mine/",
        "/marketplace/messages/",
        "/marketplace/figures/",
        "/marketplace/map.json",
    ],
)
def test_list_views_use_a_fixed_number_of_queries(client, path):
    me, my_org = poster(name="Mine")
    opportunity(user=me, organisation=my_org, kind="technology_request", title="Need laser")
    staff = StaffFactory()

    def grow(n: int) -> None:
        for _ in range(n):
            user, org = poster()
            post = opportunity(user=user, organisation=org, title="Laser offer")
            interest = interests.express_interest(
                opportunity=post,
                actor=me,
                organisation=my_org,
                cooperation_sought="technical",
                message="Hi",
            )
            messaging.send_message(conversation=interest.conversation, sender=user, body="Answer")
            messaging.report(reporter=user, reported_user=UserFactory(), reason="x")

    grow(1)
    client.force_login(me)
    client.get(path)  # warm-up
    few = _count(client, path)
    grow(4)
    many = _count(client, path)
    assert many == few
    client.force_login(staff)
    client.get("/marketplace/staff/reports/")
    few = _count(client, "/marketplace/staff/reports/")
    grow(2)
    assert _count(client, "/marketplace/staff/reports/") == few


def test_inbox_pages_use_a_fixed_number_of_queries(client):
    me = UserFactory()

    def grow(n: int) -> None:
        for _ in range(n):
            user, org = poster()
            conversation = messaging.start_direct_conversation(
                sender=user, recipient=me, subject="Hello", body="Hi"
            )
            conversation.organisations.add(org)

    grow(2)
    client.force_login(me)
    client.get("/marketplace/messages/")  # warm-up
    few = _count(client, "/marketplace/messages/")
    grow(INBOX_PAGE_SIZE * 2)
    assert _count(client, "/marketplace/messages/") == few
    assert _count(client, "/marketplace/messages/?page=2") == few
    assert _count(client, "/marketplace/messages/?page=3") == few
