"""Data model of the meeting scheduler and the JSON exchange format.

The exchange format is fixed by issue 3 so that instances produced elsewhere can be run as-is::

    {"slots": [{"id": "s1", "start": "2026-05-20T09:00:00", "minutes": 25}, ...],
     "locations": [{"id": "t1", "seats": 2}, ...],
     "participants": [{"id": "p1", "unavailable": ["s3"], "max_meetings": 10}, ...],
     "meetings": [{"id": "m1", "participants": ["p1", "p2"], "weight": 1, "online": false,
                   "allowed_slots": ["s1", "s2"], "fixed": {"slot": "s1", "location": "t1"}}, ...]}

Parsing validates everything a solver relies on (ids unique and known, at least two distinct
participants per meeting, fixed assignments consistent with every hard rule) and raises
:class:`InstanceError` with a one-line message naming the offending item. Solvers never see an
invalid instance, which keeps their code free of defensive checks.

Besides the public dataclasses, :class:`Index` is the integer-indexed view every algorithm works
on: slots in chronological order, the candidate slots of each meeting, and the per-slot location
capacities aggregated by seat threshold (see :class:`Index` for why that is enough).
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


class InstanceError(ValueError):
    """The instance (or a solution to check) is malformed or contradicts a hard rule."""


@dataclass(frozen=True)
class Slot:
    id: str
    start: datetime
    minutes: int


@dataclass(frozen=True)
class Location:
    id: str
    seats: int


@dataclass(frozen=True)
class Participant:
    id: str
    unavailable: frozenset[str] = frozenset()
    max_meetings: int | None = None


@dataclass(frozen=True)
class Fixed:
    slot: str
    # None for online meetings, and for on-site meetings whose slot is fixed but whose table
    # may still be chosen by the scheduler.
    location: str | None = None


@dataclass(frozen=True)
class Meeting:
    id: str
    participants: tuple[str, ...]
    weight: int = 1
    online: bool = False
    allowed_slots: frozenset[str] | None = None
    fixed: Fixed | None = None


@dataclass(frozen=True)
class Instance:
    slots: tuple[Slot, ...]
    locations: tuple[Location, ...]
    participants: tuple[Participant, ...]
    meetings: tuple[Meeting, ...]

    def to_json(self) -> dict[str, Any]:
        """Serialise to the exchange format (optional keys written only when set)."""
        meetings: list[dict[str, Any]] = []
        for m in self.meetings:
            d: dict[str, Any] = {"id": m.id, "participants": list(m.participants)}
            if m.weight != 1:
                d["weight"] = m.weight
            if m.online:
                d["online"] = True
            if m.allowed_slots is not None:
                d["allowed_slots"] = sorted(m.allowed_slots)
            if m.fixed is not None:
                d["fixed"] = {"slot": m.fixed.slot, "location": m.fixed.location}
            meetings.append(d)
        participants: list[dict[str, Any]] = []
        for p in self.participants:
            pd: dict[str, Any] = {"id": p.id}
            if p.unavailable:
                pd["unavailable"] = sorted(p.unavailable)
            if p.max_meetings is not None:
                pd["max_meetings"] = p.max_meetings
            participants.append(pd)
        return {
            "slots": [
                {"id": s.id, "start": s.start.isoformat(), "minutes": s.minutes} for s in self.slots
            ],
            "locations": [{"id": loc.id, "seats": loc.seats} for loc in self.locations],
            "participants": participants,
            "meetings": meetings,
        }


@dataclass(frozen=True)
class Assignment:
    meeting: str
    slot: str
    location: str | None


@dataclass(frozen=True)
class Unscheduled:
    meeting: str
    reason: str
    # Human-readable explanation for organisers; not part of the exchange format.
    detail: str = field(default="", compare=False)


@dataclass(frozen=True)
class UnservedParticipant:
    """A participant with at least one request but no meeting, and why (fairness floor)."""

    participant: str
    reason: str  # a key of clusterbridge.scheduling.fairness.UNSERVED_REASONS
    detail: str = field(default="", compare=False)


@dataclass
class Solution:
    assignments: list[Assignment]
    unscheduled: list[Unscheduled]
    objective: int
    upper_bound: int
    idle_gaps: int
    solve_seconds: float
    # Diagnostics, not serialised: "OPTIMAL" when CP-SAT proved optimality, else "FEASIBLE".
    status: str = "FEASIBLE"
    stats: dict[str, Any] = field(default_factory=dict)
    # --- Issue 12 results, not part of the exchange format (see to_report) ---
    # Participants with a request but no meeting, with the reason.
    unserved: list[UnservedParticipant] = field(default_factory=list)
    # Lower bound on the idle gaps of the scheduled meetings (None if not computed).
    idle_gaps_lower_bound: int | None = None
    # Which relaxation gave upper_bound: "trivial", "aggregated", "lp", "lagrangian", "cpsat"
    # (or "optimal" when CP-SAT proved the schedule optimal).
    bound_source: str = ""
    profile: str | None = None
    # (seconds since the start, total weight) each time the weight improved.
    trace: list[tuple[float, int]] = field(default_factory=list)

    def to_report(self) -> dict[str, Any]:
        """Exchange-format solution plus the organiser-facing figures (for the web app)."""
        ub = self.upper_bound
        return {
            **self.to_json(),
            "status": self.status,
            "profile": self.profile,
            "bound_source": self.bound_source,
            "percent_of_bound": round(100.0 * self.objective / ub, 2) if ub else 100.0,
            "idle_gaps_lower_bound": self.idle_gaps_lower_bound,
            "unserved_participants": [
                {"participant": u.participant, "reason": u.reason} for u in self.unserved
            ],
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "assignments": [
                {"meeting": a.meeting, "slot": a.slot, "location": a.location}
                for a in self.assignments
            ],
            "unscheduled": [{"meeting": u.meeting, "reason": u.reason} for u in self.unscheduled],
            "objective": self.objective,
            "upper_bound": self.upper_bound,
            "idle_gaps": self.idle_gaps,
            "solve_seconds": round(self.solve_seconds, 3),
        }


# --------------------------------------------------------------------------------------------
# Parsing


def _req(obj: Mapping[str, Any], key: str, what: str) -> Any:
    if key not in obj:
        raise InstanceError(f"{what}: missing key '{key}'")
    return obj[key]


def _str_id(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value:
        raise InstanceError(f"{what}: id must be a non-empty string, got {value!r}")
    return value


def _int(value: Any, what: str, minimum: int) -> int:
    # bool is an int subclass in Python; "seats": true is a mistake, not 1.
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InstanceError(f"{what} must be an integer >= {minimum}, got {value!r}")
    return value


def _list(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise InstanceError(f"{what} must be a list, got {type(value).__name__}")
    return value


def _obj(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise InstanceError(f"{what} must be an object, got {type(value).__name__}")
    return value


def _unique(ids: Sequence[str], kind: str) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise InstanceError(f"duplicate {kind} id '{i}'")
        seen.add(i)


def parse_instance(data: Any) -> Instance:
    """Build and validate an :class:`Instance` from decoded exchange-format JSON."""
    root = _obj(data, "instance")
    slots: list[Slot] = []
    for k, raw in enumerate(_list(_req(root, "slots", "instance"), "slots")):
        o = _obj(raw, f"slot #{k}")
        sid = _str_id(_req(o, "id", f"slot #{k}"), f"slot #{k}")
        start_raw = _req(o, "start", f"slot '{sid}'")
        try:
            start = datetime.fromisoformat(start_raw)
        except (TypeError, ValueError):
            raise InstanceError(
                f"slot '{sid}': start must be an ISO date-time, got {start_raw!r}"
            ) from None
        minutes = _int(_req(o, "minutes", f"slot '{sid}'"), f"slot '{sid}': minutes", 1)
        slots.append(Slot(sid, start, minutes))
    _unique([s.id for s in slots], "slot")
    slot_ids = {s.id for s in slots}
    naive = {s.start.tzinfo is None for s in slots}
    if len(naive) > 1:
        raise InstanceError("slots mix start times with and without a time zone")

    locations: list[Location] = []
    for k, raw in enumerate(_list(_req(root, "locations", "instance"), "locations")):
        o = _obj(raw, f"location #{k}")
        lid = _str_id(_req(o, "id", f"location #{k}"), f"location #{k}")
        seats = _int(_req(o, "seats", f"location '{lid}'"), f"location '{lid}': seats", 1)
        locations.append(Location(lid, seats))
    _unique([loc.id for loc in locations], "location")
    loc_by_id = {loc.id: loc for loc in locations}

    participants: list[Participant] = []
    for k, raw in enumerate(_list(_req(root, "participants", "instance"), "participants")):
        o = _obj(raw, f"participant #{k}")
        pid = _str_id(_req(o, "id", f"participant #{k}"), f"participant #{k}")
        unavailable = _list(o.get("unavailable", []), f"participant '{pid}': unavailable")
        for s in unavailable:
            if s not in slot_ids:
                raise InstanceError(f"participant '{pid}': unknown slot {s!r} in unavailable")
        mx = o.get("max_meetings")
        if mx is not None:
            mx = _int(mx, f"participant '{pid}': max_meetings", 0)
        participants.append(Participant(pid, frozenset(unavailable), mx))
    _unique([p.id for p in participants], "participant")
    part_ids = {p.id for p in participants}

    meetings: list[Meeting] = []
    for k, raw in enumerate(_list(_req(root, "meetings", "instance"), "meetings")):
        o = _obj(raw, f"meeting #{k}")
        mid = _str_id(_req(o, "id", f"meeting #{k}"), f"meeting #{k}")
        what = f"meeting '{mid}'"
        plist = _list(_req(o, "participants", what), f"{what}: participants")
        for p in plist:
            if p not in part_ids:
                raise InstanceError(f"{what}: unknown participant {p!r}")
        if len(set(plist)) != len(plist):
            raise InstanceError(f"{what}: a participant is listed twice")
        if len(plist) < 2:
            raise InstanceError(f"{what}: needs at least two participants, has {len(plist)}")
        weight = _int(o.get("weight", 1), f"{what}: weight", 0)
        online = o.get("online", False)
        if not isinstance(online, bool):
            raise InstanceError(f"{what}: online must be true or false, got {online!r}")
        allowed_raw = o.get("allowed_slots")
        allowed: frozenset[str] | None = None
        if allowed_raw is not None:
            for s in _list(allowed_raw, f"{what}: allowed_slots"):
                if s not in slot_ids:
                    raise InstanceError(f"{what}: unknown slot {s!r} in allowed_slots")
            allowed = frozenset(allowed_raw)
        fixed: Fixed | None = None
        fixed_raw = o.get("fixed")
        if fixed_raw is not None:
            fo = _obj(fixed_raw, f"{what}: fixed")
            fslot = _req(fo, "slot", f"{what}: fixed")
            if fslot not in slot_ids:
                raise InstanceError(f"{what}: fixed slot {fslot!r} is unknown")
            floc = fo.get("location")
            if floc is not None and floc not in loc_by_id:
                raise InstanceError(f"{what}: fixed location {floc!r} is unknown")
            if online and floc is not None:
                raise InstanceError(f"{what}: online meeting cannot have a fixed location")
            fixed = Fixed(fslot, floc)
        meetings.append(Meeting(mid, tuple(plist), weight, online, allowed, fixed))
    _unique([m.id for m in meetings], "meeting")

    inst = Instance(tuple(slots), tuple(locations), tuple(participants), tuple(meetings))
    _validate_fixed(inst)
    return inst


def _validate_fixed(inst: Instance) -> None:
    """Reject fixed assignments that break a hard rule (they cannot be 'kept' legally)."""
    parts = {p.id: p for p in inst.participants}
    locs = {loc.id: loc for loc in inst.locations}
    busy: dict[tuple[str, str], str] = {}
    loc_busy: dict[tuple[str, str], str] = {}
    count: dict[str, int] = {}
    for m in inst.meetings:
        if m.fixed is None:
            continue
        s = m.fixed.slot
        what = f"meeting '{m.id}': fixed slot '{s}'"
        if m.allowed_slots is not None and s not in m.allowed_slots:
            raise InstanceError(f"{what} is not among its allowed_slots")
        for p in m.participants:
            if s in parts[p].unavailable:
                raise InstanceError(f"{what}: participant '{p}' is unavailable")
            other = busy.get((p, s))
            if other is not None:
                raise InstanceError(
                    f"{what}: participant '{p}' is already in fixed meeting '{other}'"
                )
            busy[(p, s)] = m.id
            count[p] = count.get(p, 0) + 1
            mx = parts[p].max_meetings
            if mx is not None and count[p] > mx:
                raise InstanceError(
                    f"meeting '{m.id}': fixed meetings exceed max_meetings={mx} "
                    f"of participant '{p}'"
                )
        if m.fixed.location is not None:
            loc = locs[m.fixed.location]
            if loc.seats < len(m.participants):
                raise InstanceError(
                    f"meeting '{m.id}': fixed location '{loc.id}' has {loc.seats} seats, "
                    f"needs {len(m.participants)}"
                )
            other = loc_busy.get((loc.id, s))
            if other is not None:
                raise InstanceError(
                    f"meeting '{m.id}': fixed location '{loc.id}' in slot '{s}' is already "
                    f"used by fixed meeting '{other}'"
                )
            loc_busy[(loc.id, s)] = m.id
    # On-site meetings with a fixed slot but no fixed table must still find tables.
    idx = Index(inst)
    for t in range(idx.n_slots):
        need = [idx.size[i] for i in idx.fixed_slot_only if idx.fixed_slot[i] == t]
        if need and not idx.tables_fit(t, need):
            raise InstanceError(
                f"slot '{idx.slot_ids[t]}': not enough free locations for the on-site meetings "
                "fixed there without a location"
            )


def load_instance(path: str) -> Instance:
    """Read and validate an instance file; every failure is an :class:`InstanceError`."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise InstanceError(f"{path}: file not found") from None
    except json.JSONDecodeError as exc:
        raise InstanceError(f"{path}: malformed JSON ({exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InstanceError(f"{path}: cannot read ({exc})") from None
    return parse_instance(data)


def parse_solution(data: Any, inst: Instance) -> tuple[list[Assignment], list[Unscheduled]]:
    """Parse the assignments/unscheduled of a solution; ids are checked by :mod:`check`."""
    root = _obj(data, "solution")
    assignments: list[Assignment] = []
    for k, raw in enumerate(_list(root.get("assignments", []), "assignments")):
        o = _obj(raw, f"assignment #{k}")
        mid = _req(o, "meeting", f"assignment #{k}")
        slot = _req(o, "slot", f"assignment #{k}")
        loc = o.get("location")
        if not isinstance(mid, str) or not isinstance(slot, str):
            raise InstanceError(f"assignment #{k}: meeting and slot must be strings")
        if loc is not None and not isinstance(loc, str):
            raise InstanceError(f"assignment #{k}: location must be a string or null")
        assignments.append(Assignment(mid, slot, loc))
    unscheduled: list[Unscheduled] = []
    for k, raw in enumerate(_list(root.get("unscheduled", []), "unscheduled")):
        o = _obj(raw, f"unscheduled #{k}")
        unscheduled.append(
            Unscheduled(str(_req(o, "meeting", f"unscheduled #{k}")), str(o.get("reason", "")))
        )
    return assignments, unscheduled


# --------------------------------------------------------------------------------------------
# Integer-indexed view used by all algorithms


class Index:
    """Integer view of an instance.

    Slots are re-ordered chronologically (idle gaps are defined on that order). ``cand[i]`` holds
    the slots meeting ``i`` may use when considered alone: allowed, every participant available,
    and (on-site) some location big enough; a fixed meeting has only its fixed slot.

    Locations are interchangeable except for their seat count, and a meeting of ``q`` people fits
    exactly the locations with ``seats >= q``. The fit relation is therefore nested, and Hall's
    theorem reduces "the on-site meetings of slot t can be given distinct locations" to one
    counting inequality per seat threshold ``k``: the number of meetings with ``size >= k`` is at
    most the number of free locations with ``seats >= k``. Solvers only decide slots and the
    tables are assigned afterwards (:func:`assign_locations`), which removes the location
    dimension from every model. Locations held by fixed meetings with a fixed table are removed
    from the capacity of their slot beforehand.
    """

    def __init__(self, inst: Instance) -> None:
        self.inst = inst
        order = sorted(range(len(inst.slots)), key=lambda k: (inst.slots[k].start, k))
        self.slots = [inst.slots[k] for k in order]
        self.slot_ids = [s.id for s in self.slots]
        self.slot_pos = {sid: t for t, sid in enumerate(self.slot_ids)}
        self.n_slots = len(self.slots)
        self.part_ids = [p.id for p in inst.participants]
        self.part_pos = {pid: k for k, pid in enumerate(self.part_ids)}
        self.n_parts = len(self.part_ids)
        self.meeting_ids = [m.id for m in inst.meetings]
        self.meeting_pos = {mid: i for i, mid in enumerate(self.meeting_ids)}
        self.n_meetings = len(self.meeting_ids)
        self.loc_ids = [loc.id for loc in inst.locations]
        self.loc_pos = {lid: k for k, lid in enumerate(self.loc_ids)}
        self.seats = [loc.seats for loc in inst.locations]
        max_seats = max(self.seats, default=0)

        self.max_meet: list[int] = []
        avail: list[list[bool]] = []
        for p in inst.participants:
            row = [self.slot_ids[t] not in p.unavailable for t in range(self.n_slots)]
            avail.append(row)
            cap = sum(row)
            if p.max_meetings is not None:
                cap = min(cap, p.max_meetings)
            self.max_meet.append(cap)
        self.avail = avail

        self.parts: list[tuple[int, ...]] = []
        self.weight: list[int] = []
        self.size: list[int] = []
        self.onsite: list[bool] = []
        self.fixed_slot: list[int] = []
        self.fixed_loc: list[int] = []
        self.cand: list[list[int]] = []
        self.fixed: list[int] = []  # meetings with a fixed slot
        self.fixed_slot_only: list[int] = []  # on-site, fixed slot, table chosen by us
        for i, m in enumerate(inst.meetings):
            ps = tuple(self.part_pos[p] for p in m.participants)
            self.parts.append(ps)
            self.weight.append(m.weight)
            self.size.append(len(ps))
            self.onsite.append(not m.online)
            fs = self.slot_pos[m.fixed.slot] if m.fixed is not None else -1
            fl = (
                self.loc_pos[m.fixed.location]
                if m.fixed is not None and m.fixed.location is not None
                else -1
            )
            self.fixed_slot.append(fs)
            self.fixed_loc.append(fl)
            if fs >= 0:
                self.fixed.append(i)
                if fl < 0 and not m.online:
                    self.fixed_slot_only.append(i)
                self.cand.append([fs])
                continue
            if not m.online and len(ps) > max_seats:
                self.cand.append([])
                continue
            allowed = m.allowed_slots
            self.cand.append(
                [
                    t
                    for t in range(self.n_slots)
                    if (allowed is None or self.slot_ids[t] in allowed)
                    and all(avail[p][t] for p in ps)
                ]
            )

        self.cand_set: list[frozenset[int]] = [frozenset(c) for c in self.cand]
        self.meetings_of: list[list[int]] = [[] for _ in range(self.n_parts)]
        for i, ps in enumerate(self.parts):
            for p in ps:
                self.meetings_of[p].append(i)

        # Seat thresholds: the distinct sizes of on-site meetings (ascending).
        self.thresholds = sorted({self.size[i] for i in range(self.n_meetings) if self.onsite[i]})
        # Free locations per slot (fixed tables removed), and capacity per (slot, threshold).
        self.free_locs: list[list[int]] = [list(range(len(self.seats))) for _ in self.slots]
        for i in self.fixed:
            if self.fixed_loc[i] >= 0:
                self.free_locs[self.fixed_slot[i]].remove(self.fixed_loc[i])
        self.cap: list[list[int]] = [
            [sum(1 for loc in self.free_locs[t] if self.seats[loc] >= k) for k in self.thresholds]
            for t in range(self.n_slots)
        ]
        # Which thresholds a meeting counts against: all k <= size (on-site meetings needing a
        # table chosen by us); nothing for online meetings and fixed-table meetings.
        self.thr_of: list[range] = []
        for i in range(self.n_meetings):
            if self.onsite[i] and self.fixed_loc[i] < 0:
                self.thr_of.append(range(self.thresholds.index(self.size[i]) + 1))
            else:
                self.thr_of.append(range(0))

    def tables_fit(self, t: int, sizes: Sequence[int]) -> bool:
        """Whether on-site meetings of these sizes all get a free table in slot ``t``."""
        for j, k in enumerate(self.thresholds):
            if sum(1 for q in sizes if q >= k) > self.cap[t][j]:
                return False
        return True

    def assign_locations(self, slot_of: Sequence[int]) -> list[int]:
        """Give every scheduled on-site meeting a table (``-1`` for online/unscheduled).

        Largest meetings first, each to the smallest free table that seats it; with the nested
        fit relation this succeeds whenever the threshold counts hold. Deterministic.
        """
        loc_of = [-1] * self.n_meetings
        by_slot: list[list[int]] = [[] for _ in range(self.n_slots)]
        for i, t in enumerate(slot_of):
            if t < 0 or not self.onsite[i]:
                continue
            if self.fixed_loc[i] >= 0:
                loc_of[i] = self.fixed_loc[i]
            else:
                by_slot[t].append(i)
        for t, ms in enumerate(by_slot):
            if not ms:
                continue
            free = sorted(self.free_locs[t], key=lambda loc: (self.seats[loc], loc))
            used = [False] * len(free)
            seats_sorted = [self.seats[loc] for loc in free]
            ms.sort(key=lambda i: (-self.size[i], i))
            # Meetings come largest first and each takes the smallest unused table that seats
            # it; tables smaller than the current size are never used by bigger meetings, so a
            # pointer per size only moves forward: O(tables x sizes) per slot.
            ptr, cur = 0, -1
            for i in ms:
                need = self.size[i]
                if need != cur:
                    cur = need
                    ptr = bisect_left(seats_sorted, need)
                while ptr < len(free) and used[ptr]:
                    ptr += 1
                if ptr == len(free):
                    raise AssertionError(f"no table for meeting {self.meeting_ids[i]}")
                used[ptr] = True
                loc_of[i] = free[ptr]
        return loc_of


def idle_gaps_of(n_parts: int, parts: Sequence[Sequence[int]], slot_of: Sequence[int]) -> int:
    """Total waiting slots between each participant's first and last meeting."""
    first = [math.inf] * n_parts
    last = [-1] * n_parts
    count = [0] * n_parts
    for i, t in enumerate(slot_of):
        if t < 0:
            continue
        for p in parts[i]:
            count[p] += 1
            if t < first[p]:
                first[p] = t
            if t > last[p]:
                last[p] = t
    return int(sum(last[p] - first[p] + 1 - count[p] for p in range(n_parts) if count[p]))
