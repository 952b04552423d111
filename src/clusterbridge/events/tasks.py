"""Background work of the events app (django-tasks)."""

from django_tasks import task

from clusterbridge.events.services import scheduling


@task()
def run_scheduler(*, run_id: int) -> int:
    return scheduling.execute_run(run_id=run_id).pk
