"""Files for download: participant CSV, badges, agendas (PDF, iCalendar), table plan, report.

PDFs and iCalendar files are written in the active language (the reader's: whoever asks for
the file), times in the event's own time zone and in the formats of that language. The CSV
files are data for spreadsheets and scripts: their column names and codes stay fixed.
"""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as ICalEvent
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from clusterbridge.common import pdf
from clusterbridge.common.csv import csv_text
from clusterbridge.events.models import Event, Meeting, Registration
from clusterbridge.events.queries.figures import MEETING_FIGURES


def _local(event: Event, dt):
    return dt.astimezone(ZoneInfo(event.timezone))


def _number(value) -> str:
    return number_format(value, force_grouping=True)


def where(meeting: Meeting) -> str:
    if meeting.online:
        link = meeting.video_link()
        return _("Online: %(link)s") % {"link": link} if link else _("Online")
    return _("Table %(number)s") % {"number": meeting.table.number} if meeting.table_id else ""


def place(event: Event) -> str:
    """Where the event happens: venue, address, city and country, whichever are known."""
    parts = (event.venue, event.address, event.city, str(event.country.name or ""))
    return ", ".join(part for part in parts if part)


def location(event: Event, meeting: Meeting) -> str:
    """The iCalendar LOCATION of a meeting: the table at the event's venue, or online."""
    here = where(meeting)
    if meeting.online:
        return here
    return ", ".join(part for part in (here, place(event)) if part)


def _with_timezones(cal: Calendar, days: list[date]) -> bytes:
    """Add the VTIMEZONE of every TZID used (RFC 5545 requires them), covering ``days``."""
    if days:
        cal.add_missing_timezones(
            first_date=min(days) - timedelta(days=1), last_date=max(days) + timedelta(days=1)
        )
    return cal.to_ical()


def participants_csv(event: Event, registrations) -> str:
    """Names, organisations, answers and the questions themselves (organiser text) are typed
    by people: common.csv neutralises every cell a spreadsheet would run as a formula."""
    fixed = ["name", "email", "organisation", "country", "status", "attendance", "registered"]
    # Questions are keyed by position: one may be worded like a fixed column ("name").
    asked = [f"question {i}" for i in range(len(event.questions))]
    rows = (
        {"name": r.user.name, "email": r.user.email,
         "organisation": r.organisation.name if r.organisation else "", "country": r.country,
         "status": r.status, "attendance": r.attendance,
         "registered": r.created_at.isoformat(timespec="seconds"),
         **{key: r.answers.get(q, "") for key, q in zip(asked, event.questions, strict=True)}}
        for r in registrations
    )  # fmt: skip
    return csv_text(rows, fixed + asked, header=fixed + list(event.questions))


def badges_pdf(event: Event, registrations) -> bytes:
    """Eight badges per A4 page (2 x 4), name large, organisation and country below."""
    buf, c = pdf.canvas(A4)
    c.setTitle(_("Badges – %(event)s") % {"event": event.title})
    w, h = A4
    bw, bh = (w - 20 * mm) / 2, (h - 20 * mm) / 4
    for i, r in enumerate(registrations):
        if i and i % 8 == 0:
            c.showPage()
        col, row = i % 2, (i % 8) // 2
        x, y = 10 * mm + col * bw, h - 10 * mm - (row + 1) * bh
        c.rect(x, y, bw, bh)
        c.setFont(pdf.FONT, 9)
        c.drawCentredString(x + bw / 2, y + bh - 12 * mm, event.title[:60])
        c.setFont(pdf.FONT_BOLD, 18)
        c.drawCentredString(x + bw / 2, y + bh / 2, (r.user.name or r.user.email)[:30])
        c.setFont(pdf.FONT, 11)
        org = r.organisation.name if r.organisation else ""
        c.drawCentredString(x + bw / 2, y + bh / 2 - 8 * mm, f"{org[:40]} {r.country}".strip())
    c.save()
    return buf.getvalue()


def _doc(title: str):
    buf, doc = pdf.document(title)
    return buf, doc, pdf.styles()


def agenda_pdf(event: Event, registration: Registration, meetings: list[Meeting]) -> bytes:
    buf, doc, styles = _doc(_("Agenda – %(event)s") % {"event": event.title})
    rows = [[_("Time"), _("With"), _("Where")]]
    for m in meetings:
        start = _local(event, m.slot.start)
        end = start + timedelta(minutes=m.slot.minutes)
        others = "; ".join(p.display_name for p in m.others)
        when = _("%(date)s, %(start)s–%(end)s") % {
            "date": date_format(start, "SHORT_DATE_FORMAT"),
            "start": date_format(start, "TIME_FORMAT"),
            "end": date_format(end, "TIME_FORMAT"),
        }
        rows.append([when, pdf.paragraph(others, styles["BodyText"]), where(m)])
    story = [
        pdf.paragraph(_("Agenda of %(name)s") % {"name": registration.display_name},
                      styles["Title"]),
        pdf.paragraph(_("%(event)s · times in %(timezone)s")
                      % {"event": event.title, "timezone": event.timezone}, styles["Normal"]),
    ]  # fmt: skip
    if place(event):
        story.append(pdf.paragraph(place(event), styles["Normal"]))
    story += [
        Spacer(1, 6 * mm),
        pdf.table(rows, colWidths=[55 * mm, 80 * mm, 45 * mm]) if meetings
        else Paragraph(_("No meetings scheduled."), styles["Normal"]),
    ]  # fmt: skip
    doc.build(story)
    return buf.getvalue()


