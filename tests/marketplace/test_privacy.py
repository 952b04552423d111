"""Personal data of the marketplace: the export, and deleting an account with marketplace data."""

from __future__ import annotations

import json

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from clusterbridge.accounts.services.privacy import delete_account, export_personal_data
from clusterbridge.common.privacy import privacy_modules
from clusterbridge.marketplace import privacy
from clusterbridge.marketplace.models import (
    Block,
    DigestSubscription,
    ExpressionOfInterest,
    Follow,
    Message,
    MessageAttachment,
    Opportunity,
    Participant,
    Report,
)
from clusterbridge.marketplace.services import digest, interests, messaging, opportunities
from tests.factories import MembershipFactory, UserFactory
from tests.marketplace.factories import opportunity, poster

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def data():
    """Ada posts, expresses interest, writes (with a file), follows, blocks and reports."""
    ada, ada_org = poster(name="Ada Org")
    MembershipFactory(organisation=ada_org)  # a second admin, so Ada may delete her account
    own = opportunity(user=ada, organisation=ada_org, title="Ada's laser offer")
    other_user, other_org = poster(name="Other Org")
    other_post = opportunity(user=other_user, organisation=other_org, title="Other offer")
    interest = interests.express_interest(
        opportunity=other_post,
        actor=ada,
        organisation=ada_org,
        cooperation_sought="technical",
        message="We are interested",
    )
    bob = UserFactory(name="Bob")
    direct = messaging.start_direct_conversation(
        sender=ada,
        recipient=bob,
        subject="About lasers",
        body="Here is our spec",
        attachments=[SimpleUploadedFile("spec.pdf", PDF)],
    )
    messaging.send_message(conversation=direct, sender=bob, body="Thanks")
    # A conversation everyone else has left: no one can read Ada's words any more.
    gone = UserFactory()
    lonely = messaging.start_direct_conversation(
        sender=ada,
        recipient=gone,
        subject="Lonely",
        body="Anyone there?",
        attachments=[SimpleUploadedFile("lonely.pdf", PDF)],
    )
    Participant.objects.filter(conversation=lonely, user=gone).delete()
    opportunities.set_follow(opportunity=other_post, user=ada, follow=True)
    digest.set_digest(user=ada, weekly=True)
    mallory = UserFactory(name="Mallory")
    messaging.block_user(blocker=ada, blocked=mallory)
    messaging.block_user(blocker=mallory, blocked=ada)
    messaging.report(reporter=ada, reported_user=mallory, reason="Spam offers")
    messaging.report(reporter=mallory, reported_user=ada, reason="Retaliation")
    return {
        "ada": ada,
        "own": own,
        "other_post": other_post,
        "interest": interest,
        "direct": direct,
        "lonely": lonely,
        "bob": bob,
        "mallory": mallory,
    }


def test_the_marketplace_is_collected_into_the_personal_data_export(data):
    assert ("marketplace", privacy) in list(privacy_modules())
    exported = export_personal_data(data["ada"])
    assert exported["marketplace"] == privacy.export(data["ada"])
    json.dumps(exported)  # JSON-ready


def test_export_lists_what_the_person_did(data, django_assert_max_num_queries):
    ada, own, other_post = data["ada"], data["own"], data["other_post"]
    with django_assert_max_num_queries(9):
        exported = privacy.export(ada)
    assert sorted(exported) == [
        "blocks",
        "follows",
        "interests_sent",
        "messages_sent",
        "opportunities_posted",
        "reports_made",
        "weekly_digest",
    ]
    assert [
        (o["reference"], o["title"], o["organisation"], o["status"])
        for o in exported["opportunities_posted"]
    ] == [(own.reference, "Ada's laser offer", "Ada Org", "published")]
    assert [
        (i["opportunity"], i["organisation"], i["cooperation_sought"], i["status"])
        for i in exported["interests_sent"]
    ] == [(other_post.reference, "Ada Org", "technical", "new")]
    messages = exported["messages_sent"]
    assert [(m["conversation"], m["attachments"]) for m in messages] == [
        (f"{other_post.reference}: Other offer", []),
        ("About lasers", ["spec.pdf"]),
        ("Lonely", ["lonely.pdf"]),
    ]
    assert messages[0]["text"].endswith("We are interested")
    assert messages[1]["text"] == "Here is our spec"
    assert (
        messages[1]["sent_at"]
        == Message.objects.get(body="Here is our spec").created_at.isoformat()
    )
    assert "Thanks" not in {m["text"] for m in messages}  # Bob's words are Bob's
    assert [(f["opportunity"], f["title"]) for f in exported["follows"]] == [
        (other_post.reference, "Other offer")
    ]
    assert exported["weekly_digest"] == {"subscribed": True, "last_sent_at": None}
    assert [b["blocked"] for b in exported["blocks"]] == [str(data["mallory"])]
    assert [(r["reported_user"], r["reason"], r["status"]) for r in exported["reports_made"]] == [
        (str(data["mallory"]), "Spam offers", "open")
    ]


def test_export_of_someone_without_marketplace_data():
    assert privacy.export(UserFactory()) == {
        "opportunities_posted": [],
        "interests_sent": [],
        "messages_sent": [],
        "follows": [],
        "weekly_digest": {"subscribed": False, "last_sent_at": None},
        "blocks": [],
        "reports_made": [],
    }


def test_deleting_an_account_with_marketplace_data(data, django_capture_on_commit_callbacks):
    ada, direct, lonely = data["ada"], data["direct"], data["lonely"]
    kept_file = MessageAttachment.objects.get(original_name="spec.pdf").file.name
    lonely_file = MessageAttachment.objects.get(original_name="lonely.pdf").file.name
    assert default_storage.exists(lonely_file)

    with django_capture_on_commit_callbacks(execute=True):
        delete_account(user=ada)

    # Organisation data stays, without the author.
    own = Opportunity.objects.get(pk=data["own"].pk)
    assert (own.title, own.author_id) == ("Ada's laser offer", None)
    interest = ExpressionOfInterest.objects.get(pk=data["interest"].pk)
    assert interest.author_id is None
    # Messages others received stay, anonymised; the file stays with them.
    assert list(direct.messages.values_list("sender_id", "body")) == [
        (None, "Here is our spec"),
        (data["bob"].pk, "Thanks"),
    ]
    assert default_storage.exists(kept_file)
    assert Message.objects.filter(conversation=interest.conversation, sender=None).count() == 1
    # Words no one could read any more are gone, with their file.
    assert lonely.messages.count() == 0
    assert not default_storage.exists(lonely_file)
    # Personal settings go with the account.
    assert Participant.objects.filter(user_id=ada.pk).count() == 0
    assert Follow.objects.filter(user_id=ada.pk).count() == 0
    assert DigestSubscription.objects.filter(user_id=ada.pk).count() == 0
    assert Block.objects.count() == 0
    # Ada's report stays for staff without the reporter; reports about her are gone.
    assert list(Report.objects.values_list("reporter_id", "reason")) == [(None, "Spam offers")]
    # The other side still reads the conversation.
    from django.test import Client

    bob_client = Client()
    bob_client.force_login(data["bob"])
    response = bob_client.get(direct.get_absolute_url())
    assert response.status_code == 200
    assert "Former user" in response.content.decode()


def test_a_failed_deletion_keeps_the_files(data, django_capture_on_commit_callbacks):
    lonely_file = MessageAttachment.objects.get(original_name="lonely.pdf").file.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        privacy.erase(data["ada"])
    assert len(callbacks) == 1  # the files are deleted only once the deletion commits
    assert default_storage.exists(lonely_file)
