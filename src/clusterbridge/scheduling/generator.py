"""Seeded generator of realistic matchmaking instances (issue 3's benchmark).

Features, all driven by one ``random.Random(seed)``:

* skewed popularity: request targets are drawn with Pareto-distributed attractiveness, so a few
  participants receive far more requests than they have slots;
* a quarter of the participants attend only half of the day (morning or afternoon);
* random unavailable slots (30% of participants miss 1-2 slots);
* 20% of participants cap their agenda (``max_meetings``);
* 90% bilateral meetings, the rest with 3-4 people; 20% online; 5% with an allowed window;
* about 2% fixed meetings, placed legally (so the instance is always valid);
* optional weights 1-3 (60/30/10%).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from .model import Fixed, Instance, Location, Meeting, Participant, Slot

# name: (participants, meetings, slots, tables)
SIZES: dict[str, tuple[int, int, int, int]] = {
    "seed": (44, 218, 12, 20),
    "M": (500, 3000, 16, 150),
    "L": (1000, 10000, 24, 500),
    "XL": (5000, 50000, 32, 2000),
}

SLOTS_PER_DAY = 16


def generate(
    size: str | tuple[int, int, int, int],
    seed: int = 0,
    weighted: bool = False,
) -> Instance:
    """Generate an instance of a named size (see :data:`SIZES`) or explicit dimensions."""
    n_parts, n_meet, n_slots, n_tables = SIZES[size] if isinstance(size, str) else size
    rng = random.Random(seed)
    day0 = datetime(2026, 5, 20, 9, 0)
    slots = []
    for k in range(n_slots):
        day, pos = divmod(k, SLOTS_PER_DAY)
        start = day0 + timedelta(days=day, minutes=30 * pos)
        slots.append(Slot(f"s{k + 1}", start, 25))
    slot_ids = [s.id for s in slots]

    locations = []
    for k in range(n_tables):
        r = rng.random()
        seats = 2 if r < 0.7 else 4 if r < 0.95 else 6
        locations.append(Location(f"t{k + 1}", seats))

    per_day = min(n_slots, SLOTS_PER_DAY)
    participants = []
    for k in range(n_parts):
        unavailable: set[str] = set()
        if rng.random() < 0.25:
            # Half a day: only the morning or only the afternoon of every day.
            half = per_day // 2
            morning = rng.random() < 0.5
            for t in range(n_slots):
                in_morning = (t % SLOTS_PER_DAY) < half
                if in_morning != morning:
                    unavailable.add(slot_ids[t])
        if rng.random() < 0.3:
            for _ in range(rng.randint(1, 2)):
                unavailable.add(rng.choice(slot_ids))
        max_meetings = None
        if rng.random() < 0.2:
            max_meetings = rng.randint(max(1, n_slots // 3), n_slots)
        participants.append(Participant(f"p{k + 1}", frozenset(unavailable), max_meetings))

    # Popularity: Pareto(1.2) attractiveness, so the top few get many times their capacity.
    attract = [rng.paretovariate(1.2) for _ in range(n_parts)]
    cum: list[float] = []
    acc = 0.0
    for a in attract:
        acc += a
        cum.append(acc)
    pairs: set[frozenset[int]] = set()
    meetings: list[Meeting] = []
    tries = 0
    while len(meetings) < n_meet and tries < 50 * n_meet:
        tries += 1
        requester = rng.randrange(n_parts)
        target = _pick(rng, cum)
        if target == requester:
            continue
        group = {requester, target}
        r = rng.random()
        extra = 0 if r < 0.9 else 1 if r < 0.98 else 2
        while len(group) < 2 + extra:
            group.add(rng.randrange(n_parts))
        key = frozenset(group)
        if key in pairs:
            continue
        pairs.add(key)
        online = rng.random() < 0.2
        allowed = None
        if rng.random() < 0.05:
            a0 = rng.randrange(n_slots)
            allowed = frozenset(slot_ids[a0 : a0 + max(2, n_slots // 3)])
        weight = 1
        if weighted:
            r = rng.random()
            weight = 1 if r < 0.6 else 2 if r < 0.9 else 3
        members = tuple(
            f"p{k + 1}" for k in [requester, target, *sorted(group - {requester, target})]
        )
        meetings.append(Meeting(f"m{len(meetings) + 1}", members, weight, online, allowed, None))

    meetings = _fix_some(rng, meetings, participants, locations, slot_ids, share=0.02)
    return Instance(tuple(slots), tuple(locations), tuple(participants), tuple(meetings))


def _pick(rng: random.Random, cum: list[float]) -> int:
    from bisect import bisect_right

    return min(len(cum) - 1, bisect_right(cum, rng.random() * cum[-1]))


def _fix_some(
    rng: random.Random,
    meetings: list[Meeting],
    participants: list[Participant],
    locations: list[Location],
    slot_ids: list[str],
    share: float,
) -> list[Meeting]:
    """Fix a share of the meetings at legal, mutually compatible slots and tables."""
    parts = {p.id: p for p in participants}
    busy: set[tuple[str, str]] = set()
    loc_busy: set[tuple[str, str]] = set()
    count: dict[str, int] = {}
    out: list[Meeting] = []
    for m in meetings:
        if rng.random() >= share:
            out.append(m)
            continue
        options = [
            s
            for s in (sorted(m.allowed_slots) if m.allowed_slots else slot_ids)
            if all(
                s not in parts[p].unavailable
                and (p, s) not in busy
                and (parts[p].max_meetings is None or count.get(p, 0) < parts[p].max_meetings)  # type: ignore[operator]
                for p in m.participants
            )
        ]
        placed = False
        rng.shuffle(options)
        for s in options:
            loc = None
            if not m.online:
                free = [
                    loc.id
                    for loc in locations
                    if loc.seats >= len(m.participants) and (loc.id, s) not in loc_busy
                ]
                if not free:
                    continue
                loc = rng.choice(free)
                loc_busy.add((loc, s))
            for p in m.participants:
                busy.add((p, s))
                count[p] = count.get(p, 0) + 1
            out.append(
                Meeting(m.id, m.participants, m.weight, m.online, m.allowed_slots, Fixed(s, loc))
            )
            placed = True
            break
        if not placed:
            out.append(m)
    return out
