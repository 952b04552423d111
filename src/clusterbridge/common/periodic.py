"""Periodic jobs: each app declares its own in ``<app>/periodic.py``; ``clusterbridge
runperiodic`` runs each at its interval.

A job is claimed with a compare-and-set on its state row before it runs, so several processes
(or servers) running ``runperiodic`` never run one job twice in the same interval. A process
killed half-way leaves the claim: the job runs again at its next interval, which is safe
because every job is idempotent (it marks what it has done, e.g. ``reminders_sent_at``).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from clusterbridge.common.models import PeriodicJobState

logger = logging.getLogger("clusterbridge.periodic")


@dataclass(frozen=True)
class PeriodicJob:
    name: str  # "<app>.<job>"
    every: timedelta
    run: Callable[[], str]  # does the work, returns a one-line summary
    description: str = ""


_JOBS: dict[str, PeriodicJob] = {}


def register(*jobs: PeriodicJob) -> None:
    for job in jobs:
        _JOBS[job.name] = job


def jobs() -> list[PeriodicJob]:
    autodiscover_modules("periodic")
    return sorted(_JOBS.values(), key=lambda job: job.name)


def get_job(name: str) -> PeriodicJob:
    for job in jobs():
        if job.name == name:
            return job
    raise LookupError(f"No periodic job {name!r}; known: {', '.join(j.name for j in jobs())}.")


def _claim(job: PeriodicJob, now: datetime, *, force: bool) -> bool:
    state, _created = PeriodicJobState.objects.get_or_create(name=job.name)
    if not force and state.last_started_at and now - state.last_started_at < job.every:
        return False
    # Compare-and-set: only the process that still sees the old start time gets the job.
    return bool(
        PeriodicJobState.objects.filter(
            name=job.name, last_started_at=state.last_started_at
        ).update(last_started_at=now)
    )


@dataclass
class JobOutcome:
    name: str
    ran: bool
    ok: bool | None = None
    summary: str = ""


def run_job(job: PeriodicJob, *, now: datetime | None = None, force: bool = False) -> JobOutcome:
    now = now or timezone.now()
    if not _claim(job, now, force=force):
        return JobOutcome(job.name, ran=False)
    try:
        # Each job manages its own transactions (one per item), so a crash half-way keeps
        # what was done and the next run carries on.
        summary = job.run()
        ok = True
    except Exception as exc:
        ok = False
        summary = f"failed: {exc}"
        logger.error("Periodic job %s failed:\n%s", job.name, traceback.format_exc())
    PeriodicJobState.objects.filter(name=job.name).update(
        last_finished_at=timezone.now(), last_ok=ok, last_summary=summary[:2000]
    )
    return JobOutcome(job.name, ran=True, ok=ok, summary=summary)


def run_due(*, now: datetime | None = None) -> list[JobOutcome]:
    """Run every job whose interval has passed; the others are reported as not run."""
    return [run_job(job, now=now) for job in jobs()]


def _prune_task_results() -> str:
    from datetime import timedelta as days

    from django_tasks_db.models import DBTaskResult

    from clusterbridge.common.models import WorkerHeartbeat

    old = timezone.now() - days(days=14)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lte=old).delete()
    stale, _ = WorkerHeartbeat.objects.filter(seen_at__lte=old).delete()
    return f"{deleted} finished task results older than 14 days deleted, {stale} old heartbeats."


register(
    PeriodicJob(
        name="common.prune_task_results",
        every=timedelta(days=1),
        run=_prune_task_results,
        description="Deletes finished background-task results after 14 days.",
    )
)
