"""Marketplace pages: search, for you, privacy (404), attachments, figures, staff reports."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from clusterbridge.marketplace.models import Opportunity, Participant
from clusterbridge.marketplace.queries.messaging import unread_total
from clusterbridge.marketplace.services import interests, messaging, opportunities
from clusterbridge.marketplace.views.messaging import INBOX_PAGE_SIZE
from tests.factories import StaffFactory, UserFactory
from tests.marketplace.factories import opportunity, poster

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def test_search_filters_and_counts(client):
    user, org = poster(country="DE")
    opportunity(user=user, organisation=org, title="Laser offer")
    opportunity(
        user=user,
        organisation=org,
        kind="business_request",
        title="Distributor wanted",
        technologies=(),
    )
    response = client.get("/marketplace/?kind=technology_offer")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Laser offer" in content and "Distributor wanted" not in content
    assert response.context["page"].paginator.count == 1
    kinds = {v.value: v.count for v in response.context["facets"][0].values}
    assert kinds == {"technology_offer": 1, "business_request": 1}
    bad = client.get("/marketplace/?kind=nonsense&within=3")
    assert bad.status_code == 400
    assert "Unknown kind of opportunity “nonsense”." in bad.content.decode()


def test_map_data_lists_published_opportunities(client):
    user, org = poster()
    post = opportunity(user=user, organisation=org)
    data = client.get("/marketplace/map.json").json()
    assert data["count"] == 1 and data["points"][0][0] == post.reference


def test_for_you_shows_the_complementary_offer_with_its_reason(client):
    seeker, seeker_org = poster(name="Seeker")
    opportunity(
        user=seeker, organisation=seeker_org, kind="technology_request", title="Need lasers"
    )
    offerer, offer_org = poster(name="Offerer")
    opportunity(user=offerer, organisation=offer_org, title="Laser welding offered")
    client.force_login(seeker)
    response = client.get("/marketplace/for-you/")
    content = response.content.decode()
    assert "Laser welding offered" in content
    assert "Answers your post “Need lasers” on" in content


def test_drafts_and_private_conversations_are_404_for_others(client):
    user, org = poster()
    draft = opportunity(user=user, organisation=org, publish=False)
    other = UserFactory()
    conversation = messaging.start_direct_conversation(
        sender=user, recipient=UserFactory(), subject="Private", body="Secret"
    )
    client.force_login(other)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(f"/marketplace/messages/{conversation.pk}/").status_code == 404
    assert client.get(f"{draft.get_absolute_url()}edit/").status_code == 404
    client.force_login(StaffFactory())  # staff act on reports, they do not read messages
    assert client.get(f"/marketplace/messages/{conversation.pk}/").status_code == 404


def test_attachments_are_served_only_to_people_who_may_see_the_opportunity(client):
    user, org = poster()
    post = opportunity(user=user, organisation=org)
    attachment = opportunities.add_attachment(
        opportunity=post, actor=user, upload=SimpleUploadedFile("spec.pdf", PDF)
    )
    url = f"{post.get_absolute_url()}attachments/{attachment.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    Opportunity.objects.filter(pk=post.pk).update(status="withdrawn")
    assert client.get(url).status_code == 404


def test_create_view_rejects_other_organisations(client):
    user, org = poster()
    _, other_org = poster()
    client.force_login(user)
    response = client.post(
        "/marketplace/new/",
        {
            "organisation": other_org.pk,
            "kind": "technology_offer",
            "title": "T",
            "summary": "S",
            "technologies": ["photonics"],
            "action": "publish",
        },
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    response = client.post(
        "/marketplace/new/",
        {
            "organisation": org.pk,
            "kind": "technology_offer",
            "title": "T",
            "summary": "S",
            "technologies": ["photonics"],
            "action": "publish",
        },
    )
    assert response.status_code == 302
    assert Opportunity.objects.get().status == "published"


def test_figures_count_agreements(client):
    owner, org = poster()
    post = opportunity(user=owner, organisation=org)
    other, other_org = poster()
    interest = interests.express_interest(
        opportunity=post,
        actor=other,
        organisation=other_org,
        cooperation_sought="licence",
        message="Hi",
    )
    interests.set_interest_status(interest=interest, actor=owner, status="agreement")
    figures = client.get("/marketplace/figures/").context["figures"]
    assert (figures["published"], figures["interests"], figures["agreements"]) == (1, 1, 1)


def test_staff_report_page_lists_and_resolves(client):
    alice, bob = UserFactory(), UserFactory()
    conversation = messaging.start_direct_conversation(
        sender=alice, recipient=bob, subject="S", body="B"
    )
    report = messaging.report(
        reporter=bob, reported_user=alice, conversation=conversation, reason="Rude"
    )
    client.force_login(bob)
    assert client.get("/marketplace/staff/reports/").status_code == 404
    client.force_login(StaffFactory())
    assert "Rude" in client.get("/marketplace/staff/reports/").content.decode()
    response = client.post(
        f"/marketplace/staff/reports/{report.pk}/resolve/", {"action": "dismiss"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "resolved"


def test_poster_sees_the_cooperation_sought_as_a_label(client):
    owner, org = poster()
    post = opportunity(user=owner, organisation=org)
    other, other_org = poster(name="Interested Org")
    interests.express_interest(
        opportunity=post,
        actor=other,
        organisation=other_org,
        cooperation_sought="joint_venture",
        message="Hi",
    )
    client.force_login(owner)
    content = client.get(post.get_absolute_url()).content.decode()
    assert '<td class="interest-cooperation">Joint venture</td>' in content
    assert ">joint_venture<" not in content


def test_blocker_is_told_why_a_message_is_refused(client):
    owner, org = poster()
    post = opportunity(user=owner, organisation=org)
    other, other_org = poster()
    interest = interests.express_interest(
        opportunity=post,
        actor=other,
        organisation=other_org,
        cooperation_sought="technical",
        message="Hi",
    )
    messaging.block_user(blocker=owner, blocked=other)
    client.force_login(owner)
    response = client.post(interest.conversation.get_absolute_url(), {"body": "Hello"}, follow=True)
    assert "who takes part in this conversation; unblock them to write here" in (
        response.content.decode()
    )


def _seat(conversation, user):
    return Participant.objects.get(conversation=conversation, user=user)


def test_inbox_is_paginated(client):
    me = UserFactory()
    for i in range(INBOX_PAGE_SIZE + 5):
        messaging.start_direct_conversation(
            sender=UserFactory(), recipient=me, subject=f"Subject {i:02d}", body="Hi"
        )
    client.force_login(me)
    first = client.get("/marketplace/messages/")
    assert first.status_code == 200
    assert len(first.context["page"].object_list) == INBOX_PAGE_SIZE
    assert first.context["page"].paginator.count == INBOX_PAGE_SIZE + 5
    assert first.context["unread"] == INBOX_PAGE_SIZE + 5
    body = first.content.decode()
    assert "Subject 34" in body  # newest first
    assert "Subject 04" not in body
    assert 'href="?page=2"' in body
    second = client.get("/marketplace/messages/?page=2")
    assert [c.subject for c in second.context["page"].object_list] == [
        "Subject 04",
        "Subject 03",
        "Subject 02",
        "Subject 01",
        "Subject 00",
    ]
    assert 'href="?page=1"' in second.content.decode()
    # Out of range pages show the last page rather than an error.
    assert client.get("/marketplace/messages/?page=99").context["page"].number == 2


def test_opening_a_conversation_does_not_mark_it_read_the_post_does(client):
    alice, bob = UserFactory(), UserFactory()
    conversation = messaging.start_direct_conversation(
        sender=alice, recipient=bob, subject="Hello", body="First"
    )
    second = messaging.send_message(conversation=conversation, sender=alice, body="Second")
    client.force_login(bob)
    url = conversation.get_absolute_url()

    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    mark_url = f"/marketplace/messages/{conversation.pk}/read/"
    assert f'hx-post="{mark_url}"' in body
    assert 'hx-trigger="load"' in body
    assert f'name="seen" value="{second.pk}"' in body
    assert _seat(conversation, bob).last_read_at is None
    assert unread_total(bob) == 2
    assert client.get(mark_url).status_code == 405  # only a POST marks read

    response = client.post(mark_url, {"seen": second.pk}, headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert _seat(conversation, bob).last_read_at == second.created_at
    assert unread_total(bob) == 0
    assert client.get("/marketplace/messages/").context["page"].object_list[0].unread == 0

    # Without JavaScript the form posts and comes back to the conversation.
    third = messaging.send_message(conversation=conversation, sender=alice, body="Third")
    response = client.post(mark_url, {"seen": third.pk})
    assert response.status_code == 302
    assert response["Location"] == url
    assert unread_total(bob) == 0


def test_mark_read_covers_only_what_the_page_showed(client):
    alice, bob = UserFactory(), UserFactory()
    conversation = messaging.start_direct_conversation(
        sender=alice, recipient=bob, subject="Hello", body="First"
    )
    shown = conversation.messages.get()
    later = messaging.send_message(conversation=conversation, sender=alice, body="Meanwhile")
    client.force_login(bob)
    mark_url = f"/marketplace/messages/{conversation.pk}/read/"
    assert client.post(mark_url, {"seen": shown.pk}).status_code == 302
    assert unread_total(bob) == 1  # "Meanwhile" arrived after the page was rendered
    # An older "seen" never moves the read mark back; junk and foreign ids change nothing.
    client.post(mark_url, {"seen": later.pk})
    client.post(mark_url, {"seen": shown.pk})
    client.post(mark_url, {"seen": "x"})
    other = messaging.start_direct_conversation(
        sender=alice, recipient=UserFactory(), subject="Other", body="Elsewhere"
    )
    client.post(mark_url, {"seen": other.messages.get().pk})
    assert _seat(conversation, bob).last_read_at == later.created_at
    assert unread_total(bob) == 0


def test_mark_read_is_for_participants_only(client):
    alice, bob = UserFactory(), UserFactory()
    conversation = messaging.start_direct_conversation(
        sender=alice, recipient=bob, subject="Hello", body="First"
    )
    client.force_login(UserFactory())
    response = client.post(
        f"/marketplace/messages/{conversation.pk}/read/",
        {"seen": conversation.messages.get().pk},
    )
    assert response.status_code == 404
    assert _seat(conversation, bob).last_read_at is None


def test_sending_a_message_marks_the_conversation_read(client):
    alice, bob = UserFactory(), UserFactory()
    conversation = messaging.start_direct_conversation(
        sender=alice, recipient=bob, subject="Hello", body="First"
    )
    client.force_login(bob)
    assert unread_total(bob) == 1
    response = client.post(conversation.get_absolute_url(), {"body": "Answer"})
    assert response.status_code == 302
    assert _seat(conversation, bob).last_read_at == conversation.messages.last().created_at
    assert unread_total(bob) == 0
    assert unread_total(alice) == 1
