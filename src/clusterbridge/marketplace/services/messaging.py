"""Private messaging: conversations, messages, read state, throttled e-mail, blocks, reports."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterbridge.common import audit
from clusterbridge.common.permissions import require
from clusterbridge.marketplace.models import (
    Block,
    Conversation,
    Message,
    MessageAttachment,
    Opportunity,
    OpportunityStatus,
    Participant,
    Report,
)
from clusterbridge.marketplace.queries.search import bump_marketplace_version
from clusterbridge.marketplace.validators import (
    MAX_ATTACHMENTS,
    validate_attachment,
    validate_message_body,
    validate_resolution_note,
)
from clusterbridge.notifications.services.notify import notify
from clusterbridge.organisations.models import Organisation
from clusterbridge.organisations.queries import memberships

User = get_user_model()

# At most one e-mail per conversation and recipient in this interval; the in-app unread count
# covers the rest.
MESSAGE_MAIL_INTERVAL = timedelta(minutes=15)


def blocked_by(sender: User, recipients: Iterable[User]) -> list[User]:
    ids = [u.pk for u in recipients if u.pk != sender.pk]
    blockers = Block.objects.filter(blocked=sender, blocker_id__in=ids).values("blocker_id")
    return list(User.objects.filter(pk__in=blockers))


def _refuse_if_blocked(sender: User, recipients: Iterable[User]) -> None:
    blockers = blocked_by(sender, recipients)
    if blockers:
        raise ValidationError(
            _("{person} does not accept messages from you.").format(person=blockers[0]),
            code="blocked",
        )


def _refuse_if_blocking(sender: User, participants: Iterable[User]) -> None:
    """In a conversation between organisations, someone who blocked a participant stays silent.

    The blocked person may still write there (one member must not silence a conversation
    between two organisations), but the blocker's words would reach the person they blocked.
    """
    ids = [u.pk for u in participants if u.pk != sender.pk]
    blocked = list(
        User.objects.filter(
            pk__in=Block.objects.filter(blocker=sender, blocked_id__in=ids).values("blocked_id")
        ).order_by("pk")[:1]
    )
    if blocked:
        raise ValidationError(
            _(
                "You blocked {person}, who takes part in this conversation; unblock them to "
                "write here."
            ).format(person=blocked[0]),
            code="blocking",
        )


def _store_attachments(message: Message, uploads: Sequence) -> None:
    if len(uploads) > MAX_ATTACHMENTS:
        raise ValidationError(
            _("At most {count} attachments per message.").format(count=MAX_ATTACHMENTS),
            code="too_many",
        )
    # Validate everything first: a bad third file must not leave the first two stored.
    types = [validate_attachment(upload) for upload in uploads]
    for upload, content_type in zip(uploads, types, strict=True):
        attachment = MessageAttachment(
            message=message,
            original_name=upload.name[-200:],
            content_type=content_type,
            size=upload.size,
        )
        attachment.file.save(upload.name, upload, save=False)
        attachment.save()


def _post(
    conversation: Conversation, sender: User, body: str, uploads: Sequence, now: datetime
) -> Message:
    message = Message.objects.create(
        conversation=conversation, sender=sender, body=body, created_at=now
    )
    _store_attachments(message, uploads)
    conversation.last_message_at = now
    conversation.save(update_fields=["last_message_at", "updated_at"])
    Participant.objects.filter(conversation=conversation, user=sender).update(last_read_at=now)
    _mail_recipients(conversation, sender, now)
    return message


def _mail_recipients(conversation: Conversation, sender: User, now: datetime) -> None:
    seats = list(
        Participant.objects.select_for_update()
        .filter(conversation=conversation)
        .exclude(user=sender)
        .filter(Q(last_emailed_at=None) | Q(last_emailed_at__lte=now - MESSAGE_MAIL_INTERVAL))
        .select_related("user")
    )
    if not seats:
        return
    Participant.objects.filter(pk__in=[s.pk for s in seats]).update(last_emailed_at=now)
    notify(
        users=[s.user for s in seats],
        kind="marketplace.message",
        params={"sender": str(sender), "subject": conversation.subject},
        url=conversation.get_absolute_url(),
    )


def _open(
    *,
    kind: str,
    subject: str,
    users: Iterable[User],
    organisations: Iterable[Organisation] = (),
    opportunity: Opportunity | None = None,
    is_demo: bool = False,
) -> Conversation:
    conversation = Conversation.objects.create(
        kind=kind, subject=subject[:200], opportunity=opportunity, is_demo=is_demo
    )
    conversation.organisations.set(list(organisations))
    Participant.objects.bulk_create(
        [Participant(conversation=conversation, user=u) for u in dict.fromkeys(users)]
    )
    return conversation


@transaction.atomic
def start_direct_conversation(
    *,
    sender: User,
    recipient: User,
    subject: str,
    body: str,
    opportunity: Opportunity | None = None,
    attachments: Sequence = (),
    now: datetime | None = None,
) -> Conversation:
    """A one-to-one conversation with its first message."""
    if recipient.pk == sender.pk:
        raise ValidationError(_("You cannot write to yourself."), code="self")
    if not recipient.is_active:
        raise ValidationError(
            _("{person} no longer has an active account.").format(person=recipient),
            code="inactive",
        )
    subject = (subject or "").strip()
    if not subject:
        raise ValidationError(_("Give the conversation a subject."), code="subject")
    body = validate_message_body(body)
    _refuse_if_blocked(sender, [recipient])
    conversation = _open(
        kind=Conversation.Kind.DIRECT,
        subject=subject,
        users=[sender, recipient],
        opportunity=opportunity,
    )
    _post(conversation, sender, body, attachments, now or timezone.now())
    return conversation


def open_organisation_conversation(
    *,
    sender: User,
    organisations: Sequence[Organisation],
    subject: str,
    body: str,
    opportunity: Opportunity | None = None,
    extra_users: Iterable[User] = (),
    now: datetime | None = None,
    is_demo: bool = False,
) -> Conversation:
    """Every current member of the organisations takes part (called inside a service's atomic)."""
    members = list(memberships.members_of_any(organisations))
    users = [sender, *extra_users, *members]
    _refuse_if_blocking(sender, users)
    conversation = _open(
        kind=Conversation.Kind.ORGANISATIONS,
        subject=subject,
        users=users,
        organisations=organisations,
        opportunity=opportunity,
        is_demo=is_demo,
    )
    _post(conversation, sender, validate_message_body(body), (), now or timezone.now())
    return conversation


@transaction.atomic
def send_message(
    *,
    conversation: Conversation,
    sender: User,
    body: str,
    attachments: Sequence = (),
    now: datetime | None = None,
) -> Message:
    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    seats = list(Participant.objects.filter(conversation=conversation).select_related("user"))
    if sender.pk not in {s.user_id for s in seats}:
        raise ValidationError(_("You are not part of this conversation."), code="not_participant")
    body = validate_message_body(body)
    if conversation.kind == Conversation.Kind.DIRECT:
        _refuse_if_blocked(sender, [s.user for s in seats])
    else:
        if (
            conversation.opportunity_id
            and conversation.opportunity.status == OpportunityStatus.UNPUBLISHED
        ):
            raise ValidationError(
                _("This opportunity was removed by moderation."), code="moderated"
            )
        _refuse_if_blocking(sender, [s.user for s in seats])
    return _post(conversation, sender, body, attachments, now or timezone.now())


@transaction.atomic
def mark_read(*, conversation: Conversation, user: User, now: datetime | None = None) -> None:
    """The user has read the conversation up to ``now`` (never moves the read mark back).

    Called from POST requests only (the conversation page posts it once loaded, and sending a
    message marks it too): a GET, a link preview or a prefetch must not change read state.
    """
    now = now or timezone.now()
    Participant.objects.filter(conversation=conversation, user=user).filter(
        Q(last_read_at=None) | Q(last_read_at__lt=now)
    ).update(last_read_at=now)


@transaction.atomic
def leave_organisation_conversations(*, user: User, organisation: Organisation) -> int:
    """Remove the user's seats in conversations held on behalf of ``organisation``.

    Called when they stop being a member: the seat was given for the membership, and access
    and alerts follow seats only. One-to-one conversations stay, and so does a seat in a
    conversation where the user still speaks for another of its organisations. Their past
    messages stay in the conversation (the other side received them). Returns seats removed.
    """
    still_member_of = memberships.organisation_ids_of(user)
    deleted, _by_model = (
        Participant.objects.filter(
            user=user,
            conversation__kind=Conversation.Kind.ORGANISATIONS,
            conversation__organisations=organisation,
        )
        .exclude(conversation__organisations__in=still_member_of)
        .delete()
    )
    return deleted


@transaction.atomic
def block_user(*, blocker: User, blocked: User) -> Block:
    if blocker.pk == blocked.pk:
        raise ValidationError(_("You cannot block yourself."), code="self")
    if blocked.is_staff:
        raise ValidationError(
            _("Platform staff cannot be blocked; report a problem instead."), code="staff"
        )
    block, _created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    return block


@transaction.atomic
def unblock_user(*, blocker: User, blocked: User) -> None:
    Block.objects.filter(blocker=blocker, blocked=blocked).delete()


@transaction.atomic
def report(
    *,
    reporter: User,
    reason: str,
    reported_user: User | None = None,
    conversation: Conversation | None = None,
    opportunity: Opportunity | None = None,
) -> Report:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Tell us what is wrong, so that staff can act on it."), code="reason"
        )
    if len(reason) > 2000:
        raise ValidationError(_("Keep the reason under 2,000 characters."), code="reason_long")
    if reported_user is None and opportunity is None:
        raise ValidationError(_("Report a person or an opportunity."), code="target")
    if reported_user is not None and reported_user.pk == reporter.pk:
        raise ValidationError(_("You cannot report yourself."), code="self")
    created = Report.objects.create(
        reporter=reporter,
        reported_user=reported_user,
        conversation=conversation,
        opportunity=opportunity,
        reason=reason,
    )
    staff = list(User.objects.filter(is_staff=True, is_active=True))
    notify(
        users=staff,
        kind="marketplace.report",
        params={"reason": reason[:200]},
        url="/marketplace/staff/reports/",
    )
    return created


