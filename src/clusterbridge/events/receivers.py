"""What happens after events' state changes: background work is queued here, so services
never import tasks (tasks import services)."""

from __future__ import annotations


def enqueue_schedule_run(sender, *, run, **kwargs) -> None:
    # Imported here: the solver (OR-Tools) is heavy and only the worker needs it loaded.
    from clusterbridge.events.tasks import run_scheduler

    run_scheduler.enqueue(run_id=run.pk)
