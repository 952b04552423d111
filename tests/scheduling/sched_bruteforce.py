"""Independent exhaustive optima for tiny instances: weight, fairness floor, idle gaps."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from clusterbridge.scheduling.model import Instance, Meeting


def brute_force_optimum(inst: Instance) -> int:
    """Maximum total weight by depth-first search over every (slot, location) or 'skip'.

    Shares no code with the solver: rules are re-stated here from the issue text.
    """
    parts = {p.id: p for p in inst.participants}
    meetings = list(inst.meetings)
    options: list[list[tuple[str, str | None] | None]] = []
    for m in meetings:
        opts: list[tuple[str, str | None] | None] = []
        for s in inst.slots:
            if m.fixed is not None and s.id != m.fixed.slot:
                continue
            if m.allowed_slots is not None and s.id not in m.allowed_slots:
                continue
            if any(s.id in parts[p].unavailable for p in m.participants):
                continue
            if m.online:
                opts.append((s.id, None))
                continue
            for loc in inst.locations:
                if m.fixed is not None and m.fixed.location not in (None, loc.id):
                    continue
                if loc.seats >= len(m.participants):
                    opts.append((s.id, loc.id))
        if m.fixed is None:
            opts.append(None)
        options.append(opts)
    # Suffix sums of weights for pruning.
    rest = [0] * (len(meetings) + 1)
    for k in range(len(meetings) - 1, -1, -1):
        rest[k] = rest[k + 1] + meetings[k].weight
    busy: set[tuple[str, str]] = set()
    loc_busy: set[tuple[str, str]] = set()
    count: dict[str, int] = {}
    best = -1

    def dfs(k: int, value: int) -> None:
        nonlocal best
        if value + rest[k] <= best:
            return
        if k == len(meetings):
            best = value
            return
        m = meetings[k]
        for opt in options[k]:
            if opt is None:
                dfs(k + 1, value)
                continue
            s, loc = opt
            if any((p, s) in busy for p in m.participants):
                continue
            if any(
                parts[p].max_meetings is not None and count.get(p, 0) >= parts[p].max_meetings
                for p in m.participants
            ):
                continue
            if loc is not None and (loc, s) in loc_busy:
                continue
            for p in m.participants:
                busy.add((p, s))
                count[p] = count.get(p, 0) + 1
            if loc is not None:
                loc_busy.add((loc, s))
            dfs(k + 1, value + m.weight)
            for p in m.participants:
                busy.discard((p, s))
                count[p] -= 1
            if loc is not None:
                loc_busy.discard((loc, s))

    dfs(0, 0)
    return best


@dataclass(frozen=True)
class Lexicographic:
    """The solver's three goals, solved exhaustively (see :func:`brute_force_lexicographic`)."""

    max_weight: int  # W*: the best total weight
    served: int  # S*: most participants with a request served, weight >= floor
    weight: int  # W_f: best weight among those serving S*
    idle_gaps: int  # G*: fewest idle gaps with weight W_f and S* served


def _tables_fit(inst: Instance, onsite: list[tuple[int, str | None]]) -> bool:
    """Whether on-site meetings (people, fixed table or None) get distinct big-enough tables."""
    tables = list(inst.locations)
    if len(onsite) > len(tables):
        return False
    fixed = [loc for _, loc in onsite if loc is not None]
    if len(set(fixed)) != len(fixed):
        return False
    free_tables = [t for t in tables if t.id not in fixed]
    loose = [size for size, loc in onsite if loc is None]
    return any(
        all(t.seats >= size for t, size in zip(perm, loose, strict=False))
        for perm in itertools.permutations(free_tables, len(loose))
    )


