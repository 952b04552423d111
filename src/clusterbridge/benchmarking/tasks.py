"""Background tasks of benchmarking: daily label expiry and reminders."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks import task

from clusterbridge.benchmarking.services.labels import expire_labels, send_expiry_reminders


@task()
def send_label_reminders(*, today: str | None = None) -> dict[str, int]:
    """Expire labels past their validity, then remind organisations whose label expires soon."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    return {
        "expired": expire_labels(today=day),
        "reminded": send_expiry_reminders(today=day),
    }
