"""The iCalendar feed of call deadlines (in the site's time zone, with its VTIMEZONE)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as ICalEvent


def deadlines_ics(stages) -> bytes:
    cal = Calendar()
    cal.add("prodid", f"-//{settings.SITE_NAME}//calls//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("{site} call deadlines").format(site=settings.SITE_NAME))
    days = []
    for stage in stages:
        call = stage.call
        deadline = timezone.localtime(stage.deadline)
        days.append(deadline.date())
        e = ICalEvent()
        e.add("uid", f"call-{call.pk}-stage-{stage.number}@{settings.SITE_NAME.lower()}")
        e.add("dtstamp", call.updated_at)
        # A deadline is an instant: a zero-length event at the closing time.
        e.add("dtstart", deadline)
        e.add("dtend", deadline)
        e.add(
            "summary",
            _("Deadline: {call} (stage {stage})").format(
                call=call.title, stage=stage.name or stage.number
            ),
        )
        e.add("url", f"{settings.SITE_URL}{call.get_absolute_url()}")
        cal.add_component(e)
    if days:
        cal.add_missing_timezones(
            first_date=min(days) - timedelta(days=1), last_date=max(days) + timedelta(days=1)
        )
    return cal.to_ical()
