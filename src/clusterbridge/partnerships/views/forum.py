"""The reserved forum: visible only to the people of the member organisations (and staff);
anyone else gets 404 for the forum, its threads and every action on them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterbridge.common.feedback import form_error
from clusterbridge.common.views import object_or_404
from clusterbridge.partnerships.forms import PostForm, ThreadForm
from clusterbridge.partnerships.models import ForumThread, ThreadSubscription
from clusterbridge.partnerships.queries import lists
from clusterbridge.partnerships.services import forum as services

THREADS_PAGE = 30
POSTS_PAGE = 50


def _forum(request, slug):
    return object_or_404(request, lists.partnership_pages(), "partnerships.view_forum", slug=slug)


def _thread(request, slug, pk):
    return object_or_404(
        request,
        ForumThread.objects.select_related("partnership"),
        "partnerships.view_forum",
        pk=pk,
        partnership__slug=slug,
    )


@login_required
def forum(request, slug):
    partnership = _forum(request, slug)
    page = Paginator(lists.threads_of(partnership), THREADS_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "partnerships/forum.html",
        {
            "partnership": partnership,
            "page": page,
            "can_post": request.user.has_perm("partnerships.post_in_forum", partnership),
            "can_read_forum": True,
            "tab": "forum",
        },
    )


@login_required
def new_thread(request, slug):
    partnership = _forum(request, slug)
    can_post = request.user.has_perm("partnerships.post_in_forum", partnership)
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.start_thread(
                partnership=partnership,
                actor=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as exc:
            form_error(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            return redirect(thread.get_absolute_url())
    return render(
        request,
        "partnerships/thread_form.html",
        {"partnership": partnership, "form": form, "can_post": can_post},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def thread(request, slug, pk):
    thread = _thread(request, slug, pk)
    can_post = request.user.has_perm("partnerships.post_in_forum", thread)
    form = PostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reply(thread=thread, actor=request.user, body=form.cleaned_data["body"])
        except ValidationError as exc:
            form_error(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            thread.refresh_from_db(fields=["post_count"])
            last = (thread.post_count - 1) // POSTS_PAGE + 1
            return redirect(f"{thread.get_absolute_url()}?page={last}#latest")
    page = Paginator(lists.posts_of(thread), POSTS_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "partnerships/thread.html",
        {
            "partnership": thread.partnership,
            "thread": thread,
            "page": page,
            "form": form,
            "can_post": can_post,
            "subscribed": ThreadSubscription.objects.filter(
                thread=thread, user=request.user
            ).exists(),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def subscription(request, slug, pk):
    thread = _thread(request, slug, pk)
    subscribed = request.POST.get("subscribed") == "1"
    services.set_subscription(thread=thread, actor=request.user, subscribed=subscribed)
    messages.success(
        request,
        _("You follow this thread.") if subscribed else _("You no longer follow this thread."),
    )
    return redirect(thread.get_absolute_url())