def all_schedules(inst: Instance) -> list[dict[str, str]]:
    """Every feasible slot assignment (meeting id -> slot id), tables checked by matching.

    Shares no code with the solver: the rules are re-stated from the issue text.
    """
    parts = {p.id: p for p in inst.participants}
    meetings = list(inst.meetings)
    out: list[dict[str, str]] = []
    busy: set[tuple[str, str]] = set()
    count: dict[str, int] = {}
    chosen: dict[str, str] = {}

    def options(m: Meeting) -> list[str | None]:
        opts: list[str | None] = []
        for s in inst.slots:
            if m.fixed is not None and s.id != m.fixed.slot:
                continue
            if m.allowed_slots is not None and s.id not in m.allowed_slots:
                continue
            if any(s.id in parts[p].unavailable for p in m.participants):
                continue
            if not m.online and not any(loc.seats >= len(m.participants) for loc in inst.locations):
                continue
            opts.append(s.id)
        if m.fixed is None:
            opts.append(None)
        return opts

    opts = [options(m) for m in meetings]

    def slot_ok(s: str) -> bool:
        onsite = [
            (len(m.participants), m.fixed.location if m.fixed is not None else None)
            for m in meetings
            if chosen.get(m.id) == s and not m.online
        ]
        return _tables_fit(inst, onsite)

    def dfs(k: int) -> None:
        if k == len(meetings):
            out.append(dict(chosen))
            return
        m = meetings[k]
        for s in opts[k]:
            if s is None:
                dfs(k + 1)
                continue
            if any((p, s) in busy for p in m.participants):
                continue
            if any(
                parts[p].max_meetings is not None and count.get(p, 0) >= parts[p].max_meetings
                for p in m.participants
            ):
                continue
            chosen[m.id] = s
            if slot_ok(s):
                for p in m.participants:
                    busy.add((p, s))
                    count[p] = count.get(p, 0) + 1
                dfs(k + 1)
                for p in m.participants:
                    busy.discard((p, s))
                    count[p] -= 1
            del chosen[m.id]

    dfs(0)
    return out


def schedule_figures(inst: Instance, sched: dict[str, str]) -> tuple[int, set[str], int]:
    """(weight, participants with a meeting, idle gaps in chronological slot order)."""
    rank = {s.id: k for k, s in enumerate(sorted(inst.slots, key=lambda s: (s.start, s.id)))}
    by_id = {m.id: m for m in inst.meetings}
    weight = sum(by_id[mid].weight for mid in sched)
    agenda: dict[str, list[int]] = {}
    for mid, s in sched.items():
        for p in by_id[mid].participants:
            agenda.setdefault(p, []).append(rank[s])
    gaps = sum(max(ts) - min(ts) + 1 - len(ts) for ts in agenda.values())
    return weight, set(agenda), gaps


def brute_force_lexicographic(inst: Instance, tolerance: float = 0.0) -> Lexicographic:
    """Exhaustive optimum of the solver's goals with the fairness floor on: most participants
    served among schedules of weight >= W* - floor(tolerance * W*), then the most weight, then
    the fewest idle gaps."""
    schedules = all_schedules(inst)
    figures = [schedule_figures(inst, s) for s in schedules]
    possible = {p for s in schedules for p in schedule_figures(inst, s)[1]}
    w_star = max(w for w, _, _ in figures)
    floor_w = w_star - math.floor(tolerance * w_star + 1e-9)
    ok = [(w, len(served & possible), g) for w, served, g in figures if w >= floor_w]
    s_star = max(s for _, s, _ in ok)
    w_f = max(w for w, s, _ in ok if s == s_star)
    g_star = min(g for w, s, g in ok if s == s_star and w == w_f)
    return Lexicographic(w_star, s_star, w_f, g_star)


def brute_force_min_gaps(inst: Instance, scheduled: set[str]) -> int:
    """Fewest idle gaps among the schedules of exactly the meetings ``scheduled``."""
    return min(schedule_figures(inst, s)[2] for s in all_schedules(inst) if set(s) == scheduled)


def brute_force_gaps_at_max_weight(inst: Instance) -> int:
    """Fewest idle gaps among the schedules of maximum weight (the fairness floor off)."""
    figures = [schedule_figures(inst, s) for s in all_schedules(inst)]
    w_star = max(w for w, _, _ in figures)
    return min(g for w, _, g in figures if w == w_star)
