import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from clusterbridge.notifications.kinds import NotificationKind, register, render
from clusterbridge.notifications.models import EmailChoice, Notification
from clusterbridge.notifications.services.notify import (
    mark_read,
    notify,
    send_digests,
    set_email_choice,
)
from tests.factories import UserFactory

register(
    NotificationKind(code="test.hello", title="Hello {name}", body="Body of {name}"),
    NotificationKind(code="test.dated", title="Valid until {valid_until_date}", body="{count}"),
    NotificationKind(code="test.level", title="The {level} label", labels={"level": {"g": "Gold"}}),
    NotificationKind(code="test.security", title="Security notice", always_email=True),
)


@pytest.mark.django_db
def test_notify_creates_notifications_and_sends_one_mail_per_person_after_commit(
    django_capture_on_commit_callbacks,
):
    alice, bob = UserFactory(), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        created = notify(
            users=[alice, bob, alice], kind="test.hello", params={"name": "Ann"}, url="/x/"
        )
    assert len(created) == 2
    assert sorted(m.to for m in mail.outbox) == sorted([[alice.email], [bob.email]])
    assert mail.outbox[0].subject == "[Clusterbridge] Hello Ann"
    assert "Body of Ann" in mail.outbox[0].body
    assert "http://127.0.0.1:8000/x/" in mail.outbox[0].body
    assert Notification.objects.get(user=alice).title == "Hello Ann"


@pytest.mark.django_db
def test_nothing_is_sent_when_the_change_rolls_back(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(users=[user], kind="test.hello", params={"name": "Ann"})
    assert len(callbacks) == 1  # the e-mail waits for the commit
    assert mail.outbox == []


@pytest.mark.django_db
def test_undeclared_kind_is_a_programming_error():
    with pytest.raises(LookupError, match=r"Unknown notification kind 'nope.unknown'"):
        notify(users=[UserFactory()], kind="nope.unknown")


@pytest.mark.django_db
def test_notify_without_email_and_inactive_users_skipped(django_capture_on_commit_callbacks):
    active, inactive = UserFactory(), UserFactory(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[active, inactive], kind="test.hello", email=False)
    assert mail.outbox == []
    assert list(Notification.objects.values_list("user_id", flat=True)) == [active.pk]


def test_text_is_rendered_in_the_readers_language():
    params = {"valid_until_date": "2026-12-02", "count": 1234567}
    with translation.override("en"):
        assert render("test.dated", params) == ("Valid until 2 December 2026", "1,234,567")
    with translation.override("fr"):
        assert render("test.dated", params) == ("Valid until 2 décembre 2026", "1\xa0234\xa0567")
    with translation.override("de"):
        assert render("test.dated", params) == ("Valid until 2. Dezember 2026", "1.234.567")


def test_codes_are_shown_by_their_label_and_unknown_names_stay_visible():
    assert render("test.level", {"level": "g"}) == ("The Gold label", "")
    assert render("test.hello", {}) == ("Hello {name}", "Body of {name}")
    # Rows written before kinds had parameters keep their stored text.
    assert render("test.hello", {"_title": "Old text", "_body": "Old body"}) == (
        "Old text",
        "Old body",
    )


@pytest.mark.django_db
def test_email_is_written_in_the_recipients_language(django_capture_on_commit_callbacks):
    german = UserFactory(language="de")
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            users=[german],
            kind="test.dated",
            params={"valid_until_date": datetime.date(2026, 3, 1)},
        )
    assert mail.outbox[0].subject == "[Clusterbridge] Valid until 1. März 2026"


@pytest.mark.django_db
def test_email_follows_each_persons_setting(django_capture_on_commit_callbacks):
    at_once, daily, never = UserFactory(), UserFactory(), UserFactory()
    set_email_choice(user=daily, kind="test.hello", choice=EmailChoice.DAILY)
    set_email_choice(user=never, kind="test.hello", choice=EmailChoice.NEVER)
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[at_once, daily, never], kind="test.hello", params={"name": "A"})
        notify(users=[daily, never], kind="test.hello", params={"name": "B"})
        notify(users=[never], kind="test.security")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([at_once.email, never.email])
    assert Notification.objects.filter(user=never).count() == 3  # in-app always
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests() == 1
        assert send_digests() == 0  # a second run sends nobody a second copy
    assert [m.to for m in mail.outbox] == [[daily.email]]
    digest = mail.outbox[0]
    assert digest.subject == "[Clusterbridge] Your daily summary: 2 notifications"
    assert "* Hello A" in digest.body and "* Hello B" in digest.body


@pytest.mark.django_db
def test_unknown_email_choice_is_refused():
    with pytest.raises(ValueError, match=r"Unknown e-mail choice 'weekly'"):
        set_email_choice(user=UserFactory(), kind="test.hello", choice="weekly")


@pytest.mark.django_db
def test_inbox_shows_unread_count_and_marks_read(client):
    user, other = UserFactory(), UserFactory()
    notify(users=[user], kind="test.hello", params={"name": "First"}, email=False)
    notify(users=[user], kind="test.hello", params={"name": "Second"}, email=False)
    notify(users=[other], kind="test.hello", params={"name": "Not yours"}, email=False)
    client.force_login(user)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "Hello First" in page and "Hello Second" in page and "Not yours" not in page
    assert '<span class="badge">2</span>' in page
    client.post(reverse("notifications:mark_read"))
    assert Notification.objects.filter(user=user, read_at=None).count() == 0
    assert Notification.objects.filter(user=other, read_at=None).count() == 1
    assert mark_read(user=user) == 0


@pytest.mark.django_db
def test_settings_page_sets_all_kinds_of_a_topic_at_once(
    client, django_capture_on_commit_callbacks
):
    from clusterbridge.notifications.models import NotificationPreference

    user = UserFactory()
    client.force_login(user)
    page = client.get(reverse("notifications:settings"))
    form = page.context["form"]
    topic = next(
        name for name, _g, label, _c in form.topics if label == "Agenda published or updated"
    )
    data = {name: "immediately" for name, *_rest in form.topics}
    data[topic] = "daily"
    response = client.post(reverse("notifications:settings"), data)
    assert response.status_code == 302
    assert dict(
        NotificationPreference.objects.filter(user=user, email="daily").values_list("kind", "email")
    ) == {
        "events.agenda_published": "daily",
        "events.agenda_updated": "daily",
        "events.agenda_changed": "daily",
    }
    bad = client.post(reverse("notifications:settings"), {**data, topic: "weekly"})
    assert bad.status_code == 200
    assert "Choose one of the e-mail options." in bad.content.decode()
