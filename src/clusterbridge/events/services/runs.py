"""The lease of scheduling runs: a run whose worker stopped is failed, never left running."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_noop

from clusterbridge.events.models import Event, ScheduleRun


def run_lease() -> timedelta:
    """How long a running run may go without a heartbeat before it counts as stopped."""
    return timedelta(seconds=float(getattr(settings, "SCHEDULING_RUN_LEASE_SECONDS", 90)))


def heartbeat_seconds() -> float:
    return float(getattr(settings, "SCHEDULING_RUN_HEARTBEAT_SECONDS", 10))


# Stored in English; the organiser's page shows it translated (events.run_status).
STOPPED_MESSAGE = gettext_noop(
    "The scheduler stopped before finishing (its worker was stopped or crashed); "
    "nothing was changed. Start it again."
)


def fail_stopped_runs(event: Event, *, now=None) -> int:
    """Mark failed the runs of the event whose worker stopped beating; returns how many.

    A run holds a lease that its worker renews every few seconds (``updated_at``); a killed
    worker stops renewing it, and the run would otherwise block new runs for ever."""
    now = now or timezone.now()
    return ScheduleRun.objects.filter(
        event=event, status=ScheduleRun.Status.RUNNING, updated_at__lt=now - run_lease()
    ).update(
        status=ScheduleRun.Status.FAILED, progress=100, message=STOPPED_MESSAGE, updated_at=now
    )


def has_active_run(event: Event) -> bool:
    fail_stopped_runs(event)
    return event.runs.filter(status__in=("queued", "running")).exists()


def is_scheduling(event: Event) -> bool:
    """A run is under way right now (queued runs do not count: nothing is being changed)."""
    fail_stopped_runs(event)
    return event.runs.filter(status=ScheduleRun.Status.RUNNING).exists()
