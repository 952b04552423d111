"""The organiser area: events, registrations, slots and tables, scheduling, dashboard."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from clusterbridge.common import audit
from clusterbridge.common.views import object_or_404
from clusterbridge.events import exports
from clusterbridge.events.forms import (
    ApplyRunForm,
    EventForm,
    MeetingFilterForm,
    MoveForm,
    RunForm,
    SessionForm,
    SlotsForm,
    TablesForm,
)
from clusterbridge.events.models import Event, Registration
from clusterbridge.events.queries import agenda as agenda_q
from clusterbridge.events.queries.calendar import organised_by
from clusterbridge.events.queries.figures import MEETING_FIGURES, dashboard
from clusterbridge.events.reasons import profile_label, unscheduled_reason, unserved_reason
from clusterbridge.events.run_status import run_message
from clusterbridge.events.services import events as event_services
from clusterbridge.events.services import registration as reg_services
from clusterbridge.events.services import scheduling
from clusterbridge.events.services.matchmaking import slot_label
from clusterbridge.events.views._util import download, flash_error, form_error
from clusterbridge.organisations.models import Organisation

MANAGE = "events.manage_event"
CHECK_SESSION = gettext_lazy("Check the programme session: %(errors)s")
CHECK_SLOTS = gettext_lazy("Check the meeting slots: %(errors)s")
CHECK_TABLES = gettext_lazy("Check the tables: %(errors)s")
CHECK_RUN = gettext_lazy("Check the scheduler settings: {errors}")


def _event(request, slug):
    return object_or_404(request, Event.objects.select_related("organiser"), MANAGE, slug=slug)


def _of_event(queryset, **lookup):
    """An object belonging to an event the organiser was already checked for (``_event``).

    The event permission rules take an Event: a registration, meeting or run is found through
    its event's queryset instead of being checked against a rule of its own; missing is a 404.
    """
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise Http404(_("No such page."))
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
            messages.success(request, _("The event is saved."))
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
            messages.success(request, _("The event is updated."))
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
    messages.success(
        request,
        _("The event is published in the calendar.")
        if event.is_published
        else _("The event is no longer in the calendar."),
    )
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
        messages.success(
            request,
            ngettext(
                "%(admitted)s person admitted, %(reserve)s on the reserve list.",
                "%(admitted)s people admitted, %(reserve)s on the reserve list.",
                admitted,
            )
            % {"admitted": admitted, "reserve": reserve},
        )
    return redirect("events:manage", slug)


@login_required
def participants_csv_view(request, slug):
    event = _event(request, slug)
    regs = event.registrations.exclude(status="cancelled").select_related("user", "organisation")
    audit.record_export(
        actor=request.user,
        action="events.participants_exported",
        obj=event,
        organisation=event.organiser_id,
    )
    return download(exports.participants_csv(event, regs), "text/csv", f"{slug}-participants.csv")


@login_required
def badges_view(request, slug):
    event = _event(request, slug)
    regs = event.registrations.filter(status="admitted").select_related("user", "organisation")
    return download(exports.badges_pdf(event, regs), "application/pdf", f"{slug}-badges.pdf")


def _form_errors(form) -> str:
    """The form's errors in one line, each after the label of its field."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        text = " ".join(errors)
        parts.append(
            _("%(field)s: %(errors)s") % {"field": label, "errors": text} if label else text
        )
    return " ".join(parts)


def _manage_form_action(request, slug, form_class, what, act):
    """POST a small organiser form, run ``act(event, cleaned_data)`` (a service call returning
    the success message) and report the outcome on the manage page. ``what`` is the format of
    the error message, with ``%(errors)s``."""
    event = _event(request, slug)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, str(what) % {"errors": _form_errors(form)})
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
        return _("Programme session “%(title)s” added.") % {"title": data["title"]}

    return _manage_form_action(request, slug, SessionForm, CHECK_SESSION, add)


@login_required
@require_POST
def slots_view(request, slug):
    def add(event, data):
        slots = event_services.add_slots(event=event, actor=request.user, **data)
        return ngettext(
            "%(count)s meeting slot added.", "%(count)s meeting slots added.", len(slots)
        ) % {"count": number_format(len(slots), force_grouping=True)}

    return _manage_form_action(request, slug, SlotsForm, CHECK_SLOTS, add)


