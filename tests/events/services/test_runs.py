from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from clusterbridge.events.models import ScheduleRun
from clusterbridge.events.services import runs, scheduling
from tests.events.factories import EventFactory, add_slots
from tests.factories import StaffFactory


@pytest.mark.django_db
def test_a_run_whose_worker_stopped_beating_is_failed_and_a_new_one_may_start(settings):
    settings.SCHEDULING_RUN_LEASE_SECONDS = 90
    staff, event = StaffFactory(), EventFactory()
    add_slots(event, 2)
    beating = ScheduleRun.objects.create(event=event, status="running")
    with pytest.raises(ValidationError, match="already running"):
        scheduling.start_run(event=event, actor=staff)
    ScheduleRun.objects.filter(pk=beating.pk).update(
        updated_at=timezone.now() - timedelta(seconds=91)
    )
    new = scheduling.start_run(event=event, actor=staff)
    beating.refresh_from_db()
    assert (beating.status, beating.message) == ("failed", runs.STOPPED_MESSAGE)
    assert new.status == "queued"


@pytest.mark.django_db
def test_a_run_within_its_lease_is_left_alone():
    event = EventFactory()
    fresh = ScheduleRun.objects.create(event=event, status="running")
    queued = ScheduleRun.objects.create(event=event, status="queued")
    assert runs.fail_stopped_runs(event) == 0
    assert runs.is_scheduling(event) is True
    assert set(ScheduleRun.objects.values_list("pk", "status")) == {
        (fresh.pk, "running"),
        (queued.pk, "queued"),
    }


@pytest.mark.django_db
def test_a_task_delivered_twice_does_not_run_the_scheduler_twice():
    event = EventFactory()
    done = ScheduleRun.objects.create(event=event, status="done", result={"objective": 3})
    assert scheduling.execute_run(run_id=done.pk).result == {"objective": 3}
