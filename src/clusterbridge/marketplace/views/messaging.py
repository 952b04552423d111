"""Messaging pages: inbox with unread counts, a conversation, contact a poster, block, report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterbridge.common.badinput import bad_request
from clusterbridge.common.feedback import flash_error, form_error
from clusterbridge.common.views import object_or_404
from clusterbridge.marketplace.forms.opportunity import (
    MarkReadForm,
    MessageForm,
    NewConversationForm,
    ReasonForm,
)
from clusterbridge.marketplace.models import (
    Block,
    Conversation,
    Message,
    MessageAttachment,
    Opportunity,
    Participant,
)
from clusterbridge.marketplace.queries.messaging import conversations_for, unread_total
from clusterbridge.marketplace.services import messaging
from clusterbridge.marketplace.views._helpers import serve_attachment

User = get_user_model()

INBOX_PAGE_SIZE = 30


@login_required
def inbox_view(request):
    page = Paginator(conversations_for(request.user), INBOX_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "marketplace/inbox.html",
        {"page": page, "conversations": page.object_list, "unread": unread_total(request.user)},
    )


@login_required
def conversation_view(request, pk: int):
    conversation = object_or_404(
        request,
        Conversation.objects.select_related("opportunity"),
        "marketplace.view_conversation",
        pk=pk,
    )
    form = MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            messaging.send_message(
                conversation=conversation,
                sender=request.user,
                body=form.cleaned_data["body"],
                attachments=form.cleaned_data["attachments"],
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            # Sending marks the conversation read (in send_message): the sender saw it.
            return redirect(conversation)
    # A GET changes no state: the page posts to mark_read_view once it has loaded.
    messages_list = list(
        conversation.messages.select_related("sender").prefetch_related("attachments")
    )
    others = list(
        User.objects.filter(conversation_seats__conversation=conversation).exclude(
            pk=request.user.pk
        )
    )
    blocked = set(
        Block.objects.filter(blocker=request.user, blocked__in=others).values_list(
            "blocked_id", flat=True
        )
    )
    return render(
        request,
        "marketplace/conversation.html",
        {
            "conversation": conversation,
            "messages_list": messages_list,
            "last_seen": messages_list[-1] if messages_list else None,
            "others": [(u, u.pk in blocked) for u in others],
            "organisations": list(conversation.organisations.all()),
            "form": form,
            "interest": getattr(conversation, "interest", None),
            "reason_form": ReasonForm(),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def mark_read_view(request, pk: int):
    """Mark the conversation read up to the last message the page showed (``seen``).

    Posted by the conversation page once loaded (htmx, ``hx-trigger="load"``; a button without
    JavaScript). A message that arrived after the page was rendered stays unread.
    """
    conversation = object_or_404(
        request, Conversation.objects.all(), "marketplace.view_conversation", pk=pk
    )
    form = MarkReadForm(request.POST)
    if not form.is_valid():
        return bad_request(request, " ".join(form.errors["seen"]))
    read_until = (
        Message.objects.filter(conversation=conversation, pk=form.cleaned_data["seen"])
        .values_list("created_at", flat=True)
        .first()
    )
    if read_until is not None:
        messaging.mark_read(conversation=conversation, user=request.user, now=read_until)
    if request.htmx:
        return HttpResponse(status=204)
    return redirect(conversation)


@login_required
def attachment_view(request, pk: int, attachment_id: int):
    conversation = object_or_404(
        request, Conversation.objects.all(), "marketplace.view_conversation", pk=pk
    )
    attachment = MessageAttachment.objects.filter(
        pk=attachment_id, message__conversation=conversation
    ).first()
    if attachment is None:
        raise Http404("No such attachment.")
    return serve_attachment(attachment)


@login_required
def contact_view(request, reference: str):
    """Write one-to-one to the person who posted an opportunity."""
    opportunity = object_or_404(
        request,
        Opportunity.objects.select_related("author"),
        "marketplace.view_opportunity",
        reference=reference,
    )
    if opportunity.author is None or opportunity.author_id == request.user.pk:
        raise Http404("No one to contact.")
    form = NewConversationForm(
        request.POST or None, initial={"subject": f"{opportunity.reference}: {opportunity.title}"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            conversation = messaging.start_direct_conversation(
                sender=request.user,
                recipient=opportunity.author,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                opportunity=opportunity,
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            return redirect(conversation)
    return render(
        request,
        "marketplace/contact.html",
        {"form": form, "opportunity": opportunity},
        status=400 if request.method == "POST" else 200,
    )


def _other_participant(request, pk: int, user_id: int):
    conversation = object_or_404(
        request, Conversation.objects.all(), "marketplace.view_conversation", pk=pk
    )
    seat = (
        Participant.objects.filter(conversation=conversation, user_id=user_id)
        .select_related("user")
        .first()
    )
    if seat is None or seat.user_id == request.user.pk:
        raise Http404("No such person in this conversation.")
    return conversation, seat.user


@login_required
@require_POST
def block_view(request, pk: int, user_id: int):
    conversation, other = _other_participant(request, pk, user_id)
    try:
        if request.POST.get("block") == "0":
            messaging.unblock_user(blocker=request.user, blocked=other)
            messages.success(request, _("{person} may write to you again.").format(person=other))
        else:
            messaging.block_user(blocker=request.user, blocked=other)
            messages.success(
                request,
                _("{person} can no longer write to you one-to-one.").format(person=other),
            )
    except ValidationError as exc:
        flash_error(request, exc)
    return redirect(conversation)


@login_required
@require_POST
def report_user_view(request, pk: int, user_id: int):
    conversation, other = _other_participant(request, pk, user_id)
    form = ReasonForm(request.POST)
    try:
        messaging.report(
            reporter=request.user,
            reported_user=other,
            conversation=conversation,
            reason=request.POST.get("reason", "") if form.is_valid() else "",
        )
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("Thank you; platform staff will look at your report."))
    return redirect(conversation)


@login_required
@require_POST
def report_opportunity_view(request, reference: str):
    opportunity = object_or_404(
        request, Opportunity.objects.all(), "marketplace.view_opportunity", reference=reference
    )
    form = ReasonForm(request.POST)
    try:
        messaging.report(
            reporter=request.user,
            opportunity=opportunity,
            reason=form.cleaned_data["reason"] if form.is_valid() else "",
        )
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("Thank you; platform staff will look at your report."))
    return redirect(opportunity)
