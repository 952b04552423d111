"""Events benchmark: the organiser's scheduling page, p50/p95 server time and HTML size.

    python bench/bench_events.py                      # demo size and the big event, SQLite
    python bench/bench_events.py --database postgres

Two events are built in a fresh database (a temporary SQLite file, or the PostgreSQL database
``clusterbridge_bench_events`` which it drops and recreates): one of the demo's size (200
participants, 631 meetings on 12 slots and 60 tables, 613 of them scheduled, three runs kept)
and a big one (1,000 participants, 5,000 meetings on 24 slots and 150 tables). Requests go
through Django's whole stack with the test client, logged in as the organiser. A minimal
request (the technologies list of the API) is timed in the same run as the baseline.

Targets (issue 11): the demo-size page p95 < 300 ms and < 200 KB of HTML; the big one
p95 < 500 ms.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import harness

PG_NAME = "clusterbridge_bench_events"
TZ = ZoneInfo("Europe/Brussels")
COUNTRIES = ["DE", "FR", "IT", "ES", "PL", "NL", "SE", "AT", "BE", "PT", "CZ", "DK", "FI", "IE"]


def build(organiser, *, name, participants, meetings, days, tables, placed, seed):
    """An event with ``participants`` admitted people and ``meetings`` accepted requests,
    ``placed`` of them given a free slot and table (greedily, no participant twice a slot)."""
    from django.contrib.auth import get_user_model

    from clusterbridge.events.models import (
        Event,
        Meeting,
        MeetingRequest,
        MeetingSlot,
        MeetingTable,
        Registration,
        ScheduleRun,
    )
    from clusterbridge.organisations.models import Organisation

    rng = random.Random(seed)
    start = datetime(2027, 5, 18, 9, 0, tzinfo=TZ)
    event = Event.objects.create(
        title=name, slug=name.lower().replace(" ", "-"), kind="matchmaking",
        organiser=organiser, start=start, end=start + timedelta(days=days, hours=-15),
        is_published=True, capacity=participants + 50, country="BE",
        timezone="Europe/Brussels",
    )  # fmt: skip
    slots = []
    for day in range(days):
        for h0 in (9, 14):
            for i in range(6):
                when = start + timedelta(days=day, hours=h0 - 9, minutes=30 * i)
                slots.append(MeetingSlot(event=event, start=when, minutes=25))
    slots = MeetingSlot.objects.bulk_create(slots)
    tabs = MeetingTable.objects.bulk_create(
        [MeetingTable(event=event, number=n, seats=2) for n in range(1, tables + 1)]
    )
    orgs = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"{name} organisation {i}",
                slug=f"{event.slug}-org-{i}",
                kind="sme",
                status="published",
                country=COUNTRIES[i % len(COUNTRIES)],
            )
            for i in range(participants // 2)
        ]
    )
    User = get_user_model()
    users = User.objects.bulk_create(
        [
            User(email=f"p{i}@{event.slug}.example.org", name=f"Participant {i}", password="!")
            for i in range(participants)
        ]
    )
    regs = Registration.objects.bulk_create(
        [
            Registration(
                event=event,
                user=u,
                organisation=orgs[i // 2],
                status="admitted",
                country=orgs[i // 2].country,
                sequence=i + 1,
            )
            for i, u in enumerate(users)
        ]
    )
    pairs, seen = [], set()
    while len(pairs) < meetings:
        a, b = rng.sample(range(participants), 2)
        if (a, b) not in seen and (b, a) not in seen:
            seen.add((a, b))
            pairs.append((a, b))
    requests = MeetingRequest.objects.bulk_create(
        [
            MeetingRequest(event=event, sender=regs[a], recipient=regs[b], status="accepted")
            for a, b in pairs
        ],
        batch_size=2000,
    )
    busy: set[tuple[int, int]] = set()
    free_tables = {s.pk: list(tabs) for s in slots}
    rows, count = [], 0
    for (a, b), req in zip(pairs, requests, strict=True):
        slot = table = None
        if count < placed:
            for s in slots:
                if (a, s.pk) not in busy and (b, s.pk) not in busy and free_tables[s.pk]:
                    slot, table = s, free_tables[s.pk].pop()
                    busy.update({(a, s.pk), (b, s.pk)})
                    count += 1
                    break
        rows.append(
            Meeting(
                event=event,
                request=req,
                status="scheduled" if slot else "unscheduled",
                slot=slot,
                table=table,
                reason="" if slot else "no_common_free_slot",
            )
        )
    created = Meeting.objects.bulk_create(rows, batch_size=2000)
    through = Meeting.participants.through
    through.objects.bulk_create(
        [
            through(meeting_id=m.pk, registration_id=regs[i].pk)
            for m, pair in zip(created, pairs, strict=True)
            for i in pair
        ],
        batch_size=5000,
    )
    scheduled = sum(1 for m in rows if m.slot_id)
    assignment = {
        "placed": {str(m.pk): [m.slot_id, m.table_id] for m in created if m.slot_id},
        "reasons": {str(m.pk): m.reason for m in created if not m.slot_id},
    }
    unserved = [
        {"registration": r.pk, "reason": "no_possible_meeting"} for r in regs[: participants // 40]
    ]
    for k, objective in enumerate((scheduled - 2, scheduled, scheduled - 1)):
        run = ScheduleRun.objects.create(
            event=event, status="done", progress=100, profile="thorough", time_limit=60,
            result={
                "objective": objective, "upper_bound": scheduled + 4, "gap": 4 + scheduled
                - objective, "percent_of_bound": round(100 * objective / (scheduled + 4), 2),
                "idle_gaps": 40 + k, "idle_gaps_lower_bound": 30, "solve_seconds": 12.5,
                "meetings": meetings, "unscheduled": meetings - objective, "unserved": unserved,
                "kept": True,
            },
            assignment=assignment,
        )  # fmt: skip
        if k == 1:
            ScheduleRun.objects.filter(pk=run.pk).update(applied_at=run.created_at)
    return event, scheduled, created, regs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--requests", type=int, default=50, help="timed requests per scenario")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    harness.setup_django(database=args.database, pg_name=PG_NAME, no_cache=False)
    from django.contrib.auth import get_user_model
    from django.test import Client

    from clusterbridge.organisations.models import Membership, Organisation

    started = time.perf_counter()
    org = Organisation.objects.create(
        name="Bench organiser", slug="bench-organiser", kind="cluster", status="published",
        country="BE",
    )  # fmt: skip
    user = get_user_model().objects.create_user("organiser@bench.example.org", "x")
    Membership.objects.create(user=user, organisation=org, role="admin")
    demo, demo_placed, demo_meetings, demo_regs = build(
        org, name="Demo size", participants=200, meetings=631, days=1, tables=60, placed=613,
        seed=args.seed,
    )  # fmt: skip
    big, big_placed, big_meetings, big_regs = build(
        org, name="Big event", participants=1000, meetings=5000, days=2, tables=150,
        placed=5000, seed=args.seed,
    )  # fmt: skip
    harness.analyze_if_postgres(args.database)
    print(
        f"{args.database}: demo size {len(demo_regs)} participants, {len(demo_meetings)} "
        f"meetings ({demo_placed} scheduled); big {len(big_regs)} participants, "
        f"{len(big_meetings)} meetings ({big_placed} scheduled); built in "
        f"{time.perf_counter() - started:.1f} s"
    )
    client = Client()
    client.force_login(user)
    anonymous = Client()
    rng = random.Random(args.seed)

    def pages(event, meetings):
        base = f"/events/{event.slug}/manage"
        slot_ids = sorted({m.slot_id for m in meetings if m.slot_id})
        return {
            "scheduling page": f"{base}/schedule/",
            "page 5": f"{base}/schedule/?page=5",
            "not scheduled, by reason": f"{base}/schedule/?status=unscheduled"
            "&reason=no_common_free_slot",
            "participant search": lambda: (
                f"{base}/schedule/?participant=Participant+{rng.randrange(200)}"
            ),
            "one slot": lambda: f"{base}/schedule/?slot={rng.choice(slot_ids)}",
            "one meeting's form": lambda: f"{base}/meetings/{rng.choice(meetings).pk}/",
        }

    scenarios = {harness.BASELINE: (lambda: anonymous, lambda: harness.BASELINE_URL)}
    sizes = {}
    for label, event, meetings in (("demo", demo, demo_meetings), ("big", big, big_meetings)):
        for name, url in pages(event, meetings).items():
            make = url if callable(url) else (lambda u=url: u)
            scenarios[f"{label}: {name}"] = (lambda: client, make)
            sizes[f"{label}: {name}"] = len(client.get(make()).content)
    results = harness.time_scenarios(scenarios, args.requests)
    print(f"\n{args.database}, {args.requests} requests per scenario")
    print(f"{'scenario':40} {'p50 ms':>8} {'p95 ms':>8} {'HTML KB':>8}  target")
    base = results[harness.BASELINE][0]
    for name, (p50, p95) in results.items():
        if name == harness.BASELINE:
            print(f"{name:40} {p50:8.1f} {p95:8.1f} {'':>8}  (baseline)")
            continue
        kb = sizes[name] / 1024
        if name.startswith("demo"):
            ok = p95 < 300 and kb < 200
            target = "p95<300ms, <200KB"
        else:
            ok = p95 < 500
            target = "p95<500ms"
        print(
            f"{name:40} {p50:8.1f} {p95:8.1f} {kb:8.1f}  {target} "
            f"{'met' if ok else 'MISSED'} ({p95 / base:.1f}x base)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
