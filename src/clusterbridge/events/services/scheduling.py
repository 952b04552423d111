"""Run the meeting scheduler, adjust its result by hand, publish the agendas."""

from __future__ import annotations

import contextlib
import threading
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, transaction
from django.db.models import Prefetch
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from clusterbridge.common import audit
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
from clusterbridge.events.services.runs import has_active_run, heartbeat_seconds
from clusterbridge.events.signals import schedule_run_created
from clusterbridge.events.validators import validate_profile
from clusterbridge.notifications.services.notify import notify
from clusterbridge.scheduling import DEFAULT_PROFILE, PROFILES, REASONS, parse_instance, solve

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


# Longest time limit a run may be given: the "best" profile's (the run stays in the background
# worker; its lease is renewed by _RunHeartbeat while the solver works).
MAX_TIME_LIMIT = max(p.time_limit for p in PROFILES.values())


@transaction.atomic
def start_run(
    *,
    event: Event,
    actor: User,
    profile: str = DEFAULT_PROFILE,
    fairness: bool = True,
    time_limit: float | None = None,
) -> ScheduleRun:
    """Queue a scheduler run in the background worker.

    ``profile``: the organiser's choice of time (quick, thorough, best; scheduling.PROFILES);
    the run's time limit is the profile's unless ``time_limit`` (seconds) is given (the demo,
    tests). ``fairness``: the fairness floor (a meeting for everyone with an accepted request
    whenever the number of meetings allows it)."""
    require_organiser(actor, event)
    validate_profile(profile)
    if time_limit is None:
        time_limit = PROFILES[profile].time_limit
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not event.is_matchmaking:
        raise ValidationError(_("Only matchmaking events are scheduled."))
    if not event.slots.exists():
        raise ValidationError(_("Define the meeting slots before scheduling."))
    if has_active_run(event):
        raise ValidationError(_("The scheduler is already running for this event."))
    if not 0.5 <= time_limit <= MAX_TIME_LIMIT:
        raise ValidationError(
            _("The time limit is between %(least)s and %(most)s seconds.")
            % {"least": formats.number_format(0.5), "most": formats.number_format(MAX_TIME_LIMIT)}
        )
    run = ScheduleRun.objects.create(
        event=event, started_by=actor, profile=profile, fairness=bool(fairness),
        time_limit=time_limit,
    )  # fmt: skip
    transaction.on_commit(lambda: schedule_run_created.send(sender=ScheduleRun, run=run))
    return run


# The steps of a run. The message is stored in English (admin, logs); the organiser's page
# shows the run in their language from its status, progress and result (events.run_status).
COLLECTING = gettext_noop("Collecting accepted requests and availability")
SAVING = gettext_noop("Saving the schedule")


def _progress(
    run: ScheduleRun, status: str, progress: int, message: str, result: dict | None = None
) -> None:
    # Outside any transaction so the organiser's polling page sees each step.
    values: dict[str, Any] = {"result": result} if result is not None else {}
    ScheduleRun.objects.filter(pk=run.pk).update(
        status=status, progress=progress, message=message, updated_at=timezone.now(), **values
    )


class _RunHeartbeat(threading.Thread):
    """Renews the run's lease while the solver works (the solver is plain Python, unaware)."""

    def __init__(self, run_id: int):
        super().__init__(name=f"run-{run_id}-heartbeat", daemon=True)
        self.run_id = run_id
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(heartbeat_seconds()):
                # A locked SQLite database only delays this beat: the next one will do.
                with contextlib.suppress(OperationalError):
                    ScheduleRun.objects.filter(pk=self.run_id, status="running").update(
                        updated_at=timezone.now()
                    )
        finally:
            connection.close()


def execute_run(*, run_id: int, seed: int = 0) -> ScheduleRun:
    """Body of the background task: build the instance, solve, store the schedule."""
    run = ScheduleRun.objects.select_related("event").get(pk=run_id)
    event = run.event
    if run.status != ScheduleRun.Status.QUEUED:
        return run  # already run, or given up on (a task delivered twice does nothing)
    heartbeat = _RunHeartbeat(run.pk)
    heartbeat.start()
    try:
        return _execute(run, event, seed)
    finally:
        heartbeat.stopped.set()
        heartbeat.join(timeout=5)


