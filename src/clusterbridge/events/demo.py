"""Demo events: past and upcoming, one big upcoming matchmaking event scheduled by the real
scheduler, outcomes for a past one. Deterministic for the seed; everything is ``is_demo`` and
goes with the demo organisations and users (cascade)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from clusterbridge.events.models import (
    Event,
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
    OutcomeType,
    Registration,
    ScheduleRun,
)
from clusterbridge.events.services.registration import card_from_organisation
from clusterbridge.events.services.scheduling import execute_run
from clusterbridge.organisations.models import Membership, Organisation

TZ = ZoneInfo("Europe/Brussels")
BIG_EVENT_PARTICIPANTS = 200
TITLES = [
    ("workshop", "Circular plastics policy workshop"), ("conference", "European Cluster Conference"),
    ("training", "Cluster management excellence training"), ("webinar", "Funding calls webinar"),
    ("study_visit", "Study visit: battery valley"), ("matchmaking", "Agrifood B2B matchmaking"),
]  # fmt: skip


def _at(d: date, h: int) -> datetime:
    return datetime.combine(d, time(h), tzinfo=TZ)


def _people(rng: random.Random, needed: int) -> list[tuple]:
    """(user, organisation) pairs of demo members; extra demo users join demo organisations
    when the generated accounts are too few."""
    pairs = list(
        Membership.objects.filter(user__is_demo=True, organisation__is_demo=True)
        .select_related("user", "organisation").order_by("pk")
    )  # fmt: skip
    pairs = [(m.user, m.organisation) for m in pairs]
    orgs = list(Organisation.objects.filter(is_demo=True).order_by("pk"))
    missing = needed - len(pairs)
    if missing > 0 and orgs:
        User = get_user_model()
        password = make_password("demo-password")
        users = User.objects.bulk_create(
            [User(email=f"event-guest-{i}@demo.clusterbridge.test", name=f"Guest {i}",
                  password=password, is_demo=True) for i in range(missing)]
        )  # fmt: skip
        for u in users:
            org = rng.choice(orgs)
            Membership.objects.create(user=u, organisation=org, role="member")
            pairs.append((u, org))
    return pairs[:needed]


def _event(org, kind, title, start, days, seq, **extra) -> Event:
    return Event.objects.create(
        title=title, slug=f"demo-{seq}-{kind}", kind=kind, organiser=org, start=start,
        end=start + timedelta(days=days - 1, hours=8), city=org.city, country=org.country,
        venue=f"{org.city} Congress Centre" if org.city else "", is_published=True,
        description=f"{title}, organised by {org.name}.", is_demo=True, **extra,
    )  # fmt: skip


def _register(event: Event, pairs, rng: random.Random) -> list[Registration]:
    regs = []
    for i, (user, org) in enumerate(pairs):
        regs.append(Registration(
            event=event, user=user, organisation=org, country=str(org.country),
            status="admitted", sequence=i + 1, is_demo=True,
            # Cards are prefilled from the organisation profile, as real registrations are.
            **card_from_organisation(org),
            seek=rng.choice(["partners for a joint project", "new suppliers", "research partners",
                             "distributors abroad", "pilot customers"]),
        ))  # fmt: skip
    return Registration.objects.bulk_create(regs)


def _requests(event: Event, regs, rng: random.Random, per_person: int, accept: float) -> int:
    pairs: set[tuple[int, int]] = set()
    for r in regs:
        for other in rng.sample(regs, min(per_person, len(regs))):
            key = tuple(sorted((r.pk, other.pk)))
            if other.pk != r.pk and key not in pairs:
                pairs.add(key)
    by_pk = {r.pk: r for r in regs}
    reqs = MeetingRequest.objects.bulk_create([
        MeetingRequest(event=event, sender=by_pk[a], recipient=by_pk[b],
                       status="accepted" if rng.random() < accept else "declined")
        for a, b in sorted(pairs)
    ])  # fmt: skip
    accepted = [q for q in reqs if q.status == "accepted"]
    meetings = Meeting.objects.bulk_create([Meeting(event=event, request=q) for q in accepted])
    through = Meeting.participants.through
    through.objects.bulk_create(
        [through(meeting_id=m.pk, registration_id=pk) for m, q in zip(meetings, accepted, strict=True)
         for pk in (q.sender_id, q.recipient_id)]
    )  # fmt: skip
    return len(meetings)


def _slots_and_tables(event: Event, day: date, tables: int) -> None:
    slots = []
    for h0, h1 in ((9, 12), (14, 17)):
        cursor = _at(day, h0)
        while cursor + timedelta(minutes=25) <= _at(day, h1):
            slots.append(MeetingSlot(event=event, start=cursor, minutes=25))
            cursor += timedelta(minutes=30)
    MeetingSlot.objects.bulk_create(slots)
    MeetingTable.objects.bulk_create(
        [MeetingTable(event=event, number=n, seats=2) for n in range(1, tables + 1)]
    )


@transaction.atomic
def generate(*, seed: int, time_limit: float = 3.0) -> str:
    rng = random.Random(seed)
    orgs = list(Organisation.objects.filter(is_demo=True).order_by("pk"))
    if not orgs:
        return "events: no demo organisations, nothing generated"
    pairs = _people(rng, BIG_EVENT_PARTICIPANTS)
    seq = 0
    events = []
    # Past and upcoming events of every kind (today is late 2026; upcoming = 2027-03..06).
    for i, (kind, title) in enumerate(TITLES * 2):
        seq += 1
        past = i < len(TITLES)
        start = (
            _at(date(2026, 3 + i % 6, 10 + i), 9) if past else _at(date(2027, 3 + i % 4, 8 + i), 9)
        )
        events.append(_event(rng.choice(orgs), kind, f"{title} {start:%Y}", start, 1 + i % 2, seq,
                             capacity=rng.choice([30, 50, 80, 120]),
                             format=rng.choice(["onsite", "online", "hybrid"])))  # fmt: skip
    # The big upcoming matchmaking event, scheduled by the real scheduler.
    seq += 1
    day = date(2027, 5, 18)
    big = _event(orgs[0], "matchmaking", "Clusterbridge Matchmaking Days 2027", _at(day, 9), 1,
                 seq, capacity=250, request_cap=20)  # fmt: skip
    _slots_and_tables(big, day, tables=60)
    regs = _register(big, pairs, rng)
    meetings = _requests(big, regs, rng, per_person=4, accept=0.8)
    run = ScheduleRun.objects.create(event=big, time_limit=time_limit)
    run = execute_run(run_id=run.pk, seed=seed)
    # Outcomes of a past matchmaking event.
    past = next(e for e in events if e.kind == "matchmaking")
    _slots_and_tables(past, past.start.date(), tables=20)
    past_regs = _register(past, pairs[:40], rng)
    _requests(past, past_regs, rng, per_person=2, accept=0.9)
    execute_run(run_id=ScheduleRun.objects.create(event=past, time_limit=1).pk, seed=seed)
    Meeting.objects.filter(event=past, status="scheduled").update(communicated=True)
    Event.objects.filter(pk=past.pk).update(agenda_published_at=past.start)
    outcomes = []
    for m in Meeting.objects.filter(event=past, status="scheduled").prefetch_related(
        "participants"
    ):
        held = rng.random() < 0.9
        for p in m.participants.all():
            outcomes.append(MeetingOutcome(
                meeting=m, registration=p, held=held, satisfaction=rng.randint(3, 5),
                outcomes=rng.sample(OutcomeType.values, rng.randint(0, 2)) if held else [],
            ))  # fmt: skip
    MeetingOutcome.objects.bulk_create(outcomes)
    return (
        f"events: {len(events) + 1} events, matchmaking with {len(regs)} participants, "
        f"{run.result.get('objective')} of {meetings} meetings scheduled "
        f"(upper bound {run.result.get('upper_bound')}), {len(outcomes)} outcomes recorded"
    )
