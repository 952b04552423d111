"""The task worker: django-tasks-db's worker, made to survive a locked SQLite database, to say
that it is alive, and to fail visibly the tasks of a worker that was killed.

``clusterbridge worker`` runs it (see the management command of the same name).
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
import traceback
from datetime import timedelta

from django.conf import settings
from django.db import OperationalError, close_old_connections, connection
from django.utils import timezone
from django_tasks_db.compat import TaskContext, task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import is_locked_database_exception

from clusterbridge.common.models import WorkerHeartbeat

logger = logging.getLogger("clusterbridge.worker")

MAX_BACKOFF_SECONDS = 30.0


class WorkerLost(RuntimeError):
    """Recorded as the failure of a task whose worker stopped while running it."""


def heartbeat_seconds() -> float:
    return float(getattr(settings, "WORKER_HEARTBEAT_SECONDS", 10))


def stale_after() -> timedelta:
    return timedelta(seconds=float(getattr(settings, "WORKER_STALE_AFTER_SECONDS", 60)))


def retry_locked(fn, *, attempts: int = 12, first_delay: float = 0.25, what: str = ""):
    """Run ``fn`` again with exponential backoff while SQLite says "database is locked"."""
    delay = first_delay
    for attempt in range(attempts):
        try:
            return fn()
        except OperationalError as exc:
            if not is_locked_database_exception(exc) or attempt == attempts - 1:
                raise
            logger.warning("The database is locked (%s); retrying in %.2f s", what, delay)
            time.sleep(delay)
            delay = min(delay * 2, MAX_BACKOFF_SECONDS)
    raise AssertionError("unreachable")


def beat(worker_id: str, *, started_at=None) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "seen_at": now,
            "started_at": started_at or now,
        },
    )


def reap_stale_tasks(*, now=None) -> int:
    """Mark failed the running tasks of workers that stopped saying they are alive.

    Only workers known by a heartbeat row are judged: a task claimed by a worker of another
    kind is left alone. Returns how many tasks were marked failed.
    """
    now = now or timezone.now()
    dead = list(
        WorkerHeartbeat.objects.filter(seen_at__lt=now - stale_after()).values_list(
            "worker_id", flat=True
        )
    )
    if not dead:
        return 0
    reaped = 0
    for result in DBTaskResult.objects.running():
        if result.worker_ids and result.worker_ids[-1] in dead:
            lost = WorkerLost(
                f"The worker {result.worker_ids[-1]} stopped while running this task "
                "(killed or crashed); it was not finished."
            )
            result.set_failed(lost)
            reaped += 1
            logger.error("Task %s (%s) failed: its worker stopped.", result.id, result.task_path)
            try:
                task_finished.send(
                    sender=type(result.task.get_backend()), task_result=result.task_result
                )
            except Exception:  # the task's code may be gone; the failure is recorded anyway
                logger.exception("Could not announce the failure of task %s", result.id)
    WorkerHeartbeat.objects.filter(worker_id__in=dead).delete()
    return reaped


class _Heartbeat(threading.Thread):
    """Beats while the main thread runs tasks (a long task must not look like a dead worker)."""

    def __init__(self, worker_id: str):
        super().__init__(name="worker-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.started_at = timezone.now()
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.is_set():
                try:
                    beat(self.worker_id, started_at=self.started_at)
                    reap_stale_tasks()
                except OperationalError as exc:
                    logger.warning("Heartbeat not written: %s", exc)
                except Exception:
                    logger.exception("Heartbeat failed")
                self.stopped.wait(heartbeat_seconds())
        finally:
            connection.close()


class ResilientWorker(Worker):
    """A worker that waits out a locked database instead of dying."""

    def run(self) -> None:
        heartbeat = _Heartbeat(self.worker_id)
        heartbeat.start()
        delay = 0.5
        try:
            while True:
                began = time.monotonic()
                try:
                    super().run()
                    return
                except OperationalError as exc:
                    if not is_locked_database_exception(exc):
                        raise
                    if time.monotonic() - began > 60:
                        delay = 0.5  # it had been working for a while: start the backoff again
                    logger.warning("The database is locked; the worker retries in %.1f s", delay)
                    close_old_connections()
                    time.sleep(delay)
                    delay = min(delay * 2, MAX_BACKOFF_SECONDS)
        finally:
            heartbeat.stopped.set()
            heartbeat.join(timeout=5)
            # If this fails, the row goes stale and the next worker's reaper removes it.
            with contextlib.suppress(OperationalError):
                WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()

    def run_task(self, db_task_result: DBTaskResult) -> None:
        """Run one task; storing its outcome waits out a locked database, so a finished task
        is never left "running"."""
        self.running_task = True
        try:
            task = db_task_result.task
            task_result = db_task_result.task_result
            backend_type = task.get_backend()
            task_started.send(sender=backend_type, task_result=task_result)
            if task.takes_context:
                value = task.call(
                    TaskContext(task_result=task_result), *task_result.args, **task_result.kwargs
                )
            else:
                value = task.call(*task_result.args, **task_result.kwargs)
        except BaseException as exc:
            logger.error(
                "Task %s (%s) failed:\n%s",
                db_task_result.id,
                db_task_result.task_path,
                "".join(traceback.format_exception(exc)),
            )
            failure = exc
            retry_locked(lambda: db_task_result.set_failed(failure), what="recording a failure")
            outcome_sender = None
            try:
                outcome_sender = type(db_task_result.task.get_backend())
            except Exception:
                logger.exception("Task %s failed unexpectedly", db_task_result.id)
            if outcome_sender is not None:
                task_finished.send(sender=outcome_sender, task_result=db_task_result.task_result)
            if isinstance(exc, KeyboardInterrupt | SystemExit):
                raise
        else:
            retry_locked(lambda: db_task_result.set_successful(value), what="recording a result")
            task_finished.send(sender=backend_type, task_result=db_task_result.task_result)
        finally:
            self.running_task = False
            self._run_tasks += 1
