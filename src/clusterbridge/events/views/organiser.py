"""The organiser area: events, registrations, slots and tables, scheduling, dashboard."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from clusterbridge.common.views import object_or_404
from clusterbridge.events import exports
from clusterbridge.events.forms import EventForm, MoveForm, SessionForm, SlotsForm, TablesForm
from clusterbridge.events.models import Event
from clusterbridge.events.queries import agenda as agenda_q
from clusterbridge.events.queries.calendar import organised_by
from clusterbridge.events.queries.figures import dashboard
from clusterbridge.events.services import events as event_services
from clusterbridge.events.services import registration as reg_services
from clusterbridge.events.services import scheduling
from clusterbridge.events.views._util import download, flash_error, form_error
from clusterbridge.organisations.models import Organisation

MANAGE = "events.manage_event"


def _event(request, slug):
    return object_or_404(request, Event.objects.select_related("organiser"), MANAGE, slug=slug)


def _of_event(queryset, **lookup):
    """An object belonging to an event the organiser was already checked for (``_event``).

    The event permission rules take an Event: a registration, meeting or run is found through
    its event's queryset instead of being checked against a rule of its own; missing is a 404.
    """
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise Http404("No such page.")
    return obj


@login_required
def area_view(request):
    return render(request, "events/organiser/area.html", {"events": organised_by(request.user)})


@login_required
def create_view(request):
    orgs = Organisation.objects.filter(memberships__user=request.user).order_by("name")
    form = EventForm(request.POST or None, request.FILES or None, organisations=orgs)
    if request.method == "POST" and form.is_valid():
        try:
            event = event_services.create_event(
                actor=request.user,
                organisation=form.cleaned_data["organiser"],
                data=form.event_data(),
                publish=request.POST.get("publish") == "1",
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "The event is saved.")
            return redirect("events:manage", event.slug)
    return render(request, "events/organiser/edit.html", {"form": form, "creating": True})


@login_required
def edit_view(request, slug):
    event = _event(request, slug)
    form = EventForm(request.POST or None, request.FILES or None, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            event_services.update_event(event=event, actor=request.user, data=form.event_data())
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "The event is updated.")
            return redirect("events:manage", event.slug)
    return render(request, "events/organiser/edit.html", {"form": form, "event": event})


@login_required
def manage_view(request, slug):
    event = _event(request, slug)
    regs = event.registrations.select_related("user", "organisation").order_by("sequence")
    proposed = (
        set(reg_services.proposed_selection(event))
        if event.admission_policy == "geo_balance" and not event.selection_confirmed_at
        else set()
    )
    return render(
        request,
        "events/organiser/manage.html",
        {
            "event": event,
            "registrations": regs,
            "proposed": proposed,
            "admitted": reg_services.admitted_count(event),
            "slots_form": SlotsForm(),
            "session_form": SessionForm(),
            "sessions": event.sessions.order_by("start"),
            "tables_form": TablesForm(initial={"count": event.tables.count() or 10}),
            "slots": event.slots.all(),
            "tables": event.tables.count(),
        },
    )


@login_required
@require_POST
def publish_view(request, slug):
    event = _event(request, slug)
    event_services.set_published(
        event=event, actor=request.user, published=request.POST.get("published") == "1"
    )
    messages.success(request, "Published." if event.is_published else "Unpublished.")
    return redirect("events:manage", slug)


@login_required
@require_POST
def decide_view(request, slug, pk):
    event = _event(request, slug)
    registration = _of_event(event.registrations.all(), pk=pk)
    try:
        reg_services.decide(
            registration=registration, actor=request.user, decision=request.POST.get("decision", "")
        )
    except ValidationError as exc:
        flash_error(request, exc)
    return redirect("events:manage", slug)


@login_required
@require_POST
def confirm_selection_view(request, slug):
    event = _event(request, slug)
    try:
        admitted, reserve = reg_services.confirm_selection(event=event, actor=request.user)
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, f"{admitted} admitted, {reserve} on the reserve list.")
    return redirect("events:manage", slug)


@login_required
def participants_csv_view(request, slug):
    event = _event(request, slug)
    regs = event.registrations.exclude(status="cancelled").select_related("user", "organisation")
    return download(exports.participants_csv(event, regs), "text/csv", f"{slug}-participants.csv")


@login_required
def badges_view(request, slug):
    event = _event(request, slug)
    regs = event.registrations.filter(status="admitted").select_related("user", "organisation")
    return download(exports.badges_pdf(event, regs), "application/pdf", f"{slug}-badges.pdf")


def _manage_form_action(request, slug, form_class, what: str, act):
    """POST a small organiser form, run ``act(event, cleaned_data)`` (a service call returning
    the success message) and report the outcome on the manage page."""
    event = _event(request, slug)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, f"Check the {what}: " + form.errors.as_text())
    else:
        try:
            message = act(event, form.cleaned_data)
        except ValidationError as exc:
            flash_error(request, exc)
        else:
            messages.success(request, message)
    return redirect("events:manage", slug)


@login_required
@require_POST
def sessions_view(request, slug):
    def add(event, data):
        zone = ZoneInfo(event.timezone)
        event_services.add_session(
            event=event,
            actor=request.user,
            title=data["title"],
            start=datetime.combine(data["day"], data["start"], tzinfo=zone),
            end=datetime.combine(data["day"], data["end"], tzinfo=zone),
        )
        return f"Programme session “{data['title']}” added."

    return _manage_form_action(request, slug, SessionForm, "programme session", add)


@login_required
@require_POST
def slots_view(request, slug):
    def add(event, data):
        slots = event_services.add_slots(event=event, actor=request.user, **data)
        return f"{len(slots)} meeting slots added."

    return _manage_form_action(request, slug, SlotsForm, "slot form", add)


@login_required
@require_POST
def tables_view(request, slug):
    def set_tables(event, data):
        event_services.set_tables(event=event, actor=request.user, **data)
        return f"{data['count']} tables."

    return _manage_form_action(request, slug, TablesForm, "table form", set_tables)


@login_required
def schedule_view(request, slug):
    event = _event(request, slug)
    run = event.runs.first()
    meetings = list(agenda_q.schedule(event))
    for m in meetings:
        m.reason_text = scheduling.reason_text(m.reason) if m.reason else ""
    return render(
        request,
        "events/organiser/schedule.html",
        {"event": event, "run": run, "meetings": meetings, "move_form": MoveForm(event=event)},
    )


@login_required
@require_POST
def run_view(request, slug):
    event = _event(request, slug)
    try:
        time_limit = float(request.POST.get("time_limit") or 10)
        scheduling.start_run(event=event, actor=request.user, time_limit=time_limit)
    except ValueError:
        messages.error(request, "The time limit is a number of seconds.")
    except ValidationError as exc:
        flash_error(request, exc)
    return redirect("events:schedule", slug)


@login_required
def run_status_view(request, slug, pk):
    event = _event(request, slug)
    run = _of_event(event.runs.all(), pk=pk)
    return render(request, "events/organiser/_run.html", {"event": event, "run": run})


@login_required
@require_POST
def meeting_action_view(request, slug, pk):
    event = _event(request, slug)
    meeting = _of_event(event.meetings.select_related("event"), pk=pk)
    action = request.POST.get("action")
    try:
        if action == "move":
            form = MoveForm(request.POST, event=event)
            if not form.is_valid():
                raise ValidationError("Choose a slot (and a table for on-site meetings).")
            scheduling.move_meeting(meeting=meeting, actor=request.user, **form.cleaned_data)
        elif action in ("lock", "unlock"):
            scheduling.set_locked(meeting=meeting, actor=request.user, locked=action == "lock")
        elif action == "cancel":
            scheduling.cancel_meeting(meeting=meeting, actor=request.user)
        else:
            raise ValidationError("Unknown action.")
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, "The meeting is updated.")
    return redirect("events:schedule", slug)


@login_required
@require_POST
def publish_agenda_view(request, slug):
    event = _event(request, slug)
    try:
        told = scheduling.publish_agenda(event=event, actor=request.user)
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, f"Agendas published to {told} participants.")
    return redirect("events:schedule", slug)


@login_required
def table_plan_view(request, slug):
    event = _event(request, slug)
    plan = agenda_q.table_plan(event)
    if request.GET.get("format") == "pdf":
        return download(
            exports.table_plan_pdf(event, plan), "application/pdf", f"{slug}-tables.pdf"
        )
    return render(request, "events/organiser/table_plan.html", {"event": event, "plan": plan})


@login_required
def dashboard_view(request, slug):
    event = _event(request, slug)
    figures = dashboard(event)
    fmt = request.GET.get("format")
    if fmt == "csv":
        return download(exports.report_csv(figures), "text/csv", f"{slug}-report.csv")
    if fmt == "pdf":
        return download(exports.report_pdf(event, figures), "application/pdf", f"{slug}-report.pdf")
    charts = {
        "countries": figures["by_country"],
        "meetings": figures["meetings"],
        "outcomes": figures["outcomes"],
    }
    return render(
        request,
        "events/organiser/dashboard.html",
        {"event": event, "figures": figures, "charts": charts, "charts_json": json.dumps(charts)},
    )
