from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from clusterbridge.common import periodic
from clusterbridge.common.models import PeriodicJobState

calls: list[str] = []


def _counting() -> str:
    calls.append("ran")
    return f"ran {len(calls)} times"


def _failing() -> str:
    raise RuntimeError("the mail server is down")


COUNTING = periodic.PeriodicJob(name="test.counting", every=timedelta(hours=1), run=_counting)
FAILING = periodic.PeriodicJob(name="test.failing", every=timedelta(hours=1), run=_failing)


@pytest.fixture(autouse=True)
def _reset():
    calls.clear()


@pytest.mark.django_db
def test_a_job_runs_once_per_interval_even_from_two_processes():
    now = timezone.now()
    assert periodic.run_job(COUNTING, now=now).ran is True
    # A second process (or server) looking a minute later finds the job already claimed.
    assert periodic.run_job(COUNTING, now=now + timedelta(minutes=1)).ran is False
    assert periodic.run_job(COUNTING, now=now + timedelta(minutes=61)).ran is True
    assert calls == ["ran", "ran"]
    state = PeriodicJobState.objects.get(name="test.counting")
    assert (state.last_ok, state.last_summary) == (True, "ran 2 times")


@pytest.mark.django_db
def test_a_stale_claim_loses_the_compare_and_set():
    now = timezone.now()
    PeriodicJobState.objects.create(name="test.counting", last_started_at=now - timedelta(hours=2))
    state = PeriodicJobState.objects.get(name="test.counting")
    # Another process claims it between our read and our write:
    PeriodicJobState.objects.filter(name="test.counting").update(last_started_at=now)
    assert periodic._claim(COUNTING, now, force=False) is False
    assert state.last_started_at == now - timedelta(hours=2)
    assert calls == []


@pytest.mark.django_db
def test_a_failing_job_is_recorded_and_does_not_stop_the_others():
    outcome = periodic.run_job(FAILING)
    assert (outcome.ran, outcome.ok, outcome.summary) == (
        True,
        False,
        "failed: the mail server is down",
    )
    assert PeriodicJobState.objects.get(name="test.failing").last_ok is False


@pytest.mark.django_db
def test_every_app_job_is_known_and_listed():
    names = [job.name for job in periodic.jobs()]
    for expected in (
        "benchmarking.labels",
        "common.prune_task_results",
        "events.reminders",
        "marketplace.digest",
        "marketplace.expire_opportunities",
        "notifications.daily_digest",
    ):
        assert expected in names
    out = StringIO()
    call_command("runperiodic", "--list", stdout=out)
    assert "events.reminders                         every 1:00:00  never run" in out.getvalue()


@pytest.mark.django_db
def test_once_runs_each_due_job_and_an_unknown_job_is_a_clear_error():
    out = StringIO()
    call_command("runperiodic", "--once", stdout=out)
    lines = out.getvalue().splitlines()
    assert "events.reminders: 0 reminders sent, 0 requests expired." in lines
    assert (
        "common.prune_task_results: 0 finished task results older than 14 days deleted, 0 old heartbeats."
        in lines
    )
    again = StringIO()
    call_command("runperiodic", "--once", stdout=again)
    assert again.getvalue() == ""  # nothing is due any more
    with pytest.raises(CommandError, match=r"No periodic job 'nope'"):
        call_command("runperiodic", "--run", "nope")