@login_required
@require_POST
def tables_view(request, slug):
    def set_tables(event, data):
        event_services.set_tables(event=event, actor=request.user, **data)
        return ngettext(
            "%(count)s table with %(seats)s seats.",
            "%(count)s tables with %(seats)s seats each.",
            data["count"],
        ) % {"count": number_format(data["count"], force_grouping=True), "seats": data["seats"]}

    return _manage_form_action(request, slug, TablesForm, CHECK_TABLES, set_tables)


RUNS_SHOWN = 5


def _with_figures(runs: list) -> list:
    """The runs with their status sentence, choice of time and the participants each left
    without a meeting, named and with the reason (one query for all the names)."""
    names = agenda_q.unserved_names(runs)
    for run in runs:
        run.status_text = run_message(run)
        run.profile_text = profile_label(run.profile)
        run.unserved_people = [
            (names.get(u["registration"], "?"), unserved_reason(u["reason"]))
            for u in (run.result or {}).get("unserved", [])
        ]
    return runs


MEETINGS_PER_PAGE = 50


def _slot_choices(event) -> list[tuple[int, str]]:
    return [(s.pk, slot_label(s, event)) for s in event.slots.all()]


def _runs_compared(event, placed_now: int) -> list:
    """The latest runs side by side, each marked applied (the schedule in place), better or
    worse than the schedule in place (by meetings placed)."""
    runs = _with_figures(list(event.runs.defer("assignment")[:RUNS_SHOWN]))
    applied = [r for r in runs if r.applied_at]
    current = max(applied, key=lambda r: (r.applied_at, r.pk)) if applied else None
    done = [r for r in runs if r.status == "done"]
    best = max(done, key=lambda r: (r.result.get("objective", 0), r.created_at)) if done else None
    for r in runs:
        r.is_current = r is current
        r.is_best = r is best
        objective = (r.result or {}).get("objective")
        r.is_worse = objective is not None and objective < placed_now
    return runs


def _back(params) -> str:
    """The list's filters and page found in ``params``, checked by the filter form (the slot
    as a plain id), so links and redirects back to the list never carry anything else."""
    form = MeetingFilterForm(params, slots=[])
    form.is_valid()
    keep = {
        key: params[key]
        for key in ("status", "reason", "participant", "page")
        if params.get(key) and key not in form.errors
    }
    if re.fullmatch(r"[0-9]{1,18}", params.get("slot", "")):
        keep["slot"] = params["slot"]
    return urlencode(keep)


@login_required
def schedule_view(request, slug):
    event = _event(request, slug)
    form = MeetingFilterForm(request.GET, slots=_slot_choices(event))
    summary = agenda_q.meeting_summary(event)
    runs = _runs_compared(event, summary["scheduled"])
    context = {
        "event": event,
        "run": runs[0] if runs else None,
        "runs": runs,
        "run_form": RunForm(),
        "form": form,
        "summary": summary,
        "reasons": [
            (code, unscheduled_reason(code), n) for code, n in sorted(summary["reasons"].items())
        ],
        "notified": scheduling.people_to_notify(event).count(),
    }
    if not form.is_valid():
        context["errors"] = form.error_list()
        return render(request, "events/organiser/schedule.html", context, status=400)
    page = Paginator(agenda_q.meeting_list(event, **form.filters()), MEETINGS_PER_PAGE).get_page(
        form.cleaned_data.get("page") or 1
    )
    for m in page.object_list:
        m.reason_text = unscheduled_reason(m.reason)
    params = request.GET.copy()
    params.pop("page", None)
    context.update(
        {
            "page": page,
            "querystring": params.urlencode(),
            "back": _back(request.GET),
        }
    )
    return render(request, "events/organiser/schedule.html", context)


def _back_to_schedule(request, slug):
    """After a failed start: the page again with the message (htmx reloads it, not the region)."""
    url = reverse("events:schedule", args=[slug])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@login_required
