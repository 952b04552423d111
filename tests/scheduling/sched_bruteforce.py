"""Independent exhaustive optimum for tiny instances (slots x locations per meeting)."""

from __future__ import annotations

from clusterbridge.scheduling.model import Instance


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
