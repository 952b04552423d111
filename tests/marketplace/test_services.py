"""Opportunity, interest and messaging services: state changes, bad input, side effects."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from clusterbridge.marketplace.models import (
    ExpressionOfInterest,
    Message,
    Opportunity,
    OpportunityAttachment,
    OpportunityStatus,
    Participant,
    PostingPolicy,
    Report,
)
from clusterbridge.marketplace.services import interests, messaging, opportunities
from clusterbridge.notifications.models import Notification
from tests.factories import MembershipFactory, StaffFactory, UserFactory
from tests.marketplace.factories import opportunity, poster

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_reference_codes_are_stable_and_sequential_per_kind_and_year():
    user, org = poster()
    first = opportunity(user=user, organisation=org)
    second = opportunity(user=user, organisation=org, title="Second")
    request = opportunity(user=user, organisation=org, kind="technology_request", title="R")
    year = timezone.now().year
    assert first.reference == f"CB-TO-{year}-000001"
    assert second.reference == f"CB-TO-{year}-000002"
    assert request.reference == f"CB-TR-{year}-000001"
    opportunities.update_opportunity(opportunity=first, actor=user, data={"title": "Renamed"})
    first.refresh_from_db()
    assert first.reference == f"CB-TO-{year}-000001"


def test_posting_for_an_organisation_you_do_not_belong_to_is_refused():
    _, org = poster()
    outsider = UserFactory()
    with pytest.raises(PermissionDenied, match="not a member allowed to post"):
        opportunity(user=outsider, organisation=org)
    assert Opportunity.objects.count() == 0


def test_posting_policy_admins_only_stops_plain_members():
    admin, org = poster()
    member = MembershipFactory(organisation=org, role="member").user
    opportunity(user=member, organisation=org, title="Allowed by default")
    opportunities.set_posting_policy(organisation=org, actor=admin, who=PostingPolicy.Who.ADMINS)
    with pytest.raises(PermissionDenied, match="not a member allowed to post"):
        opportunity(user=member, organisation=org, title="Now refused")
    with pytest.raises(PermissionDenied, match="Only an administrator"):
        opportunities.set_posting_policy(organisation=org, actor=member, who="members")
    assert Opportunity.objects.count() == 1


def test_publishing_needs_a_topic_and_stage_applies_to_technical_kinds_only():
    user, org = poster()
    with pytest.raises(ValidationError, match="at least one sector or technology"):
        opportunity(user=user, organisation=org, sectors=(), technologies=())
    with pytest.raises(ValidationError) as info:
        opportunity(user=user, organisation=org, kind="business_offer", development_stage="market")
    assert info.value.message_dict == {
        "development_stage": [
            "A development stage applies to technology offers/requests and R&D partner searches only."
        ]
    }
    assert Opportunity.objects.count() == 0


def test_interest_opens_a_conversation_and_agreement_is_recorded():
    owner, org = poster(name="Poster Org")
    post = opportunity(user=owner, organisation=org, kind="technology_request")
    other, other_org = poster(name="Interested Org")
    interest = interests.express_interest(
        opportunity=post,
        actor=other,
        organisation=other_org,
        cooperation_sought="technical",
        message="We do exactly this.",
    )
    conversation = interest.conversation
    assert set(
        Participant.objects.filter(conversation=conversation).values_list("user", flat=True)
    ) == {
        owner.pk,
        other.pk,
    }
    assert "Interested Org" in interest.organisation_details
    assert Notification.objects.filter(user=owner, kind="marketplace.message").count() == 1
    interests.set_interest_status(interest=interest, actor=owner, status="agreement")
    interest.refresh_from_db()
    assert interest.status == "agreement" and interest.agreement_at is not None
    with pytest.raises(ValidationError, match="cannot become"):
        interests.set_interest_status(interest=interest, actor=owner, status="declined")
    with pytest.raises(PermissionDenied, match="Only people who post"):
        interests.set_interest_status(interest=interest, actor=other, status="declined")


def test_bad_interests_are_refused_with_nothing_written():
    owner, org = poster()
    post = opportunity(user=owner, organisation=org)
    with pytest.raises(ValidationError, match="your own organisation's opportunity"):
        interests.express_interest(
            opportunity=post,
            actor=owner,
            organisation=org,
            cooperation_sought="technical",
            message="x",
        )
    other, other_org = poster()
    Opportunity.objects.filter(pk=post.pk).update(status=OpportunityStatus.EXPIRED)
    with pytest.raises(ValidationError, match="has expired"):
        interests.express_interest(
            opportunity=post,
            actor=other,
            organisation=other_org,
            cooperation_sought="technical",
            message="x",
        )
    assert ExpressionOfInterest.objects.count() == 0
    assert Message.objects.count() == 0


def test_blocked_sender_cannot_write_and_email_is_throttled(django_capture_on_commit_callbacks):
    alice, bob = UserFactory(), UserFactory()
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        conversation = messaging.start_direct_conversation(
            sender=alice, recipient=bob, subject="Hello", body="First", now=now
        )
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        messaging.send_message(
            conversation=conversation, sender=alice, body="Second", now=now + timedelta(minutes=5)
        )
    assert len(mail.outbox) == 1  # throttled: within 15 minutes
    with django_capture_on_commit_callbacks(execute=True):
        messaging.send_message(
            conversation=conversation, sender=alice, body="Third", now=now + timedelta(minutes=16)
        )
    assert len(mail.outbox) == 2
    assert f"/marketplace/messages/{conversation.pk}/" in mail.outbox[-1].body
    messaging.block_user(blocker=bob, blocked=alice)
    with pytest.raises(ValidationError, match="does not accept messages from you"):
        messaging.send_message(conversation=conversation, sender=alice, body="Fourth")
    assert Message.objects.filter(conversation=conversation).count() == 3


def test_forbidden_and_oversize_attachments_are_refused(settings):
    settings.MARKETPLACE_ATTACHMENT_MAX_BYTES = 100
    user, org = poster()
    post = opportunity(user=user, organisation=org)
    with pytest.raises(ValidationError, match="not a file type we accept"):
        opportunities.add_attachment(
            opportunity=post, actor=user, upload=SimpleUploadedFile("x.pdf", b"MZ\x90\x00 evil")
        )
    with pytest.raises(ValidationError, match="does not contain what its name says"):
        opportunities.add_attachment(
            opportunity=post, actor=user, upload=SimpleUploadedFile("x.png", PDF)
        )
    with pytest.raises(ValidationError, match="the limit is"):
        opportunities.add_attachment(
            opportunity=post, actor=user, upload=SimpleUploadedFile("x.pdf", PDF + b"0" * 200)
        )
    attachment = opportunities.add_attachment(
        opportunity=post, actor=user, upload=SimpleUploadedFile("spec.pdf", PDF)
    )
    assert attachment.content_type == "application/pdf"
    assert OpportunityAttachment.objects.count() == 1


def test_expiry_and_renewal_reminder():
    user, org = poster()
    post = opportunity(user=user, organisation=org)
    now = timezone.now()
    assert opportunities.expire_opportunities(now=now) == (0, 0)
    assert opportunities.expire_opportunities(now=now + timedelta(days=340)) == (0, 1)
    assert opportunities.expire_opportunities(now=now + timedelta(days=341)) == (0, 0)  # once
    assert opportunities.expire_opportunities(now=now + timedelta(days=366)) == (1, 0)
    post.refresh_from_db()
    assert post.status == OpportunityStatus.EXPIRED
    kinds = list(
        Notification.objects.filter(user=user).order_by("id").values_list("kind", flat=True)
    )
    assert kinds == ["marketplace.renewal_reminder", "marketplace.expired"]
    opportunities.renew_opportunity(opportunity=post, actor=user)
    post.refresh_from_db()
    assert post.status == OpportunityStatus.PUBLISHED


def test_followers_hear_about_updates():
    user, org = poster()
    post = opportunity(user=user, organisation=org)
    follower = UserFactory()
    opportunities.set_follow(opportunity=post, user=follower, follow=True)
    opportunities.update_opportunity(opportunity=post, actor=user, data={"summary": "New summary"})
    assert (
        Notification.objects.filter(user=follower, kind="marketplace.followed_update").count() == 1
    )


def test_reports_are_resolved_by_staff():
    alice, bob = UserFactory(), UserFactory()
    staff = StaffFactory()
    conversation = messaging.start_direct_conversation(
        sender=alice, recipient=bob, subject="S", body="Spam"
    )
    report = messaging.report(
        reporter=bob, reported_user=alice, conversation=conversation, reason="Spam"
    )
    with pytest.raises(PermissionDenied, match="Only platform staff"):
        messaging.resolve_report(report=report, actor=bob, action="dismiss")
    messaging.resolve_report(report=report, actor=staff, action="deactivate")
    alice.refresh_from_db()
    assert alice.is_active is False
    assert Report.objects.get().status == "resolved"


def test_blocker_cannot_write_in_an_organisation_conversation_with_the_blocked_person():
    owner, org = poster()
    post = opportunity(user=owner, organisation=org)
    asker, asker_org = poster()
    interest = interests.express_interest(
        opportunity=post,
        actor=asker,
        organisation=asker_org,
        cooperation_sought="technical",
        message="Interested",
    )
    conversation = interest.conversation
    messaging.block_user(blocker=owner, blocked=asker)
    with pytest.raises(
        ValidationError, match=r"You blocked .*, who takes part in this conversation"
    ):
        messaging.send_message(conversation=conversation, sender=owner, body="Hello?")
    # The blocked person is not silenced in a conversation between organisations.
    messaging.send_message(conversation=conversation, sender=asker, body="Still here")
    bodies = list(Message.objects.filter(conversation=conversation).values_list("body", flat=True))
    assert len(bodies) == 2 and bodies[0].endswith("Interested") and bodies[1] == "Still here"
    # Nor can the blocker open a new one that the blocked person takes part in.
    other_post = opportunity(user=asker, organisation=asker_org, title="Asker's offer")
    with pytest.raises(ValidationError, match="You blocked"):
        interests.express_interest(
            opportunity=other_post,
            actor=owner,
            organisation=org,
            cooperation_sought="technical",
            message="Hi",
        )
    assert ExpressionOfInterest.objects.filter(opportunity=other_post).count() == 0
    messaging.unblock_user(blocker=owner, blocked=asker)
    messaging.send_message(conversation=conversation, sender=owner, body="Back again")
