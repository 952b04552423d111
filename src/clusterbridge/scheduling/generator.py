"""Seeded generator of realistic matchmaking instances (the scheduler benchmark).

Four kinds of event (:data:`KINDS`), all driven by one ``random.Random(seed)``:

``b2b`` (issue 3, the original benchmark; ``generate("M")`` etc.):

* skewed popularity: request targets are drawn with Pareto-distributed attractiveness, so a few
  participants receive far more requests than they have slots;
* a quarter of the participants attend only half of the day (morning or afternoon);
* random unavailable slots (30% of participants miss 1-2 slots);
* 20% of participants cap their agenda (``max_meetings``);
* 90% bilateral meetings, the rest with 3-4 people; 20% online; 5% with an allowed window;
* about 2% fixed meetings, placed legally (so the instance is always valid);
* optional weights 1-3 (60/30/10%).

``multiparty`` (issue 12): 15% three-party meetings competing for the few tables with more than
two seats, weights 1-3, 10% online, 3% fixed.

``weighted`` (issue 12): large events where request weights follow the target's popularity
(requests to sought-after participants are marked "important" more often), 20% online, 2%
fixed, 10% with an allowed window, 30% capped agendas.

``c2b`` (issue 12): buyers and sellers. Sellers request buyers only; buyers are few, popular and
present for a block of the day (restricted slots), each seller has a window for a third of its
requests ("morning session", "afternoon session"); the buyer's priority is the weight.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from .model import Fixed, Instance, Location, Meeting, Participant, Slot

Dimensions = tuple[int, int, int, int]  # (participants, meetings, slots, tables)

# The b2b kind's named sizes (kept under this name: the events app and older scripts use it).
SIZES: dict[str, Dimensions] = {
    "seed": (44, 218, 12, 20),
    "M": (500, 3000, 16, 150),
    "L": (1000, 10000, 24, 500),
    "XL": (5000, 50000, 32, 2000),
}

# kind -> size name -> dimensions. The multiparty M and weighted L sizes are those of the two
# held-out events of issue 12 (300 / 2,200 / 16 / 85 and 1,200 / 12,000 / 20 / 400).
KINDS: dict[str, dict[str, Dimensions]] = {
    "b2b": SIZES,
    "multiparty": {"S": (120, 800, 12, 35), "M": (300, 2200, 16, 85), "L": (600, 4800, 16, 170)},
    "weighted": {"M": (600, 5500, 20, 200), "L": (1200, 12000, 20, 400)},
    "c2b": {"M": (360, 2600, 16, 80), "L": (1000, 8000, 18, 220)},
}

SLOTS_PER_DAY = 16


def generate(
    size: str | Dimensions,
    seed: int = 0,
    weighted: bool = False,
    kind: str = "b2b",
) -> Instance:
    """Generate an instance of a named size of ``kind`` (see :data:`KINDS`) or explicit dimensions.

    ``weighted`` only concerns the b2b kind; the other kinds always carry weights.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown instance kind {kind!r}; known: {', '.join(KINDS)}")
    dims = KINDS[kind][size] if isinstance(size, str) else size
    if kind == "multiparty":
        return _multiparty(dims, random.Random(seed))
    if kind == "weighted":
        return _weighted(dims, random.Random(seed))
    if kind == "c2b":
        return _c2b(dims, random.Random(seed))
    n_parts, n_meet, n_slots, n_tables = dims
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


# --------------------------------------------------------------------------------------------
# Issue 12's kinds. They share the building blocks below; the b2b kind above is left exactly as
# it was so that its instances (and the figures measured on them) do not change.


def _make_slots(n_slots: int) -> list[Slot]:
    day0 = datetime(2026, 5, 20, 9, 0)
    slots = []
    for k in range(n_slots):
        day, pos = divmod(k, SLOTS_PER_DAY)
        slots.append(Slot(f"s{k + 1}", day0 + timedelta(days=day, minutes=30 * pos), 25))
    return slots


