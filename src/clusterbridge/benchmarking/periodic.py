from datetime import timedelta

from django.utils import timezone

from clusterbridge.benchmarking.services.labels import expire_labels, send_expiry_reminders
from clusterbridge.common.periodic import PeriodicJob, register


def _labels() -> str:
    today = timezone.localdate()
    expired = expire_labels(today=today)
    reminded = send_expiry_reminders(today=today)
    return f"{expired} label(s) expired, {reminded} reminded."


register(
    PeriodicJob(
        name="benchmarking.labels",
        every=timedelta(days=1),
        run=_labels,
        description="Marks labels past their validity expired; reminds before labels expire.",
    )
)
