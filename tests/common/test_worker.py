from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from clusterbridge.common import worker
from clusterbridge.common.mail import send_mail_task
from clusterbridge.common.models import WorkerHeartbeat


def test_retry_locked_waits_out_a_locked_database_and_gives_up_on_other_errors(monkeypatch):
    monkeypatch.setattr(worker.time, "sleep", lambda seconds: None)
    attempts = []

    def locked_twice():
        attempts.append(1)
        if len(attempts) < 3:
            raise OperationalError("database is locked")
        return "stored"

    assert worker.retry_locked(locked_twice) == "stored"
    assert len(attempts) == 3
    with pytest.raises(OperationalError, match="no such table"):
        worker.retry_locked(lambda: (_ for _ in ()).throw(OperationalError("no such table: x")))


@pytest.mark.django_db
def test_the_worker_survives_a_locked_database_instead_of_exiting(monkeypatch):
    monkeypatch.setattr(worker.time, "sleep", lambda seconds: None)
    rounds = []

    def base_run(self):
        rounds.append(1)
        if len(rounds) < 4:
            raise OperationalError("database is locked")

    monkeypatch.setattr(worker.Worker, "run", base_run)
    monkeypatch.setattr(worker._Heartbeat, "run", lambda self: None)
    resilient = worker.ResilientWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="w1",
        excluded_queue_names=[],
    )
    resilient.run()
    assert len(rounds) == 4


@pytest.mark.django_db
def test_tasks_of_a_worker_that_stopped_beating_are_failed_visibly(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    alive = send_mail_task.enqueue(subject="s", body="b", to=["a@example.org"])
    dead = send_mail_task.enqueue(subject="s", body="b", to=["b@example.org"])
    other = send_mail_task.enqueue(subject="s", body="b", to=["c@example.org"])
    now = timezone.now()
    for result, worker_id in ((alive, "alive"), (dead, "dead"), (other, "not-ours")):
        DBTaskResult.objects.get(pk=result.id).claim(worker_id)
    WorkerHeartbeat.objects.create(worker_id="alive", started_at=now, seen_at=now)
    WorkerHeartbeat.objects.create(
        worker_id="dead", started_at=now, seen_at=now - timedelta(minutes=5)
    )
    assert worker.reap_stale_tasks(now=now) == 1
    statuses = dict(DBTaskResult.objects.values_list("id", "status"))
    assert {str(k): v for k, v in statuses.items()} == {
        str(alive.id): "RUNNING",
        str(dead.id): "FAILED",
        str(other.id): "RUNNING",  # a worker we know nothing about is left alone
    }
    failed = DBTaskResult.objects.get(pk=dead.id)
    assert failed.exception_class_path == "clusterbridge.common.worker.WorkerLost"
    assert "stopped while running this task" in failed.traceback
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["alive"]
