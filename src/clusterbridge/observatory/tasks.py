"""Background work of the observatory (django-tasks)."""

from django_tasks import task

from clusterbridge.observatory.services import imports


@task()
def run_import_job(*, job_id: int) -> str:
    return imports.run_import(job_id=job_id).status
