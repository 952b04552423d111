"""Partnership pages: the public list (facets, export, bad filters), the life-cycle pages,
404 for every reserved object, and fixed numbers of queries on list views."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusterbridge.partnerships.models import MemberState, Partnership, PartnershipStatus
from clusterbridge.partnerships.services import documents, forum
from clusterbridge.partnerships.services.stories import add_story
from clusterbridge.taxonomy.models import ClusterCategory
from tests.factories import PASSWORD, OrganisationFactory, StaffFactory, UserFactory
from tests.partnerships.factories import admin_of, member_of, proposed, published, with_partner

pytestmark = pytest.mark.django_db


def _login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


def _queries(client, url: str, **params) -> tuple[int, object]:
    client.get(url, params)  # warm up caches (sessions, search versions, facets)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    return len(captured.captured_queries), response


def _several(n: int, start: int = 0) -> None:
    sector = ClusterCategory.objects.order_by("code").first()
    for i in range(start, start + n):
        partnership = proposed(
            name=f"Partnership {i:03}", target_countries=["US", "JP"], sectors=[sector]
        )
        with_partner(partnership, organisation=OrganisationFactory(country="IT"))
        from clusterbridge.partnerships.services.partnerships import validate

        validate(partnership=partnership, actor=StaffFactory())
        add_story(
            partnership=partnership,
            actor=partnership.proposed_by,
            title=f"Story {i}",
            story="It worked.",
            result_type="mou",
            happened_on=datetime.date(2026, 1, 1),
            organisations=[partnership.coordinator],
        )


def test_the_public_list_shows_published_partnerships_with_facets(client):
    _several(2)
    hidden = proposed(name="Secret Plan")
    body = client.get("/partnerships/").content.decode()
    assert "Partnership 000" in body and "Partnership 001" in body
    assert hidden.name not in body
    assert "<strong>2</strong> partnerships" in body
    for label in ("Type", "Sector", "Target country", "Member country"):
        assert f"<summary>{label}</summary>" in body
    assert 'name="target_country" value="US"' in body
    assert 'name="member_country" value="IT"' in body
    body = client.get("/partnerships/", {"member_country": "IT", "q": "000"}).content.decode()
    assert "<strong>1</strong> partnership" in body


def test_bad_filters_are_a_400_with_a_specific_message(client):
    response = client.get("/partnerships/", {"target_country": "XX", "type": "cartel"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Unknown country code “XX”." in body
    assert "Unknown type of partnership “cartel”." in body
    assert client.get("/partnerships/export.csv", {"sort": "x"}).status_code == 400


def test_csv_export(client):
    _several(1)
    response = client.get("/partnerships/export.csv", {"target_country": "US"})
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == (
        "name,acronym,type,coordinator,coordinator_country,programme,starts_on,ends_on,"
        "target_countries,sectors,url"
    )
    assert len(lines) == 2 and lines[1].startswith("Partnership 000,,going_international,")
    assert "JP US" in lines[1]


def test_list_pages_use_a_fixed_number_of_queries(client):
    _several(2)
    user = UserFactory()
    _login(client, user)
    few_list, _ = _queries(client, "/partnerships/")
    few_stories, _ = _queries(client, "/partnerships/stories/")
    few_text, _ = _queries(client, "/partnerships/", q="partnership")
    _several(4, start=2)
    many_list, response = _queries(client, "/partnerships/")
    assert "<strong>6</strong> partnerships" in response.content.decode()
    many_stories, _ = _queries(client, "/partnerships/stories/")
    many_text, _ = _queries(client, "/partnerships/", q="partnership")
    assert (many_list, many_stories, many_text) == (few_list, few_stories, few_text)
    assert many_list <= 14


def test_forum_pages_use_a_fixed_number_of_queries(client):
    partnership = published()
    alice = partnership.proposed_by
    thread = forum.start_thread(partnership=partnership, actor=alice, title="T0", body="B")
    _login(client, alice)
    url = f"/partnerships/{partnership.slug}/forum/"
    few_forum, _ = _queries(client, url)
    few_thread, _ = _queries(client, thread.get_absolute_url())
    for i in range(1, 6):
        other = forum.start_thread(partnership=partnership, actor=alice, title=f"T{i}", body="B")
        forum.reply(thread=thread, actor=alice, body=f"Reply {i}")
    many_forum, _ = _queries(client, url)
    many_thread, response = _queries(client, thread.get_absolute_url())
    assert "Reply 5" in response.content.decode()
    assert (many_forum, many_thread) == (few_forum, few_thread)
    assert other.title == "T5"


def test_partnership_page_and_profile_section(client):
    _several(1)
    partnership = Partnership.objects.get()
    body = client.get(partnership.get_absolute_url()).content.decode()
    assert f"<h1>{partnership.name}" in body
    assert "Story 0" in body
    assert 'id="forum-link"' not in body
    profile = client.get(partnership.coordinator.get_absolute_url()).content.decode()
    assert 'id="partnerships-title">Partnerships</h2>' in profile
    assert f'<a href="{partnership.get_absolute_url()}">{partnership.name}</a>' in profile
    assert client.get("/partnerships/stories/").content.decode().count('class="card story"') == 1


def test_reserved_objects_are_404_to_outsiders(client):
    """Every reserved object and action answers 404 to someone who may not see it."""
    partnership = published()
    alice = partnership.proposed_by
    thread = forum.start_thread(partnership=partnership, actor=alice, title="Plans", body="B")
    draft = proposed(name="Unpublished Alliance")
    invited = with_partner(draft, accept=None)
    slug, pk = partnership.slug, thread.pk
    secret, public, draft_public = (
        documents.add_document(
            partnership=p,
            actor=p.proposed_by,
            title="Doc",
            category="minutes",
            visibility=visibility,
            upload=SimpleUploadedFile("doc.pdf", b"%PDF-1.4\n%%EOF\n"),
        )
        for p, visibility in ((partnership, "members"), (partnership, "public"), (draft, "public"))
    )
    reserved = [
        ("get", f"/partnerships/{slug}/forum/"),
        ("get", f"/partnerships/{slug}/forum/new/"),
        ("post", f"/partnerships/{slug}/forum/new/"),
        ("get", f"/partnerships/{slug}/forum/{pk}/"),
        ("post", f"/partnerships/{slug}/forum/{pk}/"),
        ("post", f"/partnerships/{slug}/forum/{pk}/subscription/"),
        ("post", f"/partnerships/{slug}/invite/"),
        ("post", f"/partnerships/{slug}/withdraw/"),
        ("post", f"/partnerships/{slug}/validate/"),
        ("post", f"/partnerships/{slug}/send-back/"),
        ("get", f"/partnerships/{slug}/stories/new/"),
        ("get", f"/partnerships/{draft.slug}/"),
        ("post", f"/partnerships/{draft.slug}/resubmit/"),
        ("post", f"/partnerships/{draft.slug}/invitations/{invited.pk}/"),
        ("get", "/partnerships/validation/"),
        # A thread asked for under another partnership's address.
        ("get", f"/partnerships/{draft.slug}/forum/{pk}/"),
        # Documents: members-only ones, page actions and file; anything of a draft.
        ("get", f"/partnerships/{slug}/documents/{secret.pk}/file/"),
        ("get", f"/partnerships/{slug}/documents/{secret.pk}/edit/"),
        ("post", f"/partnerships/{slug}/documents/{secret.pk}/edit/"),
        ("post", f"/partnerships/{slug}/documents/{secret.pk}/delete/"),
        ("get", f"/partnerships/{slug}/documents/{public.pk}/edit/"),
        ("post", f"/partnerships/{slug}/documents/{public.pk}/delete/"),
        ("get", f"/partnerships/{draft.slug}/documents/"),
        ("get", f"/partnerships/{draft.slug}/documents/export.csv"),
        ("get", f"/partnerships/{draft.slug}/documents/{draft_public.pk}/file/"),
        ("get", f"/partnerships/{draft.slug}/documents/{public.pk}/file/"),
    ]
    outsider = UserFactory()
    _login(client, outsider)
    for method, url in reserved:
        response = getattr(client, method)(
            url, {"body": "x", "subscribed": "1", "answer": "accept"}
        )
        assert response.status_code == 404, (method, url, response.status_code)
    # The people of the partnership do see their forum and thread.
    _login(client, alice)
    assert client.get(f"/partnerships/{slug}/forum/").status_code == 200
    assert client.get(f"/partnerships/{slug}/forum/{pk}/").status_code == 200
    assert client.get(f"/partnerships/{slug}/documents/{secret.pk}/file/").status_code == 200
    # Staff read the forum (moderation) and the draft.
    _login(client, StaffFactory())
    assert client.get(f"/partnerships/{slug}/forum/{pk}/").status_code == 200
    assert client.get(f"/partnerships/{draft.slug}/").status_code == 200


def test_the_journey_through_the_pages(client):
    coordinator = OrganisationFactory(name="Cluster Nord")
    alice = admin_of(coordinator)
    guest = OrganisationFactory(name="Pôle Sud", country="FR")
    bob = admin_of(guest)
    _login(client, alice)
    response = client.post(
        "/partnerships/propose/",
        {"coordinator": coordinator.pk, "name": "Arctic Bridge", "kind": "bilateral",
         "target_countries": ["CA"]},
    )  # fmt: skip
    partnership = Partnership.objects.get()
    assert response.status_code == 302 and response["Location"] == partnership.get_absolute_url()
    response = client.post(
        f"/partnerships/{partnership.slug}/invite/", {"organisation": guest.slug, "role": "partner"}
    )
    member = partnership.members.get(organisation=guest)
    assert member.state == MemberState.INVITED
    _login(client, bob)
    body = client.get(partnership.get_absolute_url()).content.decode()
    assert f'id="invitation-{member.pk}"' in body
    client.post(f"/partnerships/{partnership.slug}/invitations/{member.pk}/", {"answer": "accept"})
    member.refresh_from_db()
    assert member.state == MemberState.ACCEPTED
    _login(client, StaffFactory())
    client.post(f"/partnerships/{partnership.slug}/validate/")
    partnership.refresh_from_db()
    assert partnership.status == PartnershipStatus.PUBLISHED
    _login(client, bob)
    response = client.post(
        f"/partnerships/{partnership.slug}/forum/new/", {"title": "Kick-off", "body": "Hello"}
    )
    thread = partnership.threads.get()
    assert response["Location"] == thread.get_absolute_url()
    response = client.post(thread.get_absolute_url(), {"body": "Hi @x <b>bold</b>"})
    assert response["Location"] == f"{thread.get_absolute_url()}?page=1#latest"
    body = client.get(thread.get_absolute_url()).content.decode()
    assert "Hi @x &lt;b&gt;bold&lt;/b&gt;" in body


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": "", "kind": "bilateral"}, "name", "This field is required."),
        ({"name": "X", "kind": "cartel"}, "kind", "Select a valid choice. cartel is not one of the available choices."),
        ({"name": "X", "kind": "bilateral", "target_countries": ["XX"]}, "target_countries",
         "Select a valid choice. XX is not one of the available choices."),
        ({"name": "X", "kind": "bilateral", "starts_on": "2026-05-01", "ends_on": "2026-04-01"},
         "ends_on", "The partnership ends (2026-04-01) before it starts (2026-05-01)."),
        ({"name": "X", "kind": "bilateral", "budget_eur": "-5"}, "budget_eur",
         "Ensure this value is greater than or equal to 0."),
    ],
)  # fmt: skip
def test_the_propose_form_refuses_bad_input(client, data, field, message):
    coordinator = OrganisationFactory()
    _login(client, admin_of(coordinator))
    response = client.post("/partnerships/propose/", {"coordinator": coordinator.pk, **data})
    assert response.status_code == 400
    assert f'<small class="error" id="{field}-error">{message}</small>' in response.content.decode()
    assert not Partnership.objects.exists()


def test_the_propose_form_offers_only_organisations_the_user_administers(client):
    mine = OrganisationFactory(name="Mine")
    theirs = OrganisationFactory(name="Theirs")
    user = admin_of(mine)
    member_of(theirs, user=user)
    _login(client, user)
    response = client.post(
        "/partnerships/propose/", {"coordinator": theirs.pk, "name": "X", "kind": "bilateral"}
    )
    assert response.status_code == 400
    assert not Partnership.objects.exists()
    body = client.get("/partnerships/propose/").content.decode()
    assert f'<option value="{mine.pk}">Mine</option>' in body and "Theirs" not in body


def test_my_account_lists_partnerships_and_invitations(client):
    partnership = published(name="Account Alliance")
    draft = proposed(name="Draft Alliance")
    invited = with_partner(draft, accept=None)
    person = admin_of(invited.organisation)
    member_of(partnership.coordinator, user=person)
    _login(client, person)
    body = client.get("/me/").content.decode()
    assert 'id="my-partnerships-title">My partnerships</h2>' in body
    assert f'<a href="{draft.get_absolute_url()}">Draft Alliance</a> — ' in body
    assert f'<a href="{partnership.get_absolute_url()}">Account Alliance</a> · Published' in body
