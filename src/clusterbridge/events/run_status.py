"""A scheduler run as the organiser reads it on the schedule page, in the active language.

A run stores its progress message in English (admin, logs); the page builds the sentence from
the run's status, progress and result instead, so it follows the reader's language.
"""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from clusterbridge.events.models import ScheduleRun
from clusterbridge.events.services.runs import STOPPED_MESSAGE
from clusterbridge.events.services.scheduling import COLLECTING, SAVING


def run_message(run: ScheduleRun) -> str:
    result = run.result or {}
    limit = run.time_limit
    seconds = number_format(int(limit) if limit == int(limit) else limit)
    if run.status == ScheduleRun.Status.QUEUED:
        return _("Waiting for a worker to start the scheduler.")
    if run.status == ScheduleRun.Status.RUNNING:
        if run.progress < 30:
            return _(COLLECTING)
        if run.progress < 90:
            count = result.get("meetings")
            if count is None:
                return _("Scheduling the meetings (at most %(seconds)s s)") % {"seconds": seconds}
            return ngettext(
                "Scheduling %(count)s meeting (at most %(seconds)s s)",
                "Scheduling %(count)s meetings (at most %(seconds)s s)",
                count,
            ) % {"count": number_format(count, force_grouping=True), "seconds": seconds}
        return _(SAVING)
    if run.status == ScheduleRun.Status.DONE:
        count = result.get("objective", 0)
        return ngettext("%(count)s meeting scheduled", "%(count)s meetings scheduled", count) % {
            "count": number_format(count, force_grouping=True)
        }
    if result.get("error"):
        return _("The scheduler failed: %(error)s") % {"error": result["error"]}
    if run.message == STOPPED_MESSAGE:
        return _(STOPPED_MESSAGE)
    return run.message or _("The scheduler failed.")
