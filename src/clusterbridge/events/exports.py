"""Files for download: participant CSV, badges, agendas (PDF, iCalendar), table plan, report."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar
from icalendar import Event as ICalEvent
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from clusterbridge.common.csv import safe_cell
from clusterbridge.events.models import Event, Meeting, Registration


def _local(event: Event, dt):
    return dt.astimezone(ZoneInfo(event.timezone))


def where(meeting: Meeting) -> str:
    if meeting.online:
        return f"Online: {meeting.video_link()}" if meeting.video_link() else "Online"
    return f"Table {meeting.table.number}" if meeting.table_id else ""


def participants_csv(event: Event, registrations) -> str:
    """Every cell goes through safe_cell: names, organisations, answers and even the questions
    (organiser text) are typed by people, and a spreadsheet runs a cell like "=HYPERLINK(…)"."""
    out = io.StringIO()
    writer = csv.writer(out)
    header = ["name", "email", "organisation", "country", "status", "attendance", "registered",
              *event.questions]  # fmt: skip
    writer.writerow([safe_cell(c) for c in header])
    for r in registrations:
        row = [r.user.name, r.user.email, r.organisation.name if r.organisation else "", r.country,
               r.status, r.attendance, r.created_at.isoformat(timespec="seconds"),
               *[r.answers.get(q, "") for q in event.questions]]  # fmt: skip
        writer.writerow([safe_cell(c) for c in row])
    return out.getvalue()


def badges_pdf(event: Event, registrations) -> bytes:
    """Eight badges per A4 page (2 x 4), name large, organisation and country below."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    w, h = A4
    bw, bh = (w - 20 * mm) / 2, (h - 20 * mm) / 4
    for i, r in enumerate(registrations):
        if i and i % 8 == 0:
            c.showPage()
        col, row = i % 2, (i % 8) // 2
        x, y = 10 * mm + col * bw, h - 10 * mm - (row + 1) * bh
        c.rect(x, y, bw, bh)
        c.setFont("Helvetica", 9)
        c.drawCentredString(x + bw / 2, y + bh - 12 * mm, event.title[:60])
        c.setFont("Helvetica-Bold", 18)
        c.drawCentredString(x + bw / 2, y + bh / 2, (r.user.name or r.user.email)[:30])
        c.setFont("Helvetica", 11)
        org = r.organisation.name if r.organisation else ""
        c.drawCentredString(x + bw / 2, y + bh / 2 - 8 * mm, f"{org[:40]} {r.country}".strip())
    c.save()
    return buf.getvalue()


def _doc(title: str):
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, title=title, leftMargin=15 * mm, rightMargin=15 * mm)
    return buf, doc, getSampleStyleSheet()


def agenda_pdf(event: Event, registration: Registration, meetings: list[Meeting]) -> bytes:
    buf, doc, styles = _doc(f"Agenda – {event.title}")
    rows = [["Time", "With", "Where"]]
    for m in meetings:
        start = _local(event, m.slot.start)
        end = start + timedelta(minutes=m.slot.minutes)
        others = "; ".join(p.display_name for p in m.others)
        rows.append([f"{start:%a %d %b %Y} {start:%H:%M}–{end:%H:%M}", Paragraph(others), where(m)])
    story = [
        Paragraph(f"Agenda of {registration.display_name}", styles["Title"]),
        Paragraph(f"{event.title} · times in {event.timezone}", styles["Normal"]),
        Spacer(1, 6 * mm),
        Table(rows, colWidths=[55 * mm, 80 * mm, 45 * mm]) if meetings
        else Paragraph("No meetings scheduled.", styles["Normal"]),
    ]  # fmt: skip
    doc.build(story)
    return buf.getvalue()


def agenda_ics(event: Event, registration: Registration, meetings: list[Meeting]) -> bytes:
    cal = Calendar()
    cal.add("prodid", f"-//{settings.SITE_NAME}//events//EN")
    cal.add("version", "2.0")
    tz = ZoneInfo(event.timezone)
    for m in meetings:
        e = ICalEvent()
        e.add("uid", f"meeting-{m.pk}@{settings.SITE_NAME.lower()}")
        e.add("dtstamp", m.updated_at)
        e.add("dtstart", m.slot.start.astimezone(tz))
        e.add("dtend", (m.slot.start + timedelta(minutes=m.slot.minutes)).astimezone(tz))
        e.add("summary", "Meeting with " + ", ".join(p.display_name for p in m.others))
        e.add("location", where(m))
        e.add("description", f"{event.title}. {where(m)}")
        if m.online and m.video_link():
            e.add("url", m.video_link())
        cal.add_component(e)
    return cal.to_ical()


def calendar_ics(events) -> bytes:
    cal = Calendar()
    cal.add("prodid", f"-//{settings.SITE_NAME}//events//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{settings.SITE_NAME} events")
    for ev in events:
        e = ICalEvent()
        e.add("uid", f"event-{ev.pk}@{settings.SITE_NAME.lower()}")
        e.add("dtstamp", ev.updated_at)
        e.add("dtstart", ev.start)
        e.add("dtend", ev.end)
        e.add("summary", ev.title)
        e.add(
            "location", ", ".join(x for x in (ev.venue, ev.city, str(ev.country.name or "")) if x)
        )
        e.add("url", f"{settings.SITE_URL}{ev.get_absolute_url()}")
        cal.add_component(e)
    return cal.to_ical()


def table_plan_pdf(event: Event, plan) -> bytes:
    buf, doc, styles = _doc(f"Table plan – {event.title}")
    story = [Paragraph(f"Table plan – {event.title}", styles["Title"])]
    for slot, meetings in plan:
        start = _local(event, slot.start)
        story.append(Paragraph(f"{start:%a %d %b %Y %H:%M}" + (" (online)" if slot.online else ""),
                               styles["Heading3"]))  # fmt: skip
        rows = [["Where", "Participants"]] + [
            [where(m) if not m.online else "Online",
             Paragraph(" / ".join(p.display_name for p in m.participants.all()))]
            for m in meetings
        ]  # fmt: skip
        story.append(Table(rows, colWidths=[35 * mm, 145 * mm]) if meetings
                     else Paragraph("No meetings.", styles["Normal"]))  # fmt: skip
    doc.build(story)
    return buf.getvalue()


def report_csv(figures: dict) -> str:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["section", "item", "value"])
    w.writerow(["participants", "total", figures["participants"]])
    w.writerow(["participants", "countries represented", figures["countries"]])
    for k, v in figures["by_country"].items():
        w.writerow(["participants by country", k, v])
    for k, v in figures["by_kind"].items():
        w.writerow(["participants by kind", k, v])
    for k, v in figures["meetings"].items():
        w.writerow(["meetings", k, v])
    for k, v in figures["outcomes"].items():
        w.writerow(["outcomes", k, v])
    w.writerow(["satisfaction", "average (1-5)", figures["satisfaction"] or ""])
    return out.getvalue()


def report_pdf(event: Event, figures: dict) -> bytes:
    buf, doc, styles = _doc(f"Report – {event.title}")
    rows = [[section, item, str(value)] for section, item, value in
            list(csv.reader(io.StringIO(report_csv(figures))))[1:]]  # fmt: skip
    doc.build([
        Paragraph(f"Event report – {event.title}", styles["Title"]),
        Table([["Section", "Item", "Value"], *rows], colWidths=[55 * mm, 90 * mm, 30 * mm]),
    ])  # fmt: skip
    return buf.getvalue()