def agenda_ics(event: Event, registration: Registration, meetings: list[Meeting]) -> bytes:
    cal = Calendar()
    cal.add("prodid", f"-//{settings.SITE_NAME}//events//EN")
    cal.add("version", "2.0")
    tz = ZoneInfo(event.timezone)
    days = []
    for m in meetings:
        e = ICalEvent()
        start = m.slot.start.astimezone(tz)
        days.append(start.date())
        e.add("uid", f"meeting-{m.pk}@{settings.SITE_NAME.lower()}")
        e.add("dtstamp", m.updated_at)
        e.add("dtstart", start)
        e.add("dtend", (m.slot.start + timedelta(minutes=m.slot.minutes)).astimezone(tz))
        e.add("summary", _("Meeting with %(names)s")
              % {"names": ", ".join(p.display_name for p in m.others)})  # fmt: skip
        e.add("location", location(event, m))
        e.add("description", f"{event.title}. {location(event, m)}")
        if m.online and m.video_link():
            e.add("url", m.video_link())
        cal.add_component(e)
    return _with_timezones(cal, days)


def calendar_ics(events) -> bytes:
    cal = Calendar()
    cal.add("prodid", f"-//{settings.SITE_NAME}//events//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("%(site)s events") % {"site": settings.SITE_NAME})
    days = []
    for ev in events:
        e = ICalEvent()
        # In the event's own time zone (with its VTIMEZONE), as organisers and agendas show it.
        tz = ZoneInfo(ev.timezone)
        start, end = ev.start.astimezone(tz), ev.end.astimezone(tz)
        days += [start.date(), end.date()]
        e.add("uid", f"event-{ev.pk}@{settings.SITE_NAME.lower()}")
        e.add("dtstamp", ev.updated_at)
        e.add("dtstart", start)
        e.add("dtend", end)
        e.add("summary", ev.title)
        if place(ev):
            e.add("location", place(ev))
        e.add("url", f"{settings.SITE_URL}{ev.get_absolute_url()}")
        cal.add_component(e)
    return _with_timezones(cal, days)


def table_plan_pdf(event: Event, plan) -> bytes:
    title = _("Table plan – %(event)s") % {"event": event.title}
    buf, doc, styles = _doc(title)
    story = [pdf.paragraph(title, styles["Title"])]
    if place(event):
        story.append(pdf.paragraph(place(event), styles["Normal"]))
    for slot, meetings in plan:
        start = _local(event, slot.start)
        when = date_format(start, "SHORT_DATETIME_FORMAT")
        story.append(Paragraph(_("%(when)s (online)") % {"when": when} if slot.online else when,
                               styles["Heading3"]))  # fmt: skip
        rows = [[_("Where"), _("Participants")]] + [
            [where(m) if not m.online else _("Online"),
             pdf.paragraph(" / ".join(p.display_name for p in m.participants.all()),
                           styles["BodyText"])]
            for m in meetings
        ]  # fmt: skip
        story.append(pdf.table(rows, colWidths=[35 * mm, 145 * mm]) if meetings
                     else Paragraph(_("No meetings."), styles["Normal"]))  # fmt: skip
    doc.build(story)
    return buf.getvalue()


def report_csv(figures: dict) -> str:
    rows = [
        ("participants", "total", figures["participants"]),
        ("participants", "countries represented", figures["countries"]),
        *(("participants by country", k, v) for k, v in figures["by_country"].items()),
        *(("participants by kind", k, v) for k, v in figures["by_kind"].items()),
        *(("meetings", k, v) for k, v in figures["meetings"].items()),
        *(("outcomes", k, v) for k, v in figures["outcomes"].items()),
        ("satisfaction", "average (1-5)", figures["satisfaction"] or ""),
    ]
    columns = ["section", "item", "value"]
    return csv_text((dict(zip(columns, row, strict=True)) for row in rows), columns)


def _report_rows(figures: dict) -> list[list[str]]:
    """The report's figures as the reader reads them: labels and numbers in their language."""
    participants = _("Participants")
    rows = [
        [participants, _("Total"), _number(figures["participants"])],
        [participants, _("Countries represented"), _number(figures["countries"])],
    ]
    rows += [
        [_("Participants by country"), k, _number(v)] for k, v in figures["by_country"].items()
    ]
    rows += [
        [_("Participants by kind of organisation"), k, _number(v)]
        for k, v in figures["by_kind"].items()
    ]
    rows += [
        [_("Meetings"), str(MEETING_FIGURES.get(k, k)), _number(v)]
        for k, v in figures["meetings"].items()
    ]
    rows += [[_("Outcomes"), k, _number(v)] for k, v in figures["outcomes"].items()]
    satisfaction = figures["satisfaction"]
    rows.append([
        _("Satisfaction"), _("Average mark (1 to 5)"),
        number_format(satisfaction, 1) if satisfaction is not None else "—",
    ])  # fmt: skip
    return rows


def report_pdf(event: Event, figures: dict) -> bytes:
    buf, doc, styles = _doc(_("Report – %(event)s") % {"event": event.title})
    rows = _report_rows(figures)
    doc.build([
        pdf.paragraph(_("Event report – %(event)s") % {"event": event.title}, styles["Title"]),
        pdf.table([[_("Section"), _("Item"), _("Value")], *rows],
                  colWidths=[55 * mm, 90 * mm, 30 * mm]),
    ])  # fmt: skip
    return buf.getvalue()
