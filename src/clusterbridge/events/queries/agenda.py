"""Personal agendas and table plans."""

from __future__ import annotations

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When

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


ORGANISER_ORDER = Case(
    When(status="unscheduled", then=Value(0)),
    When(status="scheduled", then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def meeting_list(
    event: Event,
    *,
    status: str = "",
    reason: str = "",
    participant: str = "",
    slot: int | None = None,
) -> QuerySet[Meeting]:
    """The organiser's meeting list, filtered: not scheduled first, then by slot and table.

    ``status`` "" means every meeting that is not cancelled; ``participant`` is searched in
    the participants' names, e-mail addresses and organisation names (one subquery, so the
    list needs no DISTINCT). The participants are prefetched: paged, a page is three queries
    (count, rows, participants) whatever the number of meetings."""
    qs = event.meetings.all()
    qs = qs.filter(status=status) if status else qs.exclude(status="cancelled")
    if reason:
        qs = qs.filter(reason=reason)
    if slot is not None:
        qs = qs.filter(slot_id=slot)
    if participant:
        people = Registration.objects.filter(event=event).filter(
            Q(user__name__icontains=participant)
            | Q(user__email__icontains=participant)
            | Q(organisation__name__icontains=participant)
        )
        qs = qs.filter(
            pk__in=Meeting.participants.through.objects.filter(registration__in=people).values(
                "meeting_id"
            )
        )
    return (
        qs.select_related("slot", "table")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Registration.objects.select_related("user", "organisation"),
            )
        )
        .order_by(ORGANISER_ORDER, "slot__start", "table__number", "pk")
    )


def meeting_summary(event: Event) -> dict:
    """Counts for the organiser's list, in one query: {"scheduled", "unscheduled",
    "cancelled", "reasons": {reason code: count of meetings not scheduled for it}}."""
    summary: dict = {"scheduled": 0, "unscheduled": 0, "cancelled": 0, "reasons": {}}
    rows = event.meetings.values("status", "reason").annotate(n=Count("pk")).order_by()
    for row in rows:
        summary[row["status"]] = summary.get(row["status"], 0) + row["n"]
        if row["status"] == "unscheduled" and row["reason"]:
            summary["reasons"][row["reason"]] = row["n"]
    return summary
