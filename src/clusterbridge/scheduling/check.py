"""Independent validator of a schedule: every hard rule, the objective and the idle gaps.

Deliberately written against the public dataclasses only (not :class:`Index` or the solver
state) so that a bug in the solvers' shared bookkeeping cannot hide itself here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .model import Assignment, Instance, Solution


@dataclass
class CheckReport:
    objective: int
    idle_gaps: int
    scheduled: int
    violations: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.violations

    def to_text(self) -> str:
        lines = [
            f"objective: {self.objective}",
            f"idle_gaps: {self.idle_gaps}",
            f"scheduled: {self.scheduled}",
            f"violations: {len(self.violations)}",
        ]
        lines += [f"  - {v}" for v in self.violations]
        return "\n".join(lines)


def check_assignments(
    inst: Instance,
    assignments: Sequence[Assignment],
    unscheduled_ids: Sequence[str] = (),
    claimed: dict[str, Any] | None = None,
) -> CheckReport:
    """Validate assignments against every hard rule of ``inst``.

    ``claimed`` may carry the ``objective``/``idle_gaps`` a solution states; a mismatch with the
    recomputed values is reported as a violation too.
    """
    v: list[str] = []
    slots = {s.id: s for s in inst.slots}
    slot_rank = {s.id: k for k, s in enumerate(sorted(inst.slots, key=lambda s: (s.start, s.id)))}
    locs = {loc.id: loc for loc in inst.locations}
    parts = {p.id: p for p in inst.participants}
    meetings = {m.id: m for m in inst.meetings}

    placed: dict[str, Assignment] = {}
    for a in assignments:
        if a.meeting not in meetings:
            v.append(f"assignment of unknown meeting '{a.meeting}'")
            continue
        if a.meeting in placed:
            v.append(f"meeting '{a.meeting}' is assigned more than once")
            continue
        if a.slot not in slots:
            v.append(f"meeting '{a.meeting}': unknown slot '{a.slot}'")
            continue
        if a.location is not None and a.location not in locs:
            v.append(f"meeting '{a.meeting}': unknown location '{a.location}'")
            continue
        placed[a.meeting] = a

    person_slot: dict[tuple[str, str], str] = {}
    loc_slot: dict[tuple[str, str], str] = {}
    count: dict[str, int] = {}
    agenda: dict[str, list[int]] = {}
    objective = 0
    for mid, a in placed.items():
        m = meetings[mid]
        objective += m.weight
        if m.allowed_slots is not None and a.slot not in m.allowed_slots:
            v.append(f"meeting '{mid}': slot '{a.slot}' is not allowed")
        if m.online:
            if a.location is not None:
                v.append(f"meeting '{mid}': online meeting given location '{a.location}'")
        elif a.location is None:
            v.append(f"meeting '{mid}': on-site meeting has no location")
        else:
            loc = locs[a.location]
            if loc.seats < len(m.participants):
                v.append(
                    f"meeting '{mid}': location '{loc.id}' has {loc.seats} seats, "
                    f"needs {len(m.participants)}"
                )
            other = loc_slot.get((a.location, a.slot))
            if other is not None:
                v.append(
                    f"location '{a.location}' double-booked in slot '{a.slot}' "
                    f"('{other}' and '{mid}')"
                )
            loc_slot[(a.location, a.slot)] = mid
        for p in m.participants:
            if a.slot in parts[p].unavailable:
                v.append(f"meeting '{mid}': participant '{p}' is unavailable in slot '{a.slot}'")
            other = person_slot.get((p, a.slot))
            if other is not None:
                v.append(
                    f"participant '{p}' is in two meetings in slot '{a.slot}' "
                    f"('{other}' and '{mid}')"
                )
            person_slot[(p, a.slot)] = mid
            count[p] = count.get(p, 0) + 1
            agenda.setdefault(p, []).append(slot_rank[a.slot])
    for p, n in count.items():
        mx = parts[p].max_meetings
        if mx is not None and n > mx:
            v.append(f"participant '{p}' has {n} meetings, maximum is {mx}")
    for m in inst.meetings:
        if m.fixed is None:
            continue
        a2 = placed.get(m.id)
        if a2 is None:
            v.append(f"fixed meeting '{m.id}' is not scheduled")
        elif a2.slot != m.fixed.slot or (
            m.fixed.location is not None and a2.location != m.fixed.location
        ):
            v.append(
                f"fixed meeting '{m.id}' moved: expected {m.fixed.slot}/{m.fixed.location}, "
                f"got {a2.slot}/{a2.location}"
            )
    for mid in unscheduled_ids:
        if mid in placed:
            v.append(f"meeting '{mid}' is both scheduled and listed as unscheduled")
        elif mid not in meetings:
            v.append(f"unscheduled list names unknown meeting '{mid}'")

    idle = 0
    for ranks in agenda.values():
        # Distinct ranks: a double booking is already a violation, do not also count it here.
        rs = set(ranks)
        idle += max(rs) - min(rs) + 1 - len(rs)
    if claimed:
        for key, actual in (("objective", objective), ("idle_gaps", idle)):
            if key in claimed and claimed[key] != actual:
                v.append(f"solution states {key} {claimed[key]}, actual is {actual}")
    return CheckReport(objective=objective, idle_gaps=idle, scheduled=len(placed), violations=v)


def check(inst: Instance, solution: Solution) -> CheckReport:
    """Validate a :class:`Solution` produced by this package (or parsed from JSON)."""
    return check_assignments(
        inst,
        solution.assignments,
        [u.meeting for u in solution.unscheduled],
        {"objective": solution.objective, "idle_gaps": solution.idle_gaps},
    )
