"""The "My account" hub: every area's section, with a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusterbridge.events.services import matchmaking
from clusterbridge.notifications.services.notify import notify
from tests.benchmarking.factories import validated_assessment
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import MembershipFactory, OrganisationFactory
from tests.marketplace.factories import opportunity

pytestmark = pytest.mark.django_db


def _person(n: int = 1, name: str = "Hub Cluster"):
    org = OrganisationFactory(name=name, kind="cluster")
    user = MembershipFactory(organisation=org).user
    for i in range(n):
        event = EventFactory(title=f"Forum {i}")
        mine = RegistrationFactory(event=event, user=user, organisation=org)
        other = RegistrationFactory(event=event)
        matchmaking.send_request(sender=other, recipient=mine, actor=other.user)
        opportunity(user=user, organisation=org, title=f"Offer {i}")
        notify(users=[user], kind="organisations.published", params={"organisation": f"N{i}"})
    validated_assessment(org, admin=user)
    return user


def test_the_hub_shows_each_area(client):
    user = _person()
    client.force_login(user)
    page = client.get("/me/").content.decode()
    for section in (
        "my-organisations",
        "my-events",
        "my-marketplace",
        "my-benchmarks",
        "my-notifications",
    ):
        assert f'id="{section}-section"' in page
    assert "Hub Cluster</a> — Administrator" in page
    assert "Forum 0</a>" in page and "1 meeting request to answer" in page
    assert "Offer 0</a>" in page
    assert "Hub Cluster: Bronze label, valid until" in page
    assert "Your profile is published: N0" in page


def test_the_hub_runs_a_fixed_number_of_queries(client):
    few, many = _person(1, name="Few"), _person(4, name="Many")

    def count(user) -> int:
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/me/").status_code == 200
        return len(queries)

    assert count(many) == count(few)
