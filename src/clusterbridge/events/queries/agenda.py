"""Personal agendas and table plans."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from clusterbridge.events.models import Event, Meeting, Registration


def _with_people(qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return qs.select_related("slot", "table", "event").prefetch_related(
        Prefetch(
            "participants",
            queryset=Registration.objects.select_related("user", "organisation"),
        )
    )


def agenda(registration: Registration, *, published_only: bool = True) -> list[Meeting]:
    qs = registration.meetings.filter(status="scheduled")
    if published_only:
        qs = qs.filter(communicated=True)
    meetings = list(_with_people(qs).order_by("slot__start", "pk"))
    for m in meetings:
        m.others = [p for p in m.participants.all() if p.pk != registration.pk]
    return meetings


def schedule(event: Event) -> QuerySet[Meeting]:
    return _with_people(event.meetings.exclude(status="cancelled")).order_by(
        "status", "slot__start", "table__number", "pk"
    )


def table_plan(event: Event) -> list[tuple]:
    """[(slot, [meetings by table])] for every slot."""
    by_slot: dict[int, list[Meeting]] = {}
    for m in _with_people(event.meetings.filter(status="scheduled")).order_by(
        "table__number", "pk"
    ):
        by_slot.setdefault(m.slot_id, []).append(m)
    return [(s, by_slot.get(s.pk, [])) for s in event.slots.all()]


def unserved_names(runs) -> dict[int, str]:
    """{registration id: display name} of the participants the runs left without a meeting."""
    ids = {u["registration"] for r in runs for u in (r.result or {}).get("unserved", [])}
    if not ids:
        return {}
    events = {r.event_id for r in runs}
    regs = Registration.objects.filter(pk__in=ids, event_id__in=events).select_related(
        "user", "organisation"
    )
    return {r.pk: r.display_name for r in regs}
