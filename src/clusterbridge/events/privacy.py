"""Personal data of the events app (see clusterbridge.common.privacy).

Erasure: there is deliberately no ``erase(user)``. Everything this app holds about a person
hangs off their registrations, and ``Registration.user`` is ``on_delete=CASCADE``; deleting the
user row removes, in the database, their registrations (answers, matchmaking card, unavailable
slots), the meeting requests they sent or received (with the messages), the meetings made from
those requests and the outcomes recorded for those meetings. Nothing is left to anonymise.
``Event.created_by`` and ``ScheduleRun.started_by`` are ``SET_NULL``.

The price, decided knowingly: the organisers' dashboard (participants, requests, meetings held,
outcomes) of past events no longer counts the deleted person, nor the meetings and outcomes of
the people they met. Keeping those figures would need anonymised registrations (a nullable
user with the name and email dropped), which every registration screen and export would have
to handle; until the organisers need frozen figures, erasure wins over statistics.
"""

from __future__ import annotations

from django.db.models import Prefetch

from clusterbridge.events.models import Meeting, MeetingOutcome, MeetingRequest, Registration


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _request(req: MeetingRequest, *, other: Registration) -> dict:
    return {
        "event": req.event.title,
        "with": other.display_name,
        "message": req.message,
        "status": req.status,
        "sent_at": _iso(req.created_at),
        "answered_at": _iso(req.answered_at),
    }


def export(user) -> dict:
    registrations = list(
        Registration.objects.filter(user=user)
        .select_related("event", "organisation")
        .prefetch_related("unavailable_slots")
        .order_by("event__start", "pk")
    )
    people = ("event", "sender__user", "sender__organisation", "recipient__user",
              "recipient__organisation")  # fmt: skip
    sent = MeetingRequest.objects.filter(sender__user=user).select_related(*people)
    received = MeetingRequest.objects.filter(recipient__user=user).select_related(*people)
    meetings = (
        Meeting.objects.filter(participants__user=user)
        .select_related("event", "slot", "table")
        .prefetch_related(
            Prefetch("participants",
                     queryset=Registration.objects.select_related("user", "organisation")),
            Prefetch("outcomes", queryset=MeetingOutcome.objects.filter(registration__user=user),
                     to_attr="my_outcomes"),
        )
        .order_by("event__start", "slot__start", "pk")
    )  # fmt: skip
    return {
        "registrations": [
            {
                "event": r.event.title,
                "event_start": _iso(r.event.start),
                "organisation": r.organisation.name if r.organisation else None,
                "country": r.country,
                "status": r.status,
                "attendance": r.attendance,
                "answers": r.answers,
                "registered_at": _iso(r.created_at),
                "decided_at": _iso(r.decided_at),
                "card": {
                    "offer": r.offer,
                    "seek": r.seek,
                    "sectors": r.sectors,
                    "technologies": r.technologies,
                    "technology_keywords": r.technology_keywords,
                    "interest_countries": r.interest_countries,
                    "unavailable_slots": [_iso(s.start) for s in r.unavailable_slots.all()],
                },
            }
            for r in registrations
        ],
        "meeting_requests_sent": [_request(q, other=q.recipient) for q in sent],
        "meeting_requests_received": [_request(q, other=q.sender) for q in received],
        "meetings": [
            {
                "event": m.event.title,
                "with": [p.display_name for p in m.participants.all() if p.user_id != user.pk],
                "status": m.status,
                "start": _iso(m.slot.start) if m.slot_id else None,
                "table": m.table.number if m.table_id else None,
                "online": m.online,
                "outcomes_recorded": [
                    {
                        "held": o.held,
                        "outcomes": o.outcomes,
                        "note": o.note,
                        "satisfaction": o.satisfaction,
                        "recorded_at": _iso(o.created_at),
                    }
                    for o in m.my_outcomes
                ],
            }
            for m in meetings
        ],
    }
