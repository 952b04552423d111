"""The public calendar, the iCalendar feed, event pages, registration and cancellation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterbridge.common.views import object_or_404
from clusterbridge.events import exports
from clusterbridge.events.forms import CalendarFilterForm, RegistrationForm
from clusterbridge.events.models import Event, Registration
from clusterbridge.events.queries.calendar import calendar
from clusterbridge.events.services import registration as reg_services
from clusterbridge.events.views._util import download, flash_error, form_error
from clusterbridge.organisations.models import Organisation


def calendar_view(request):
    form = CalendarFilterForm(request.GET or None)
    filters = form.filters()
    page = Paginator(calendar(**filters), 20).get_page(request.GET.get("page"))
    return render(request, "events/calendar.html", {"form": form, "page": page, "filters": filters})


def feed_view(request):
    events = calendar(when="upcoming")[:500]
    return download(exports.calendar_ics(events), "text/calendar", "events.ics")


def detail_view(request, slug: str):
    event = object_or_404(
        request,
        Event.objects.select_related("organiser").prefetch_related(
            "sessions", "target_sectors", "co_organisers"
        ),
        "events.view_event",
        slug=slug,
    )
    registration = None
    form = None
    if request.user.is_authenticated:
        registration = Registration.objects.filter(event=event, user=request.user).first()
        form = RegistrationForm(event=event, organisations=_orgs(request.user))
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "registration": registration,
            "form": form,
            "can_manage": request.user.has_perm("events.manage_event", event),
            "admitted": reg_services.admitted_count(event),
            "place": exports.place(event),
        },
    )


def _orgs(user):
    return Organisation.objects.filter(memberships__user=user).order_by("name")


@login_required
@require_POST
def register_view(request, slug: str):
    event = object_or_404(request, Event.objects.all(), "events.view_event", slug=slug)
    form = RegistrationForm(request.POST, event=event, organisations=_orgs(request.user))
    if form.is_valid():
        try:
            registration = reg_services.register(
                event=event,
                user=request.user,
                organisation=form.cleaned_data.get("organisation"),
                answers=form.answers(),
                attendance=form.cleaned_data.get("attendance") or "onsite",
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request,
                reg_services.status_message(registration.status, event=registration.event.title),
            )
            return redirect(event)
    return render(
        request,
        "events/detail.html",
        {"event": event, "form": form, "registration": None,
         "admitted": reg_services.admitted_count(event), "place": exports.place(event)},
    )  # fmt: skip


@login_required
@require_POST
def cancel_view(request, slug: str):
    registration = Registration.objects.filter(event__slug=slug, user=request.user).first()
    if registration is None:
        return redirect("events:calendar")
    try:
        reg_services.cancel(registration=registration, actor=request.user)
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(registration.event)
