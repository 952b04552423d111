"""The partnerships API: public list with facets and detail, success stories, and the
reserved forum for the partnership's people (404 to everyone else)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusterbridge.partnerships.services import forum
from clusterbridge.partnerships.services.stories import add_story
from tests.factories import OrganisationFactory, StaffFactory, UserFactory
from tests.partnerships.factories import admin_of, proposed, published, with_partner

pytestmark = pytest.mark.django_db


def _story(partnership, title="MoU signed"):
    return add_story(
        partnership=partnership,
        actor=partnership.proposed_by,
        title=title,
        story="Signed.",
        result_type="mou",
        happened_on=datetime.date(2026, 2, 1),
        country="KR",
    )


def test_the_public_list_with_facets_and_filters(api):
    partnership = published(name="Korea Bridge", target_countries=["KR"])
    proposed(name="Hidden")
    data = api.get("/api/v1/partnerships/").json()
    assert data["count"] == 1
    assert data["results"][0] == {
        "slug": partnership.slug,
        "name": "Korea Bridge",
        "acronym": "",
        "type": "going_international",
        "coordinator": partnership.coordinator.slug,
        "coordinator_name": partnership.coordinator.name,
        "sectors": [],
        "target_countries": ["KR"],
        "url": partnership.get_absolute_url(),
    }
    facets = {f["name"]: f for f in data["facets"]}
    assert [v["value"] for v in facets["target_countries"]["values"]] == ["KR"]
    assert sorted(v["value"] for v in facets["member_countries"]["values"]) == ["DE", "FR"]
    assert api.get("/api/v1/partnerships/", {"target_country": "US"}).json()["count"] == 0
    response = api.get("/api/v1/partnerships/", {"member_country": "XX"})
    assert response.status_code == 400
    assert response.json()["message"] == "Unknown country code “XX”."


def test_detail_is_public_once_published_and_404_before(api):
    partnership = published(name="Korea Bridge")
    _story(partnership)
    data = api.get(f"/api/v1/partnerships/{partnership.slug}/").json()
    assert data["status"] == "published"
    assert [m["role"] for m in data["members"]] == ["coordinator", "partner"]
    assert [s["title"] for s in data["stories"]] == ["MoU signed"]
    draft = proposed(name="Draft")
    assert api.get(f"/api/v1/partnerships/{draft.slug}/").status_code == 404
    api.force_authenticate(draft.proposed_by)
    assert api.get(f"/api/v1/partnerships/{draft.slug}/").status_code == 200


def test_stories_list_is_public_and_constant_in_queries(api):
    for i in range(2):
        _story(published(name=f"P{i}"), title=f"Story {i}")
    api.get("/api/v1/partnerships/stories/")
    with CaptureQueriesContext(connection) as few:
        data = api.get("/api/v1/partnerships/stories/").json()
    assert data["count"] == 2
    for i in range(2, 6):
        _story(published(name=f"P{i}"), title=f"Story {i}")
    with CaptureQueriesContext(connection) as many:
        assert api.get("/api/v1/partnerships/stories/").json()["count"] == 6
    assert len(many.captured_queries) == len(few.captured_queries)
    with CaptureQueriesContext(connection) as listing:
        assert api.get("/api/v1/partnerships/").json()["count"] == 6
    assert len(listing.captured_queries) <= 8


def test_the_forum_is_for_the_partnerships_people_only(api):
    partnership = published()
    alice = partnership.proposed_by
    thread = forum.start_thread(partnership=partnership, actor=alice, title="Plans", body="Hi")
    forum.reply(thread=thread, actor=alice, body="<b>not html</b>")
    invited = with_partner(partnership, organisation=OrganisationFactory(), accept=None)
    threads = f"/api/v1/partnerships/{partnership.slug}/threads/"
    posts = f"{threads}{thread.pk}/posts/"
    assert api.get(threads).status_code in (401, 403)
    invited_admin = invited.organisation  # its people may see the page, not the forum

    for outsider in (UserFactory(), admin_of(invited_admin)):
        api.force_authenticate(outsider)
        assert api.get(threads).status_code == 404
        assert api.get(posts).status_code == 404
    other = published(name="Other")
    api.force_authenticate(other.proposed_by)  # a member of another partnership
    assert api.get(threads).status_code == 404
    assert (
        api.get(f"/api/v1/partnerships/{other.slug}/threads/{thread.pk}/posts/").status_code == 404
    )
    api.force_authenticate(alice)
    assert [t["title"] for t in api.get(threads).json()["results"]] == ["Plans"]
    assert [p["body"] for p in api.get(posts).json()["results"]] == ["Hi", "<b>not html</b>"]
    api.force_authenticate(StaffFactory())
    assert api.get(posts).status_code == 200
