"""Incremental rescheduling after late requests or cancellations.

Meetings of the previous solution have been communicated to participants, so they stay where
they are: each one that still exists in the new instance and still satisfies every hard rule
(participants may have become unavailable, a table may be gone) becomes a fixed meeting. Those
that no longer fit are released and scheduled again like new requests. Cancelled meetings
simply disappear from the instance and free their slot and table.
"""

from __future__ import annotations

import dataclasses

from .model import Fixed, Instance, Solution
from .solver import solve


def freeze_previous(inst: Instance, previous: Solution) -> tuple[Instance, list[str]]:
    """Return ``inst`` with the still-valid previous assignments fixed, and the released ids."""
    meetings = {m.id: m for m in inst.meetings}
    parts = {p.id: p for p in inst.participants}
    seats = {loc.id: loc.seats for loc in inst.locations}
    slots = {s.id for s in inst.slots}
    busy: set[tuple[str, str]] = set()
    loc_busy: set[tuple[str, str]] = set()
    count: dict[str, int] = {}
    keep: dict[str, Fixed] = {}
    # Meetings fixed in the new instance take precedence over the previous solution.
    for m in inst.meetings:
        if m.fixed is not None:
            keep[m.id] = m.fixed
            for p in m.participants:
                busy.add((p, m.fixed.slot))
                count[p] = count.get(p, 0) + 1
            if m.fixed.location is not None:
                loc_busy.add((m.fixed.location, m.fixed.slot))
    released: list[str] = []
    for a in previous.assignments:
        m = meetings.get(a.meeting)
        if m is None or m.id in keep:
            continue  # cancelled, or fixed anew
        ok = a.slot in slots and (m.allowed_slots is None or a.slot in m.allowed_slots)
        ok = ok and all(
            a.slot not in parts[p].unavailable
            and (p, a.slot) not in busy
            and (parts[p].max_meetings is None or count.get(p, 0) < parts[p].max_meetings)  # type: ignore[operator]
            for p in m.participants
        )
        loc = None if m.online else a.location
        if ok and not m.online:
            ok = (
                loc is not None
                and seats.get(loc, 0) >= len(m.participants)
                and (loc, a.slot) not in loc_busy
            )
        if not ok:
            released.append(m.id)
            continue
        keep[m.id] = Fixed(a.slot, loc)
        for p in m.participants:
            busy.add((p, a.slot))
            count[p] = count.get(p, 0) + 1
        if loc is not None:
            loc_busy.add((loc, a.slot))
    new_meetings = tuple(
        dataclasses.replace(m, fixed=keep[m.id]) if m.id in keep else m for m in inst.meetings
    )
    return dataclasses.replace(inst, meetings=new_meetings), released


def reschedule(
    inst: Instance, previous: Solution, time_limit: float = 10.0, seed: int = 0
) -> Solution:
    """Schedule ``inst`` keeping every still-valid assignment of ``previous`` in place.

    The returned solution is valid for ``inst`` itself (keeping meetings only adds rules).
    ``stats["released"]`` lists previously scheduled meetings that had to move or drop.
    """
    frozen, released = freeze_previous(inst, previous)
    sol = solve(frozen, time_limit=time_limit, seed=seed)
    sol.stats["released"] = released  # type: ignore[assignment]
    return sol
