"""Every list view runs a fixed number of queries, whatever the number of rows."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusterbridge.organisations.models import ContactPerson, ProfileChange, ProfileStatus
from clusterbridge.organisations.services import memberships
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def _published(start: int, stop: int) -> None:
    for i in range(start, stop):
        org = OrganisationFactory(
            name=f"Listed {i:03d}",
            region="DE30",
            sectors=["automotive", "biopharmaceuticals"] if i % 2 else ["automotive"],
            technologies=["photonics"],
            members_smes=i,
        )
        ContactPerson.objects.create(
            organisation=org, name=f"Contact {i}", email=f"c{i}@example.org"
        )


def _queries(fetch: Callable[[], object]) -> tuple[int, int]:
    """Queries with a cold cache, then with a warm one (facets and map data are cached)."""
    cache.clear()
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as context:
            fetch()
        counts.append(len(context.captured_queries))
    return counts[0], counts[1]


def _assert_constant(fetch: Callable[[], object], grow: Callable[[], None]) -> None:
    fetch()  # warm-up: sessions, content types
    few = _queries(fetch)
    grow()
    many = _queries(fetch)
    assert many == few, f"{few} queries (cold, warm) for few rows but {many} for many"


def _get(client, path, expected_status=200, **kwargs):
    def fetch():
        response = client.get(path, **kwargs)
        assert response.status_code == expected_status
        if response.streaming:
            b"".join(response.streaming_content)
        return response

    return fetch


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/organisations/", {}),
        ("/organisations/?sector=automotive&country=DE&q=listed", {}),
        ("/organisations/?sort=size", {"HX-Request": "true"}),
        ("/organisations/map.json", {}),
        ("/organisations/export.csv", {}),
        ("/organisations/export.json?sector=automotive", {}),
    ],
)
def test_directory_views_do_not_grow_with_rows(client, path, headers):
    _published(0, 3)
    _assert_constant(_get(client, path, headers=headers), lambda: _published(3, 30))


def test_directory_page_query_budget(client, django_assert_max_num_queries):
    _published(0, 30)
    cache.clear()
    with django_assert_max_num_queries(14):
        client.get("/organisations/?sector=automotive")


def test_moderation_queue(client):
    client.force_login(StaffFactory())

    def grow_queue(start, stop):
        for i in range(start, stop):
            OrganisationFactory(
                name=f"Queued {i}",
                status=ProfileStatus.SUBMITTED,
                published_at=None,
                sectors=["automotive"],
            )

    grow_queue(0, 3)
    _assert_constant(_get(client, "/staff/moderation/"), lambda: grow_queue(3, 30))


def test_members_page(client):
    org = OrganisationFactory()
    admin = MembershipFactory(organisation=org).user
    client.force_login(admin)

    def grow(start, stop):
        for i in range(start, stop):
            MembershipFactory(organisation=org, role="member")
            memberships.invite_member(
                organisation=org, actor=admin, email=f"inv{i}@example.org", role="member"
            )

    grow(0, 3)
    _assert_constant(_get(client, f"/organisations/{org.slug}/members/"), lambda: grow(3, 30))


def test_history_page(client):
    org = OrganisationFactory()
    admin = MembershipFactory(organisation=org).user
    client.force_login(admin)

    def grow(start, stop):
        for i in range(start, stop):
            ProfileChange.objects.create(
                organisation=org,
                actor=UserFactory(),
                action=ProfileChange.Action.UPDATED,
                changes={"city": [f"A{i}", f"B{i}"]},
            )

    grow(0, 3)
    _assert_constant(_get(client, f"/organisations/{org.slug}/history/"), lambda: grow(3, 30))