def _execute(run: ScheduleRun, event: Event, seed: int) -> ScheduleRun:
    try:
        _progress(run, "running", 10, COLLECTING)
        instance = parse_instance(build_instance(event))
        _progress(
            run, "running", 30, f"Scheduling {len(instance.meetings)} meetings "
            f"(at most {run.time_limit:g} s)", result={"meetings": len(instance.meetings)},
        )  # fmt: skip
        solution = solve(
            instance,
            time_limit=run.time_limit,
            seed=seed,
            profile=run.profile,
            fairness=run.fairness,
        )
        _progress(run, "running", 90, SAVING)
    except Exception as exc:
        _progress(run, "failed", 100, f"The scheduler failed: {exc}", result={"error": str(exc)})
        raise
    report = solution.to_report()
    ScheduleRun.objects.filter(pk=run.pk).update(
        status="done",
        progress=100,
        message=f"{solution.objective} meetings scheduled",
        result={
            "objective": report["objective"],
            "upper_bound": report["upper_bound"],
            "gap": report["upper_bound"] - report["objective"],
            "percent_of_bound": report["percent_of_bound"],
            "idle_gaps": report["idle_gaps"],
            "idle_gaps_lower_bound": report["idle_gaps_lower_bound"],
            "solve_seconds": report["solve_seconds"],
            "meetings": len(instance.meetings),
            "unscheduled": len(report["unscheduled"]),
            # Admitted participants with an accepted request but no meeting, and why
            # (scheduling.UNSERVED_REASONS; worded by events.reasons.unserved_reason).
            "unserved": [
                {"registration": int(u["participant"][1:]), "reason": u["reason"]}
                for u in report["unserved_participants"]
            ],
            # The assignment is kept: the run can be applied later (apply_run).
            "kept": True,
        },
        assignment={
            "placed": {
                a.meeting[1:]: [int(a.slot[1:]), int(a.location[1:]) if a.location else None]
                for a in solution.assignments
            },
            "reasons": {u.meeting[1:]: u.reason for u in solution.unscheduled},
        },
        updated_at=timezone.now(),
    )
    run.refresh_from_db()
    # A run at least as good as the schedule in place is applied at once; a worse one waits
    # for the organiser's explicit choice (apply_run with confirm_worse=True).
    with contextlib.suppress(ValidationError):
        run = _apply(run, actor=run.started_by, confirm_worse=False, automatic=True)
    return run


class WorseRun(ValidationError):
    """The run places fewer meetings than the schedule in place; confirm to apply it."""


def current_placed(event: Event) -> int:
    """How many meetings the schedule in place gives a slot."""
    return event.meetings.filter(status=Meeting.Status.SCHEDULED).count()


def applied_run(event: Event) -> ScheduleRun | None:
    """The run whose schedule was applied last (None: none, or the schedule was made by hand)."""
    return (
        event.runs.filter(applied_at__isnull=False)
        .defer("assignment")
        .order_by("-applied_at", "-pk")
        .first()
    )


@transaction.atomic
def apply_run(*, run: ScheduleRun, actor: User, confirm_worse: bool = False) -> ScheduleRun:
    """Give the meetings the slots and tables of ``run``.

    A run that places fewer meetings than the schedule in place is refused (``WorseRun``)
    unless ``confirm_worse`` is true. Locked and published meetings are never moved: a run
    that would give one another slot (it was made before they were locked or published) is
    refused."""
    require_organiser(actor, run.event)
    return _apply(run, actor=actor, confirm_worse=confirm_worse, automatic=False)


