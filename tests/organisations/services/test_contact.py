"""The contact form service: hidden addresses, reply-to, rate limit, fallbacks."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from clusterbridge.notifications.models import Notification
from clusterbridge.organisations.models import ContactMessage, ContactPerson, ProfileStatus
from clusterbridge.organisations.services.contact import MESSAGES_PER_HOUR, send_contact_message
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sender():
    return UserFactory(email="sender@example.org", name="Sam Sender")


def test_message_goes_to_the_contacts_with_reply_to_the_sender(
    sender, django_capture_on_commit_callbacks
):
    org = OrganisationFactory(name="Contact Org")
    MembershipFactory(organisation=org, user=UserFactory(email="admin@example.org"))
    ContactPerson.objects.create(organisation=org, name="B", email="b@contact.example", position=2)
    ContactPerson.objects.create(organisation=org, name="A", email="a@contact.example", position=1)

    with django_capture_on_commit_callbacks(execute=True):
        message = send_contact_message(
            organisation=org,
            sender=sender,
            subject="  Partnership  ",
            body=" Let's talk about R&D. \n",
        )

    assert (message.subject, message.body, message.sender) == (
        "Partnership",
        "Let's talk about R&D.",
        sender,
    )
    assert ContactMessage.objects.count() == 1
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["a@contact.example", "b@contact.example"]
    assert email.reply_to == ["sender@example.org"]
    assert email.subject == "[Clusterbridge] Message via the profile of Contact Org: Partnership"
    assert "Sam Sender sent a message through the profile of Contact Org." in email.body
    # A plain-text e-mail: the sender's words arrive as written, not HTML-escaped.
    assert "Let's talk about R&D." in email.body
    # The administrators see it in-app too (the e-mail went to the contact persons).
    notification = Notification.objects.get()
    assert (notification.user.email, notification.title) == (
        "admin@example.org",
        "Message via the profile of Contact Org: Partnership",
    )


def test_without_contacts_the_admins_receive_the_message(
    sender, django_capture_on_commit_callbacks
):
    org = OrganisationFactory()
    MembershipFactory(organisation=org, user=UserFactory(email="admin2@example.org"))
    MembershipFactory(organisation=org, user=UserFactory(email="admin1@example.org"))
    MembershipFactory(organisation=org, user=UserFactory(email="member@example.org"), role="member")

    with django_capture_on_commit_callbacks(execute=True):
        send_contact_message(organisation=org, sender=sender, subject="Hi", body="Hello")

    assert mail.outbox[0].to == ["admin1@example.org", "admin2@example.org"]


def test_no_contact_and_no_admin_is_an_error(sender):
    org = OrganisationFactory()
    with pytest.raises(ValidationError) as excinfo:
        send_contact_message(organisation=org, sender=sender, subject="Hi", body="Hello")
    assert excinfo.value.code == "no_contact"
    assert not ContactMessage.objects.exists()


@pytest.mark.parametrize(
    "status", [ProfileStatus.DRAFT, ProfileStatus.SUBMITTED, ProfileStatus.RETURNED]
)
def test_unpublished_organisations_cannot_be_contacted(sender, status):
    org = OrganisationFactory(status=status)
    MembershipFactory(organisation=org)
    with pytest.raises(ValidationError) as excinfo:
        send_contact_message(organisation=org, sender=sender, subject="Hi", body="Hello")
    assert excinfo.value.messages == ["This organisation cannot be contacted."]
    assert not ContactMessage.objects.exists()


def test_rate_limit_after_ten_messages_an_hour(sender, django_capture_on_commit_callbacks):
    org = OrganisationFactory()
    MembershipFactory(organisation=org)
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(MESSAGES_PER_HOUR):
            send_contact_message(organisation=org, sender=sender, subject=f"Hi {n}", body="Hello")
    assert MESSAGES_PER_HOUR == 10
    assert len(mail.outbox) == 10

    with pytest.raises(ValidationError) as excinfo:
        send_contact_message(organisation=org, sender=sender, subject="One more", body="Hello")
    assert excinfo.value.code == "rate_limited"
    assert excinfo.value.messages == [
        "You have sent 10 messages in the last hour; please try again later."
    ]
    assert ContactMessage.objects.count() == 10

    # The limit is per sender.
    other = UserFactory()
    send_contact_message(organisation=org, sender=other, subject="Hi", body="Hello")
    assert ContactMessage.objects.count() == 11
