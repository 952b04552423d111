"""Faults with real processes: a task worker killed (SIGKILL) in the middle of a scheduling run.

The worker runs in its own process on a database of its own (a SQLite file, or a fresh
PostgreSQL database when the suite runs on PostgreSQL), exactly as `make run` or a deployment
runs it; nothing of our code is replaced except the solver, made slow in the first worker so
that it is surely killed half-way.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def _database_url(tmp_path: Path) -> tuple[str, callable]:
    default = settings.DATABASES["default"]
    if default["ENGINE"] != "django.db.backends.postgresql":
        return f"sqlite:///{tmp_path / 'faults.sqlite3'}", lambda: None
    import psycopg

    name = f"cb_faults_{uuid.uuid4().hex[:10]}"
    dsn = {
        "host": default.get("HOST") or "127.0.0.1",
        "port": default.get("PORT") or 5432,
        "user": default.get("USER") or "postgres",
        "password": default.get("PASSWORD") or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **dsn) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(dbname="postgres", autocommit=True, **dsn) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    auth = f"{dsn['user']}:{dsn['password']}@" if dsn["password"] else f"{dsn['user']}@"
    return f"postgres://{auth}{dsn['host']}:{dsn['port']}/{name}", drop


@pytest.fixture(scope="module")
def environment(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("faults")
    url, drop = _database_url(tmp_path)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "clusterbridge.settings",
        "PYTHONPATH": str(ROOT),
        "CLUSTERBRIDGE_DATA_DIR": str(tmp_path),
        "DATABASE_URL": url,
        "WORKER_HEARTBEAT_SECONDS": "0.5",
        "WORKER_STALE_AFTER_SECONDS": "3",
        "SCHEDULING_RUN_HEARTBEAT_SECONDS": "0.5",
        "SCHEDULING_RUN_LEASE_SECONDS": "8",  # outlasts a slow process start on a busy machine
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    }
    subprocess.run(
        [PYTHON, "-m", "clusterbridge.cli", "migrate", "-v0"], env=env, check=True, cwd=ROOT
    )
    yield env
    drop()


def _django(env, code: str) -> dict:
    """Run code in a fresh process with Django set up; it prints one JSON line as its answer."""
    script = "import django, json\ndjango.setup()\n" + textwrap.dedent(code)
    done = subprocess.run(
        [PYTHON, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


SETUP = """
from clusterbridge.events.services import scheduling, matchmaking
from tests.events.factories import EventFactory, RegistrationFactory, add_slots, add_tables
from tests.factories import StaffFactory
staff = StaffFactory(email="staff@faults.test")
event = EventFactory(slug="faults")
add_slots(event, 3)
add_tables(event, 3)
a, b, c = (RegistrationFactory(event=event) for _ in range(3))
for x, y in ((a, b), (a, c), (b, c)):
    request = matchmaking.send_request(sender=x, recipient=y, actor=x.user)
    matchmaking.answer_request(request=request, actor=y.user, accept=True)
run = scheduling.start_run(event=event, actor=staff, time_limit=5)
print(json.dumps({"run": run.pk}))
"""

# The first worker's solver never finishes, so that the kill surely comes half-way.
SLOW_WORKER = """
import django, time
django.setup()
from clusterbridge.events.services import scheduling
def never_finishes(*args, **kwargs):
    time.sleep(3600)
scheduling.solve = never_finishes
from django.core.management import call_command
call_command("worker", "--interval", "0.2", "--no-startup-delay", "--no-reload")
"""

STATE = """
from clusterbridge.events.models import ScheduleRun
from django_tasks_db.models import DBTaskResult
runs = {r.pk: [r.status, r.message] for r in ScheduleRun.objects.order_by("pk")}
tasks = sorted(
    [t.status, t.exception_class_path]
    for t in DBTaskResult.objects.filter(task_path__endswith=".run_scheduler")
)
print(json.dumps({"runs": runs, "tasks": tasks}))
"""

RESTART = """
from django.core.exceptions import ValidationError
from clusterbridge.accounts.models import User
from clusterbridge.events.models import Event
from clusterbridge.events.services import scheduling
event, staff = Event.objects.get(slug="faults"), User.objects.get(email="staff@faults.test")
try:
    run = scheduling.start_run(event=event, actor=staff, time_limit=2)
    print(json.dumps({"run": run.pk}))
