"""Background tasks of the organisations app."""

from __future__ import annotations

import urllib.error
import urllib.request

from django_tasks import task

from clusterbridge.organisations.models import Organisation
from clusterbridge.organisations.services.profiles import record_website_check

WEBSITE_TIMEOUT_SECONDS = 10


def website_answers(url: str, timeout: float = WEBSITE_TIMEOUT_SECONDS) -> bool:
    """True when the site answers with a non-error status (HEAD first, GET if HEAD is refused)."""
    for method in ("HEAD", "GET"):
        try:
            request = urllib.request.Request(
                url, method=method, headers={"User-Agent": "Clusterbridge website check"}
            )
            with urllib.request.urlopen(request, timeout=timeout) as response:
                if response.status < 400:
                    return True
        except urllib.error.HTTPError as exc:
            if exc.code in (405, 501) and method == "HEAD":
                continue
            return False
        except (urllib.error.URLError, TimeoutError, OSError, ValueError):
            return False
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
