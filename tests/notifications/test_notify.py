import pytest
from django.core import mail
from django.urls import reverse

from clusterbridge.notifications.models import Notification
from clusterbridge.notifications.services.notify import mark_read, notify
from tests.factories import UserFactory


@pytest.mark.django_db
def test_notify_creates_notifications_and_sends_mail_after_commit(
    django_capture_on_commit_callbacks,
):
    alice, bob = UserFactory(), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        created = notify(
            users=[alice, bob, alice], kind="test.hello", title="Hello", body="Body", url="/x/"
        )
    assert len(created) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([alice.email, bob.email])
    assert mail.outbox[0].subject == "[Clusterbridge] Hello"
    assert "http://127.0.0.1:8000/x/" in mail.outbox[0].body


@pytest.mark.django_db
def test_notify_without_email_and_inactive_users_skipped(django_capture_on_commit_callbacks):
    active, inactive = UserFactory(), UserFactory(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[active, inactive], kind="k", title="T", email=False)
    assert mail.outbox == []
    assert list(Notification.objects.values_list("user_id", flat=True)) == [active.pk]


@pytest.mark.django_db
def test_inbox_shows_unread_count_and_marks_read(client):
    user, other = UserFactory(), UserFactory()
    notify(users=[user], kind="k", title="First", email=False)
    notify(users=[user], kind="k", title="Second", email=False)
    notify(users=[other], kind="k", title="Not yours", email=False)
    client.force_login(user)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "First" in page and "Second" in page and "Not yours" not in page
    assert '<span class="badge">2</span>' in page
    client.post(reverse("notifications:mark_read"))
    assert Notification.objects.filter(user=user, read_at=None).count() == 0
    assert Notification.objects.filter(user=other, read_at=None).count() == 1
    assert mark_read(user=user) == 0