def _make_tables(
    rng: random.Random, n_tables: int, share_2: float, share_4: float
) -> list[Location]:
    """Tables of 2 seats (``share_2``), 4 seats (``share_4``) and 6 seats (the rest)."""
    out = []
    for k in range(n_tables):
        r = rng.random()
        seats = 2 if r < share_2 else 4 if r < share_2 + share_4 else 6
        out.append(Location(f"t{k + 1}", seats))
    return out


def _make_participants(
    rng: random.Random, n_parts: int, slot_ids: list[str], half_day: float, capped: float
) -> list[Participant]:
    """Half-day attendance (``half_day`` share), 1-2 random absences (30%), capped agendas."""
    n_slots = len(slot_ids)
    half = min(n_slots, SLOTS_PER_DAY) // 2
    participants = []
    for k in range(n_parts):
        unavailable: set[str] = set()
        if rng.random() < half_day:
            morning = rng.random() < 0.5
            unavailable |= {
                slot_ids[t] for t in range(n_slots) if ((t % SLOTS_PER_DAY) < half) != morning
            }
        if rng.random() < 0.3:
            unavailable |= {rng.choice(slot_ids) for _ in range(rng.randint(1, 2))}
        max_meetings = None
        if rng.random() < capped:
            max_meetings = rng.randint(max(1, n_slots // 3), n_slots)
        participants.append(Participant(f"p{k + 1}", frozenset(unavailable), max_meetings))
    return participants


def _cumulative(rng: random.Random, n: int, alpha: float) -> tuple[list[float], list[float]]:
    """Pareto(``alpha``) attractiveness of ``n`` people and its running sum (for :func:`_pick`)."""
    attract = [rng.paretovariate(alpha) for _ in range(n)]
    cum: list[float] = []
    acc = 0.0
    for a in attract:
        acc += a
        cum.append(acc)
    return attract, cum


def _weight_1_3(rng: random.Random, p_high: float = 0.1, p_mid: float = 0.3) -> int:
    r = rng.random()
    return 3 if r < p_high else 2 if r < p_high + p_mid else 1


def _window(rng: random.Random, slot_ids: list[str]) -> frozenset[str]:
    n_slots = len(slot_ids)
    a0 = rng.randrange(n_slots)
    return frozenset(slot_ids[a0 : a0 + max(2, n_slots // 3)])


def _multiparty(dims: Dimensions, rng: random.Random) -> Instance:
    n_parts, n_meet, n_slots, n_tables = dims
    slots = _make_slots(n_slots)
    slot_ids = [s.id for s in slots]
    locations = _make_tables(rng, n_tables, 0.7, 0.25)
    participants = _make_participants(rng, n_parts, slot_ids, half_day=0.25, capped=0.2)
    _, cum = _cumulative(rng, n_parts, 1.2)
    seen: set[frozenset[int]] = set()
    meetings: list[Meeting] = []
    tries = 0
    while len(meetings) < n_meet and tries < 50 * n_meet:
        tries += 1
        requester, target = rng.randrange(n_parts), _pick(rng, cum)
        if target == requester:
            continue
        group = [requester, target]
        if rng.random() < 0.15:
            # The third party is usually another sought-after participant (a joint pitch).
            third = _pick(rng, cum) if rng.random() < 0.5 else rng.randrange(n_parts)
            if third in group:
                continue
            group.append(third)
        key = frozenset(group)
        if key in seen:
            continue
        seen.add(key)
        online = rng.random() < 0.1
        allowed = _window(rng, slot_ids) if rng.random() < 0.05 else None
        meetings.append(
            Meeting(
                f"m{len(meetings) + 1}",
                tuple(f"p{k + 1}" for k in group),
                _weight_1_3(rng),
                online,
                allowed,
                None,
            )
        )
    meetings = _fix_some(rng, meetings, participants, locations, slot_ids, share=0.03)
    return Instance(tuple(slots), tuple(locations), tuple(participants), tuple(meetings))


def _weighted(dims: Dimensions, rng: random.Random) -> Instance:
    n_parts, n_meet, n_slots, n_tables = dims
    slots = _make_slots(n_slots)
    slot_ids = [s.id for s in slots]
    locations = _make_tables(rng, n_tables, 0.75, 0.2)
    participants = _make_participants(rng, n_parts, slot_ids, half_day=0.25, capped=0.3)
    attract, cum = _cumulative(rng, n_parts, 1.1)
    top = sorted(attract, reverse=True)[max(0, n_parts // 20 - 1)]  # the top 5%
    seen: set[frozenset[int]] = set()
    meetings: list[Meeting] = []
    tries = 0
    while len(meetings) < n_meet and tries < 50 * n_meet:
        tries += 1
        requester, target = rng.randrange(n_parts), _pick(rng, cum)
        if target == requester:
            continue
        group = [requester, target]
        if rng.random() < 0.06:
            extra = rng.randrange(n_parts)
            if extra in group:
                continue
            group.append(extra)
        key = frozenset(group)
        if key in seen:
            continue
        seen.add(key)
        # Requests to the most sought-after participants are "important" more often.
        popular = attract[target] >= top
        weight = _weight_1_3(rng, 0.3, 0.4) if popular else _weight_1_3(rng)
        online = rng.random() < 0.2
        allowed = _window(rng, slot_ids) if rng.random() < 0.1 else None
        meetings.append(
            Meeting(
                f"m{len(meetings) + 1}",
                tuple(f"p{k + 1}" for k in group),
                weight,
                online,
                allowed,
                None,
            )
        )
    meetings = _fix_some(rng, meetings, participants, locations, slot_ids, share=0.02)
    return Instance(tuple(slots), tuple(locations), tuple(participants), tuple(meetings))


def _c2b(dims: Dimensions, rng: random.Random) -> Instance:
    """Buyers (a quarter of the participants, ids ``b..``) and sellers (``p..``)."""
    n_parts, n_meet, n_slots, n_tables = dims
    slots = _make_slots(n_slots)
    slot_ids = [s.id for s in slots]
    locations = _make_tables(rng, n_tables, 0.85, 0.15)
    n_buyers = max(1, n_parts // 4)
    n_sellers = n_parts - n_buyers
    buyers: list[Participant] = []
    for k in range(n_buyers):
        # Present for a block of 50-100% of the slots (restricted slots), rarely capped.
        length = rng.randint((n_slots + 1) // 2, n_slots)
        start = rng.randint(0, n_slots - length)
        unavailable = frozenset(slot_ids[:start] + slot_ids[start + length :])
        cap = rng.randint(n_slots // 2, n_slots) if rng.random() < 0.15 else None
        buyers.append(Participant(f"b{k + 1}", unavailable, cap))
    sellers = _make_participants(rng, n_sellers, slot_ids, half_day=0.15, capped=0.1)
    _, cum = _cumulative(rng, n_buyers, 1.3)
    half = n_slots // 2
    sessions = [frozenset(slot_ids[:half]), frozenset(slot_ids[half:])]
    seen: set[tuple[int, int]] = set()
    meetings: list[Meeting] = []
    tries = 0
    while len(meetings) < n_meet and tries < 50 * n_meet:
        tries += 1
        seller, buyer = rng.randrange(n_sellers), _pick(rng, cum)
        if (seller, buyer) in seen:
            continue
        seen.add((seller, buyer))
        members = (sellers[seller].id, buyers[buyer].id)
        # A colleague of the seller joins 5% of the meetings (three people at the table).
        if rng.random() < 0.05:
            colleague = rng.randrange(n_sellers)
            if colleague == seller:
                continue
            members = (*members, sellers[colleague].id)
        allowed = sessions[rng.randrange(2)] if rng.random() < 0.33 else None
        meetings.append(
            Meeting(
                f"m{len(meetings) + 1}",
                members,
                _weight_1_3(rng, 0.2, 0.3),
                rng.random() < 0.1,
                allowed,
                None,
            )
        )
    participants = buyers + sellers
    meetings = _fix_some(rng, meetings, participants, locations, slot_ids, share=0.02)
    return Instance(tuple(slots), tuple(locations), tuple(participants), tuple(meetings))