except ValidationError as exc:
    print(json.dumps({"refused": exc.messages}))
"""


def _wait_for(env, predicate, timeout: float = 60.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        state = _django(env, STATE)
        if predicate(state) or time.monotonic() > deadline:
            return state
        time.sleep(0.3)


@pytest.mark.slow
def test_a_killed_worker_leaves_no_run_stuck_and_its_task_fails_visibly(environment):
    env = environment
    first_run = str(_django(env, SETUP)["run"])

    worker = subprocess.Popen([PYTHON, "-c", SLOW_WORKER], env=env, cwd=ROOT)
    try:
        state = _wait_for(env, lambda s: s["runs"][first_run][0] == "running")
        assert state["runs"][first_run][0] == "running"
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)

    # Right after the kill the lease still holds: a second run is refused, not started twice.
    assert _django(env, RESTART) == {
        "refused": ["The scheduler is already running for this event."]
    }

    time.sleep(8.5)  # the lease (8 s) runs out without a heartbeat
    second_run = str(_django(env, RESTART)["run"])
    state = _django(env, STATE)
    assert state["runs"][first_run] == [
        "failed",
        "The scheduler stopped before finishing (its worker was stopped or crashed); "
        "nothing was changed. Start it again.",
    ]
    assert state["runs"][second_run][0] == "queued"

    # A new, ordinary worker fails the dead worker's task visibly and runs the new one.
    worker = subprocess.Popen(
        [PYTHON, "-m", "clusterbridge.cli", "worker", "--interval", "0.2", "--no-startup-delay",
         "--no-reload"],
        env=env,
        cwd=ROOT,
    )  # fmt: skip
    try:
        state = _wait_for(
            env,
            lambda s: (
                s["runs"][second_run][0] == "done"
                and ["FAILED", "clusterbridge.common.worker.WorkerLost"] in s["tasks"]
            ),
        )
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=20)
    assert state["runs"][second_run][0] == "done"
    assert state["tasks"] == sorted(
        [["FAILED", "clusterbridge.common.worker.WorkerLost"], ["SUCCESSFUL", ""]]
    )


LOCKED_WRITES = """
import sqlite3
from django.conf import settings
from django.test import Client
from rest_framework.authtoken.models import Token
from tests.factories import MembershipFactory
membership = MembershipFactory(  # names of its own: the database is shared with the test above
    user__email="locked@faults.test", organisation__name="Locked Writes Cluster"
)
token = Token.objects.create(user=membership.user)
blocker = sqlite3.connect(settings.DATABASES["default"]["NAME"], isolation_level=None)
blocker.execute("BEGIN IMMEDIATE")  # another process holds the write lock
client = Client(HTTP_HOST="127.0.0.1")
api = client.patch(
    f"/api/v1/organisations/{membership.organisation.slug}/",
    data=json.dumps({"city": "Lyon"}),
    content_type="application/json",
    HTTP_AUTHORIZATION=f"Token {token.key}",
)
login = client.post(
    "/accounts/login/", {"login": membership.user.email, "password": "correct horse battery staple"}
)
blocker.execute("ROLLBACK")
print(json.dumps({
    "api": [api.status_code, api.headers.get("Retry-After"), api.json()["error"]],
    "login": [login.status_code, login.headers.get("Retry-After")],
}))
"""


@pytest.mark.slow
def test_writes_that_meet_a_locked_sqlite_database_get_a_clear_503(environment):
    if "sqlite" not in environment["DATABASE_URL"]:
        pytest.skip("SQLite's 'database is locked'; PostgreSQL waits on row locks instead")
    answers = _django({**environment, "SQLITE_BUSY_TIMEOUT": "0.2"}, LOCKED_WRITES)
    assert answers == {"api": [503, "5", "busy"], "login": [503, "5"]}
