"""The reserved forum of a partnership: threads, replies, @mentions and subscriptions.

Only the people of its accepted member organisations post (staff read). Posts are plain text,
rendered escaped with links (``partnerships_text.forum_text``). A reply notifies the thread's
subscribers (the author is subscribed when they post); "@Name" of one of the partnership's
people notifies that person instead.
"""

from __future__ import annotations

import re
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterbridge.common.permissions import require
from clusterbridge.notifications.services.notify import notify
from clusterbridge.organisations.queries import memberships
from clusterbridge.partnerships import validators
from clusterbridge.partnerships.models import (
    ForumPost,
    ForumThread,
    MemberState,
    Partnership,
    PartnershipMember,
    ThreadSubscription,
)

User = get_user_model()
FORBIDDEN = gettext_lazy(
    "Only the people of the partnership's member organisations post in its forum."
)


def forum_people(partnership: Partnership):
    organisation_ids = PartnershipMember.objects.filter(
        partnership=partnership, state=MemberState.ACCEPTED
    ).values_list("organisation_id", flat=True)
    return memberships.members_of_any(list(organisation_ids))


def mentioned(body: str, people) -> list:
    """The people whose name follows an "@" in the text (case-insensitive, whole name)."""
    if "@" not in body:
        return []
    found = []
    for person in people:
        name = (person.name or "").strip()
        if name and re.search(rf"@{re.escape(name)}(?!\w)", body, flags=re.IGNORECASE):
            found.append(person)
    return found


def _check_body(body: str) -> str:
    validators.validate_required_text(body, _("The message"))
    validators.validate_post_body(body.strip())
    return body.strip()


def _subscribe(thread: ForumThread, user) -> None:
    ThreadSubscription.objects.get_or_create(thread=thread, user=user)


def _tell(thread: ForumThread, post: ForumPost, actor, *, notify_subscribers: bool) -> None:
    people = list(forum_people(thread.partnership))
    named = [p for p in mentioned(post.body, people) if p.pk != actor.pk]
    params = {
        "author": actor.name or _("A member"),
        "thread": thread.title,
        "partnership": thread.partnership.name,
    }
    url = thread.get_absolute_url()
    if named:
        notify(users=named, kind="partnerships.mention", params=params, url=url)
    if notify_subscribers:
        allowed = {p.pk for p in people}
        skip = {p.pk for p in named} | {actor.pk}
        subscribers = User.objects.filter(
            pk__in=ThreadSubscription.objects.filter(thread=thread).values("user_id")
        )
        # Someone who left the partnership's organisations keeps no access, so no notice.
        recipients = [u for u in subscribers if u.pk in allowed and u.pk not in skip]
        if recipients:
            notify(users=recipients, kind="partnerships.reply", params=params, url=url)


@transaction.atomic
def start_thread(
    *,
    partnership: Partnership,
    actor: User,
    title: str,
    body: str,
    now: datetime | None = None,
    is_demo: bool = False,
) -> ForumThread:
    require(actor, "partnerships.post_in_forum", partnership, message=FORBIDDEN)
    validators.validate_required_text(title, _("The title"))
    validators.validate_title(title.strip())
    body = _check_body(body)
    now = now or timezone.now()
    thread = ForumThread.objects.create(
        partnership=partnership,
        title=title.strip(),
        author=actor,
        created_at=now,
        last_post_at=now,
        post_count=1,
        is_demo=is_demo,
    )
    post = ForumPost.objects.create(
        thread=thread, author=actor, body=body, created_at=now, is_demo=is_demo
    )
    _subscribe(thread, actor)
    if not is_demo:
        _tell(thread, post, actor, notify_subscribers=False)
    return thread


@transaction.atomic
def reply(
    *,
    thread: ForumThread,
    actor: User,
    body: str,
    now: datetime | None = None,
    is_demo: bool = False,
) -> ForumPost:
    thread = ForumThread.objects.select_for_update().select_related("partnership").get(pk=thread.pk)
    require(actor, "partnerships.post_in_forum", thread, message=FORBIDDEN)
    body = _check_body(body)
    now = now or timezone.now()
    post = ForumPost.objects.create(
        thread=thread, author=actor, body=body, created_at=now, is_demo=is_demo
    )
    ForumThread.objects.filter(pk=thread.pk).update(
        post_count=F("post_count") + 1, last_post_at=now
    )
    _subscribe(thread, actor)
    if not is_demo:
        _tell(thread, post, actor, notify_subscribers=True)
    return post


@transaction.atomic
def set_subscription(*, thread: ForumThread, actor: User, subscribed: bool) -> bool:
    require(
        actor,
        "partnerships.view_forum",
        thread,
        message=_("Only the partnership's people follow its forum."),
    )
    if subscribed:
        _subscribe(thread, actor)
    else:
        ThreadSubscription.objects.filter(thread=thread, user=actor).delete()
    return subscribed
