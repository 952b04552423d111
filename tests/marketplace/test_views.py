"""Marketplace pages: search, for you, privacy (404), attachments, figures, staff reports."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from clusterbridge.marketplace.models import Opportunity
from clusterbridge.marketplace.services import interests, messaging, opportunities
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