@require_POST
def run_view(request, slug):
    event = _event(request, slug)
    form = RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, str(CHECK_RUN).format(errors=_form_errors(form)))
        return _back_to_schedule(request, slug)
    try:
        run = scheduling.start_run(event=event, actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        flash_error(request, exc)
        return _back_to_schedule(request, slug)
    if request.htmx:
        # The form was posted in the page: only the run's status is sent back (it polls).
        (run,) = _with_figures([event.runs.defer("assignment").get(pk=run.pk)])
        return render(request, "events/organiser/_run.html", {"event": event, "run": run})
    return redirect("events:schedule", slug)


@login_required
def run_status_view(request, slug, pk):
    event = _event(request, slug)
    (run,) = _with_figures([_of_event(event.runs.defer("assignment"), pk=pk)])
    return render(request, "events/organiser/_run.html", {"event": event, "run": run})


@login_required
@require_POST
def apply_run_view(request, slug, pk):
    event = _event(request, slug)
    run = _of_event(event.runs.all(), pk=pk)
    form = ApplyRunForm(request.POST)
    form.is_valid()
    try:
        run = scheduling.apply_run(
            run=run, actor=request.user, confirm_worse=form.cleaned_data.get("confirm_worse", False)
        )
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        objective = run.result.get("objective", 0)
        messages.success(
            request,
            ngettext(
                "The run is applied: %(count)s meeting scheduled.",
                "The run is applied: %(count)s meetings scheduled.",
                objective,
            )
            % {"count": number_format(objective, force_grouping=True)},
        )
    return redirect("events:schedule", slug)


@login_required
def meeting_view(request, slug, pk):
    """One meeting in a small form of its own: the only place with slot and table choices."""
    event = _event(request, slug)
    meeting = _of_event(
        event.meetings.select_related("event", "slot", "table").prefetch_related(
            Prefetch(
                "participants",
                queryset=Registration.objects.select_related("user", "organisation"),
            )
        ),
        pk=pk,
    )
    back = _back(
        QueryDict(request.POST.get("back", "")[:1000]) if request.method == "POST" else request.GET
    )
    list_url = reverse("events:schedule", args=[slug]) + (f"?{back}" if back else "")
    if request.method == "POST":
        return _meeting_action(request, event, meeting, list_url, back)
    return render(
        request,
        "events/organiser/meeting.html",
        {
            "event": event,
            "meeting": meeting,
            "reason_text": unscheduled_reason(meeting.reason),
            "slots": [
                (s.pk, slot_label(s, event)) for s in event.slots.filter(online=meeting.online)
            ],
            "tables": list(event.tables.all()) if not meeting.online else [],
            "back": back,
            "list_url": list_url,
        },
    )


def _meeting_action(request, event, meeting, list_url, back):
    action = request.POST.get("action")
    try:
        if action == "move":
            form = MoveForm(request.POST, event=event)
            if not form.is_valid():
                raise ValidationError(_("Choose a slot (and a table for on-site meetings)."))
            scheduling.move_meeting(meeting=meeting, actor=request.user, **form.cleaned_data)
        elif action in ("lock", "unlock"):
            scheduling.set_locked(meeting=meeting, actor=request.user, locked=action == "lock")
        elif action == "cancel":
            scheduling.cancel_meeting(meeting=meeting, actor=request.user)
        else:
            raise ValidationError(_("Unknown action."))
    except ValidationError as exc:
        flash_error(request, exc)
        url = reverse("events:meeting", args=[event.slug, meeting.pk])
        return redirect(url + (f"?{back}" if back else ""))
    messages.success(request, _("The meeting is updated."))
    return redirect(list_url)


@login_required
@require_POST
def publish_agenda_view(request, slug):
    event = _event(request, slug)
    try:
        told = scheduling.publish_agenda(event=event, actor=request.user)
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(
            request,
            ngettext(
                "Agendas published to %(count)s participant.",
                "Agendas published to %(count)s participants.",
                told,
            )
            % {"count": number_format(told, force_grouping=True)},
        )
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
    meetings = [
        (key, str(MEETING_FIGURES[key]), value) for key, value in figures["meetings"].items()
    ]
    charts = {
        "countries": figures["by_country"],
        "meetings": {label: value for _key, label, value in meetings},
        "outcomes": figures["outcomes"],
    }
    return render(
        request,
        "events/organiser/dashboard.html",
        {"event": event, "figures": figures, "meetings": meetings, "charts": charts},
    )
