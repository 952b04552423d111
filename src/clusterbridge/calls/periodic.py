from datetime import timedelta

from django.utils import timezone

from clusterbridge.calls.services.calls import refresh_deadlines, send_deadline_reminders
from clusterbridge.common.periodic import PeriodicJob, register


def _deadlines() -> str:
    now = timezone.now()
    moved = refresh_deadlines(now=now)
    sent = send_deadline_reminders(now=now)
    return f"{moved} call(s) moved to their next deadline, {sent} reminder(s) sent."


register(
    PeriodicJob(
        name="calls.deadlines",
        every=timedelta(minutes=15),
        run=_deadlines,
        description="Keeps each call's next deadline; reminds followers 7 days and 1 day before.",
    )
)