@transaction.atomic
def _apply(run: ScheduleRun, *, actor, confirm_worse: bool, automatic: bool) -> ScheduleRun:
    event = Event.objects.select_for_update().get(pk=run.event_id)
    run = ScheduleRun.objects.select_for_update().get(pk=run.pk)
    if run.status != ScheduleRun.Status.DONE or not run.assignment:
        raise ValidationError(
            _("Only a finished run can be applied.")
            if run.status != ScheduleRun.Status.DONE
            else _(
                "This run was made before runs were kept for comparison; run the scheduler again."
            )
        )
    if not automatic and event.runs.filter(status__in=("queued", "running")).exists():
        raise ValidationError(_("Wait for the scheduler to finish before applying a run."))
    placed_now = current_placed(event)
    objective = int(run.result.get("objective", 0))
    if objective < placed_now and not confirm_worse:
        raise WorseRun(
            ngettext(
                "This run places %(run)s meeting, fewer than the %(current)s of the schedule in "
                "place; confirm to apply it anyway.",
                "This run places %(run)s meetings, fewer than the %(current)s of the schedule in "
                "place; confirm to apply it anyway.",
                objective,
            )
            % {
                "run": formats.number_format(objective, force_grouping=True),
                "current": formats.number_format(placed_now, force_grouping=True),
            }
        )
    placed = {int(k): v for k, v in run.assignment.get("placed", {}).items()}
    reasons = {int(k): v for k, v in run.assignment.get("reasons", {}).items()}
    slots = set(event.slots.values_list("pk", flat=True))
    tables = set(event.tables.values_list("pk", flat=True))
    changed, kept_moving = [], 0
    for m in (
        event.meetings.select_for_update().exclude(status=Meeting.Status.CANCELLED).order_by("pk")
    ):
        slot, table = placed.get(m.pk, (None, None))
        if (m.locked or m.communicated) and m.slot_id != slot:
            kept_moving += 1
            continue
        if slot is not None:
            if slot not in slots or (table is not None and table not in tables):
                raise ValidationError(
                    _("The slots or tables changed since this run; run the scheduler again.")
                )
            m.slot_id, m.table_id = slot, table
            m.status, m.reason = Meeting.Status.SCHEDULED, ""
        else:
            m.slot_id = m.table_id = None
            m.status = Meeting.Status.UNSCHEDULED
            m.reason = reasons.get(m.pk, "no_common_slot")
        changed.append(m)
    if kept_moving:
        raise ValidationError(
            ngettext(
                "This run would move %(count)s locked or published meeting; run the scheduler "
                "again to keep it.",
                "This run would move %(count)s locked or published meetings; run the scheduler "
                "again to keep them.",
                kept_moving,
            )
            % {"count": formats.number_format(kept_moving, force_grouping=True)}
        )
    Meeting.objects.bulk_update(changed, ["slot", "table", "status", "reason"], batch_size=500)
    run.applied_at = timezone.now()
    ScheduleRun.objects.filter(pk=run.pk).update(applied_at=run.applied_at)
    audit.record(
        actor=actor,
        action="events.schedule_applied",
        obj=event,
        organisation=event.organiser_id,
        changes={
            "run": run.pk,
            "placed": objective,
            "before": placed_now,
            "automatic": automatic,
            "confirmed_worse": bool(confirm_worse and objective < placed_now),
        },
    )
    return run


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
            problems.append(
                _("%(name)s already has a meeting at %(when)s.")
                % {"name": p.display_name, "when": when}
            )
        if p.unavailable_slots.filter(pk=slot.pk).exists():
            problems.append(
                _("%(name)s is not available at %(when)s.") % {"name": p.display_name, "when": when}
            )
    if table is not None:
        if others.filter(table=table).exists():
            problems.append(
                _("%(table)s is already taken at %(when)s.") % {"table": table, "when": when}
            )
        if table.seats < len(participants):
            problems.append(
                ngettext(
                    "%(table)s seats %(seats)s, the meeting needs %(count)s.",
                    "%(table)s seats %(seats)s, the meeting needs %(count)s.",
                    len(participants),
                )
                % {"table": table, "seats": table.seats, "count": len(participants)}
            )
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
        raise ValidationError(_("This meeting is cancelled."))
    if slot.event_id != event.pk or (table and table.event_id != event.pk):
        raise ValidationError(_("The slot or table belongs to another event."))
    if slot.online != meeting.online:
        raise ValidationError(
            _("This is an online meeting; choose an online slot.")
            if meeting.online
            else _("This is an on-site meeting; choose an on-site slot.")
        )
    if not meeting.online and table is None:
        raise ValidationError(_("Choose a table for an on-site meeting."))
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
        raise ValidationError(_("Only a scheduled meeting can be locked."))
    Meeting.objects.filter(pk=meeting.pk).update(locked=locked)
    meeting.locked = locked
    return meeting


@transaction.atomic
def cancel_meeting(*, meeting: Meeting, actor: User) -> Meeting:
    event = meeting.event
    require_organiser(actor, event)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("This meeting is already cancelled."))
    communicated = meeting.communicated
    meeting.status, meeting.slot, meeting.table, meeting.locked = "cancelled", None, None, False
    meeting.save()
    if communicated:
        _tell_changed(event, meeting)
    return meeting


def _tell_changed(event: Event, meeting: Meeting) -> None:
    notify(
        users=[p.user for p in meeting.participants.select_related("user")],
        kind="events.agenda_changed",
        params={"event": event.title},
        url=f"/events/{event.slug}/agenda/",
    )


def people_to_notify(event: Event):
    """The people publishing the agendas tells: everyone registered with a meeting at the
    event (IN subqueries, no DISTINCT over a join: the count stays quick at 5,000 meetings)."""
    in_meetings = Meeting.participants.through.objects.filter(meeting__event=event).values(
        "registration_id"
    )
    return User.objects.filter(
        pk__in=Registration.objects.filter(event=event, pk__in=in_meetings).values("user_id")
    )


@transaction.atomic
def publish_agenda(*, event: Event, actor: User) -> int:
    """Communicate the schedule; returns how many participants were told."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    require_organiser(actor, event)
    scheduled = event.meetings.filter(status=Meeting.Status.SCHEDULED)
    if not scheduled.exists():
        raise ValidationError(_("No meeting is scheduled yet; run the scheduler first."))
    if has_active_run(event):
        raise ValidationError(_("Wait for the scheduler to finish before publishing."))
    first = event.agenda_published_at is None
    meetings = scheduled.update(communicated=True)
    event.agenda_published_at = timezone.now()
    event.save(update_fields=["agenda_published_at", "updated_at"])
    audit.record(
        actor=actor,
        action="events.agenda_published" if first else "events.agenda_updated",
        obj=event,
        organisation=event.organiser_id,
        changes={"meetings": meetings},
    )
    users = list(people_to_notify(event))
    notify(
        users=users,
        kind="events.agenda_published" if first else "events.agenda_updated",
        params={"event": event.title},
        url=f"/events/{event.slug}/agenda/",
    )
    return len(users)
