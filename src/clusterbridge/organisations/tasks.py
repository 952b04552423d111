"""Background tasks of the organisations app."""

from __future__ import annotations

import http.client

from django_tasks import task

from clusterbridge.common.safe_http import RefusedURL, request_status
from clusterbridge.organisations.models import Organisation
from clusterbridge.organisations.services.profiles import record_website_check

WEBSITE_TIMEOUT_SECONDS = 10


def website_answers(url: str, timeout: float = WEBSITE_TIMEOUT_SECONDS) -> bool:
    """True when the site answers with a non-error status (HEAD first, GET if HEAD is refused).

    The URL is typed by users: it is fetched through ``common.safe_http``, which refuses
    internal addresses (private, loopback, link-local, metadata, reserved) at every redirect.
    """
    for method in ("HEAD", "GET"):
        try:
            status = request_status(url, method=method, timeout=timeout)
        except (RefusedURL, OSError, http.client.HTTPException, ValueError):
            return False
        if status in (405, 501) and method == "HEAD":
            continue
        return status < 400
    return False


@task()
def check_website(*, organisation_id: int) -> bool | None:
    website = (
        Organisation.objects.filter(pk=organisation_id).values_list("website", flat=True).first()
    )
    if not website:
        return None
    active = website_answers(website)
    record_website_check(organisation_id=organisation_id, active=active)
    return active
