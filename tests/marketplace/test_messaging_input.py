"""Marking a conversation read: the posted message id is parsed by a form, never by hand."""

import pytest

from clusterbridge.marketplace.models import Participant
from clusterbridge.marketplace.services import messaging
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("seen", "shown"), [("²", "²"), ("9" * 30, "9" * 23 + "…"), ("x", "x"), ("", None)]
)
def test_a_bad_seen_id_is_a_400_and_marks_nothing(client, seen, shown):
    alice, bob = UserFactory(), UserFactory()
    conversation = messaging.start_direct_conversation(
        sender=alice, recipient=bob, subject="Hello", body="First"
    )
    client.force_login(bob)
    response = client.post(f"/marketplace/messages/{conversation.pk}/read/", {"seen": seen})
    assert response.status_code == 400
    body = response.content.decode()
    assert (f"“{shown}” is not a valid identifier." if shown else "This field is required.") in body
    assert Participant.objects.get(conversation=conversation, user=bob).last_read_at is None
