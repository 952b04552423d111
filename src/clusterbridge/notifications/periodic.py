from datetime import timedelta

from clusterbridge.common.periodic import PeriodicJob, register
from clusterbridge.notifications.services.notify import send_digests


def _digests() -> str:
    return f"{send_digests()} daily summaries sent."


register(
    PeriodicJob(
        name="notifications.daily_digest",
        every=timedelta(days=1),
        run=_digests,
        description="One e-mail a day with the notifications people chose to get in a summary.",
    )
)
