"""The reserved forum's services: who posts, @mentions, replies to subscribers, safe text."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from clusterbridge.notifications.models import Notification
from clusterbridge.partnerships.models import ForumThread, ThreadSubscription
from clusterbridge.partnerships.services import forum
from clusterbridge.partnerships.templatetags.partnerships_text import forum_text
from tests.factories import StaffFactory, UserFactory
from tests.partnerships.factories import admin_of, member_of, published, with_partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    partnership = published()
    coordinator_person = partnership.proposed_by
    partner = with_partner(partnership).organisation
    partner_person = member_of(partner, user=UserFactory(name="Marta Kowalska"))
    Notification.objects.all().delete()  # those of the life cycle
    return partnership, coordinator_person, partner_person


def test_a_reply_notifies_the_subscribers_but_not_its_author(setting):
    partnership, alice, marta = setting
    thread = forum.start_thread(
        partnership=partnership, actor=alice, title="Trade mission to Seoul", body="Who joins?"
    )
    assert (thread.post_count, thread.author) == (1, alice)
    assert ThreadSubscription.objects.filter(thread=thread, user=alice).exists()
    forum.reply(thread=thread, actor=marta, body="We do.")
    thread.refresh_from_db()
    assert thread.post_count == 2
    assert list(Notification.objects.values_list("user", "kind")) == [
        (alice.pk, "partnerships.reply")
    ]
    assert Notification.objects.get().params == {
        "author": "Marta Kowalska",
        "thread": "Trade mission to Seoul",
        "partnership": partnership.name,
    }
    Notification.objects.all().delete()
    forum.reply(thread=thread, actor=alice, body="Great.")  # marta is subscribed by her reply
    assert list(Notification.objects.values_list("user", "kind")) == [
        (marta.pk, "partnerships.reply")
    ]


def test_mentions_notify_the_named_member_once(setting):
    partnership, alice, marta = setting
    outsider = UserFactory(name="Otto Outsider")
    thread = forum.start_thread(
        partnership=partnership,
        actor=alice,
        title="Budget",
        body="@marta kowalska could you check? cc @Otto Outsider",
    )
    assert list(Notification.objects.values_list("user", "kind")) == [
        (marta.pk, "partnerships.mention")
    ]
    Notification.objects.all().delete()
    forum.reply(thread=thread, actor=marta, body="Done, @Person")  # no such member name
    assert list(Notification.objects.values_list("user", "kind")) == [
        (alice.pk, "partnerships.reply")
    ]
    assert outsider.pk not in Notification.objects.values_list("user", flat=True)


def test_mentions_match_whole_names_only():
    class Person:
        def __init__(self, pk, name):
            self.pk, self.name = pk, name

    people = [Person(1, "Ann"), Person(2, "Anna Berg")]
    assert [p.pk for p in forum.mentioned("hello @Anna Berg", people)] == [2]
    assert [p.pk for p in forum.mentioned("@ann, see", people)] == [1]
    assert forum.mentioned("no at sign", people) == []


def test_outsiders_invited_and_staff_cannot_post(setting):
    partnership, alice, _marta = setting
    invited = with_partner(partnership, accept=None).organisation
    thread = forum.start_thread(partnership=partnership, actor=alice, title="T", body="B")
    for person in (UserFactory(), admin_of(invited), StaffFactory()):
        with pytest.raises(PermissionDenied):
            forum.reply(thread=thread, actor=person, body="Hi")
        with pytest.raises(PermissionDenied):
            forum.start_thread(partnership=partnership, actor=person, title="X", body="Y")
    assert ForumThread.objects.get().post_count == 1


def test_someone_who_leaves_the_organisation_gets_no_more_notices(setting):
    partnership, alice, marta = setting
    thread = forum.start_thread(partnership=partnership, actor=alice, title="T", body="B")
    forum.reply(thread=thread, actor=marta, body="Reply")
    marta.memberships.all().delete()
    Notification.objects.all().delete()
    forum.reply(thread=thread, actor=alice, body="Anyone?")
    assert not Notification.objects.exists()
    with pytest.raises(PermissionDenied):
        forum.set_subscription(thread=thread, actor=marta, subscribed=True)


@pytest.mark.parametrize(
    ("title", "body", "code"),
    [("", "text", "required"), ("T", "   ", "required"), ("T", "x" * 20_001, "too_long"),
     ("x" * 201, "text", "too_long")],
)  # fmt: skip
def test_bad_posts_are_refused(setting, title, body, code):
    partnership, alice, _ = setting
    with pytest.raises(ValidationError) as caught:
        forum.start_thread(partnership=partnership, actor=alice, title=title, body=body)
    assert caught.value.code == code
    assert not ForumThread.objects.exists()


def test_forum_text_escapes_html_and_links_urls():
    rendered = forum_text('<script>alert(1)</script>\nSee https://example.org/a?b=1&c=2 "now"')
    assert rendered == (
        "&lt;script&gt;alert(1)&lt;/script&gt;<br>See "
        '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow noopener">'
        "https://example.org/a?b=1&amp;c=2</a> &quot;now&quot;"
    )
    assert forum_text('javascript:alert(1) <a href="x">y</a>') == (
        "javascript:alert(1) &lt;a href=&quot;x&quot;&gt;y&lt;/a&gt;"
    )
