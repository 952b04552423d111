"""What happens after state changes: background work is queued here (services never import
tasks), and the organisations' copies follow their profiles."""

from __future__ import annotations

# A change of these profile fields changes which of the organisation's sectors are strong in
# its region.
CORRELATED_FIELDS = frozenset({"nuts_region", "sectors"})


def enqueue_import(sender, *, job, **kwargs) -> None:
    from clusterbridge.observatory.tasks import run_import_job

    run_import_job.enqueue(job_id=job.pk)


def organisation_profile_changed(sender, *, organisation, changed_fields, **kwargs) -> None:
    if not CORRELATED_FIELDS & set(changed_fields):
        return
    from clusterbridge.observatory.services.correlation import refresh_organisation_strengths

    refresh_organisation_strengths(organisation_ids=[organisation.pk])
