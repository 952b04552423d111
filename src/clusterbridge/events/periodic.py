from datetime import timedelta

from clusterbridge.common.periodic import PeriodicJob, register
from clusterbridge.events.services import matchmaking, reminders


def _reminders() -> str:
    expired = matchmaking.expire_requests()
    sent = reminders.send_reminders()
    return f"{sent} reminders sent, {expired} requests expired."


register(
    PeriodicJob(
        name="events.reminders",
        every=timedelta(hours=1),
        run=_reminders,
        description="Reminders the day before an event; expires unanswered meeting requests.",
    )
)
