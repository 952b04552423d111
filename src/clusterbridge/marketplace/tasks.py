"""Background tasks of the marketplace; they call services (schedule them daily)."""

from __future__ import annotations

from django_tasks import task

from clusterbridge.marketplace.services.digest import send_digests
from clusterbridge.marketplace.services.opportunities import expire_opportunities


@task()
def expire_opportunities_task() -> list[int]:
    expired, reminded = expire_opportunities()
    return [expired, reminded]


@task()
def send_marketplace_digest_task() -> int:
    return send_digests()
