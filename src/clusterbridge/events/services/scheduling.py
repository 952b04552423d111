"""Run the meeting scheduler, adjust its result by hand, publish the agendas."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone

from clusterbridge.events.models import (
    Event,
    Meeting,
    MeetingSlot,
    MeetingTable,
    Registration,
    ScheduleRun,
)
from clusterbridge.events.services.events import require_organiser
from clusterbridge.events.services.matchmaking import slot_label
from clusterbridge.notifications.services.notify import notify
from clusterbridge.scheduling import REASONS, parse_instance, solve

User = get_user_model()


def _active_meetings(event: Event):
    return (
        event.meetings.exclude(status=Meeting.Status.CANCELLED)
        .select_related("slot", "table")
        .prefetch_related(Prefetch("participants", queryset=Registration.objects.only("pk")))
    )


def build_instance(event: Event) -> dict[str, Any]:
    """The event in the scheduler's exchange format. Locked and communicated meetings are
    fixed (their slot; the table too when it is still free to keep)."""
    slots = list(event.slots.all())
    onsite_slots = sorted(f"s{s.pk}" for s in slots if not s.online)
    online_slots = sorted(f"s{s.pk}" for s in slots if s.online)
    regs = event.registrations.filter(status="admitted").prefetch_related("unavailable_slots")
    participants = [
        {"id": f"p{r.pk}", "unavailable": [f"s{s.pk}" for s in r.unavailable_slots.all()]}
        for r in regs
    ]
    admitted = {p["id"] for p in participants}
    meetings = []
    for m in _active_meetings(event):
        ids = [f"p{p.pk}" for p in m.participants.all()]
        if not set(ids) <= admitted:
            continue
        d: dict[str, Any] = {"id": f"m{m.pk}", "participants": ids}
        if m.online:
            d["online"] = True
            d["allowed_slots"] = online_slots
        else:
            d["allowed_slots"] = onsite_slots
        if (m.locked or m.communicated) and m.slot_id:
            d["fixed"] = {
                "slot": f"s{m.slot_id}",
                "location": f"t{m.table_id}" if m.table_id else None,
            }
        meetings.append(d)
    return {
        "slots": [
            {"id": f"s{s.pk}", "start": s.start.isoformat(), "minutes": s.minutes} for s in slots
        ],
        "locations": [{"id": f"t{t.pk}", "seats": t.seats} for t in event.tables.all()],
        "participants": participants,
        "meetings": meetings,
    }


@transaction.atomic
def start_run(*, event: Event, actor: User, time_limit: float = 10.0) -> ScheduleRun:
    require_organiser(actor, event)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not event.is_matchmaking:
        raise ValidationError("Only matchmaking events are scheduled.")
    if not event.slots.exists():
        raise ValidationError("Define the meeting slots before scheduling.")
    if event.runs.filter(status__in=("queued", "running")).exists():
        raise ValidationError("The scheduler is already running for this event.")
    if not 0.5 <= time_limit <= 300:
        raise ValidationError("The time limit is between 0.5 and 300 seconds.")
    run = ScheduleRun.objects.create(event=event, started_by=actor, time_limit=time_limit)
    from clusterbridge.events.tasks import run_scheduler

    transaction.on_commit(lambda: run_scheduler.enqueue(run_id=run.pk))
    return run


def _progress(run: ScheduleRun, status: str, progress: int, message: str) -> None:
    # Outside any transaction so the organiser's polling page sees each step.
    ScheduleRun.objects.filter(pk=run.pk).update(
        status=status, progress=progress, message=message, updated_at=timezone.now()
    )


def execute_run(*, run_id: int, seed: int = 0) -> ScheduleRun:
    """Body of the background task: build the instance, solve, store the schedule."""
    run = ScheduleRun.objects.select_related("event").get(pk=run_id)
    event = run.event
    try:
        _progress(run, "running", 10, "Collecting accepted requests and availability")
        instance = parse_instance(build_instance(event))
        _progress(
            run, "running", 30, f"Scheduling {len(instance.meetings)} meetings "
            f"(at most {run.time_limit:g} s)",
        )  # fmt: skip
        solution = solve(instance, time_limit=run.time_limit, seed=seed)
        _progress(run, "running", 90, "Saving the schedule")
        _store(event, solution)
    except Exception as exc:
        _progress(run, "failed", 100, f"The scheduler failed: {exc}")
        raise
    data = solution.to_json()
    ScheduleRun.objects.filter(pk=run.pk).update(
        status="done",
        progress=100,
        message=f"{solution.objective} meetings scheduled",
        result={
            "objective": data["objective"],
            "upper_bound": data["upper_bound"],
            "gap": data["upper_bound"] - data["objective"],
            "idle_gaps": data["idle_gaps"],
            "solve_seconds": data["solve_seconds"],
            "meetings": len(instance.meetings),
            "unscheduled": len(data["unscheduled"]),
        },
        updated_at=timezone.now(),
    )
    run.refresh_from_db()
    return run


@transaction.atomic
def _store(event: Event, solution) -> None:
    placed = {int(a.meeting[1:]): a for a in solution.assignments}
    reasons = {int(u.meeting[1:]): u.reason for u in solution.unscheduled}
    changed = []
    for m in (
        event.meetings.select_for_update().exclude(status=Meeting.Status.CANCELLED).order_by("pk")
    ):
        if m.pk in placed:
            a = placed[m.pk]
            m.slot_id = int(a.slot[1:])
            m.table_id = int(a.location[1:]) if a.location else None
            m.status, m.reason = Meeting.Status.SCHEDULED, ""
        else:
            m.slot_id = m.table_id = None
            m.status = Meeting.Status.UNSCHEDULED
            m.reason = reasons.get(m.pk, "no_common_slot")
        changed.append(m)
    Meeting.objects.bulk_update(changed, ["slot", "table", "status", "reason"])


def reason_text(code: str) -> str:
    return REASONS.get(code, code)


def _conflicts(
    event: Event, meeting: Meeting, slot: MeetingSlot, table: MeetingTable | None
) -> list[str]:
    problems = []
    when = slot_label(slot, event)
    participants = list(meeting.participants.select_related("user", "organisation"))
    others = Meeting.objects.filter(slot=slot, status=Meeting.Status.SCHEDULED).exclude(
        pk=meeting.pk
    )
    for p in participants:
        if others.filter(participants=p).exists():
            problems.append(f"{p.display_name} already has a meeting at {when}.")
        if p.unavailable_slots.filter(pk=slot.pk).exists():
            problems.append(f"{p.display_name} is not available at {when}.")
    if table is not None:
        if others.filter(table=table).exists():
            problems.append(f"{table} is already taken at {when}.")
        if table.seats < len(participants):
            problems.append(f"{table} seats {table.seats}, the meeting needs {len(participants)}.")
    return problems


@transaction.atomic
def move_meeting(
    *, meeting: Meeting, actor: User, slot: MeetingSlot, table: MeetingTable | None
) -> Meeting:
    """Place a meeting by hand; it is locked so later scheduler runs keep it."""
    event = Event.objects.select_for_update().get(pk=meeting.event_id)
    require_organiser(actor, event)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("This meeting is cancelled.")
    if slot.event_id != event.pk or (table and table.event_id != event.pk):
        raise ValidationError("The slot or table belongs to another event.")
    if slot.online != meeting.online:
        kind = "an online" if meeting.online else "an on-site"
        raise ValidationError(f"This is {kind} meeting; choose a matching slot.")
    if not meeting.online and table is None:
        raise ValidationError("Choose a table for an on-site meeting.")
    if meeting.online:
        table = None
    problems = _conflicts(event, meeting, slot, table)
    if problems:
        raise ValidationError(" ".join(problems))
    was = (meeting.slot_id, meeting.table_id)
    meeting.slot, meeting.table = slot, table
    meeting.status, meeting.reason, meeting.locked = Meeting.Status.SCHEDULED, "", True
    meeting.save()
    if meeting.communicated and was != (slot.pk, table.pk if table else None):
        _tell_changed(event, meeting)
    return meeting


@transaction.atomic
def set_locked(*, meeting: Meeting, actor: User, locked: bool) -> Meeting:
    require_organiser(actor, meeting.event)
    if locked and meeting.status != Meeting.Status.SCHEDULED:
        raise ValidationError("Only a scheduled meeting can be locked.")
    Meeting.objects.filter(pk=meeting.pk).update(locked=locked)
    meeting.locked = locked
    return meeting


@transaction.atomic
def cancel_meeting(*, meeting: Meeting, actor: User) -> Meeting:
    event = meeting.event
    require_organiser(actor, event)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("This meeting is already cancelled.")
    communicated = meeting.communicated
    meeting.status, meeting.slot, meeting.table, meeting.locked = "cancelled", None, None, False
    meeting.save()
    if communicated:
        _tell_changed(event, meeting)
    return meeting


def _tell_changed(event: Event, meeting: Meeting) -> None:
    notify(
        users=[p.user for p in meeting.participants.select_related("user")],
        kind="agenda_changed",
        title=f"Your agenda for {event.title} has changed",
        body="The organiser moved or cancelled one of your meetings.",
        url=f"/events/{event.slug}/agenda/",
    )


@transaction.atomic
def publish_agenda(*, event: Event, actor: User) -> int:
    """Communicate the schedule; returns how many participants were told."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    require_organiser(actor, event)
    scheduled = event.meetings.filter(status=Meeting.Status.SCHEDULED)
    if not scheduled.exists():
        raise ValidationError("No meeting is scheduled yet; run the scheduler first.")
    if event.runs.filter(status__in=("queued", "running")).exists():
        raise ValidationError("Wait for the scheduler to finish before publishing.")
    first = event.agenda_published_at is None
    scheduled.update(communicated=True)
    event.agenda_published_at = timezone.now()
    event.save(update_fields=["agenda_published_at", "updated_at"])
    users = list(
        User.objects.filter(
            Q(event_registrations__meetings__event=event) & Q(event_registrations__event=event)
        ).distinct()
    )
    notify(
        users=users,
        kind="agenda_published" if first else "agenda_changed",
        title=f"Your agenda for {event.title} is {'published' if first else 'updated'}",
        body="Your meetings, with times and tables or video links, are on your agenda.",
        url=f"/events/{event.slug}/agenda/",
    )
    return len(users)