# Stored on the report (a record for staff): in the language of the staff member resolving it.
RESOLUTIONS = {
    "dismiss": gettext_lazy("Dismissed: nothing to do"),
    "deactivate": gettext_lazy("Account of the reported person deactivated"),
    "unpublish": gettext_lazy("Reported opportunity unpublished"),
}


@transaction.atomic
def resolve_report(*, report: Report, actor: User, action: str, note: str = "") -> Report:
    require(actor, "marketplace.handle_reports", message=_("Only platform staff handle reports."))
    validate_resolution_note(note.strip())
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status == Report.Status.RESOLVED:
        raise ValidationError(_("This report was already resolved."), code="resolved")
    if action not in RESOLUTIONS:
        raise ValidationError(_("Unknown action “{value}”.").format(value=action), code="action")
    if action == "deactivate":
        if report.reported_user is None:
            raise ValidationError(_("This report names no person."), code="no_person")
        if report.reported_user.is_staff:
            raise ValidationError(
                _("Staff accounts are not deactivated from reports."), code="staff"
            )
        User.objects.filter(pk=report.reported_user_id).update(is_active=False)
    if action == "unpublish":
        opportunity = report.opportunity
        if opportunity is None or not opportunity.is_published:
            raise ValidationError(
                _("This report names no published opportunity."), code="no_opportunity"
            )
        from clusterbridge.marketplace.services.opportunities import unpublish_opportunity

        unpublish_opportunity(
            opportunity=opportunity,
            actor=actor,
            reason=note.strip() or _("Reported and reviewed by staff."),
        )
        transaction.on_commit(bump_marketplace_version)
    report.status = Report.Status.RESOLVED
    report.resolved_by = actor
    report.resolved_at = timezone.now()
    report.resolution = f"{RESOLUTIONS[action]}. {note.strip()}".strip()
    report.save()
    audit.record(
        actor=actor,
        action="marketplace.report_resolved",
        obj=report,
        changes={"action": action, "note": note.strip()},
    )
    return report
