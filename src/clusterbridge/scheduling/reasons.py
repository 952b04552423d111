"""Why a meeting is not on the agenda, in terms an organiser understands.

The first matching rule wins, so the reason points at the most fundamental obstacle:

1. ``no_location_with_enough_seats`` - on-site, and no location seats all its participants.
2. ``participant_at_maximum`` - a participant already has ``max_meetings`` meetings (or a
   maximum of 0).
3. ``no_common_slot`` - the participants share no slot in which all of them are available
   (within the meeting's ``allowed_slots``), independently of any other meeting.
4. ``no_free_location`` - in some common slot all participants are free, but every location
   big enough is taken there (and in the other common slots somebody is busy).
5. ``blocked_by_fixed_meetings`` - in every common slot a participant has a fixed meeting
   (already communicated, so it cannot move).
6. ``displaced_by_higher_weight`` - in every common slot a participant is busy with a meeting of
   higher weight.
7. ``no_common_free_slot`` - in every common slot a participant is busy with other meetings
   that weigh at least as much (swapping would not add weight).
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import Index, Unscheduled

REASONS: dict[str, str] = {
    "no_location_with_enough_seats": "no location has enough seats for all participants",
    "participant_at_maximum": "a participant has reached their maximum number of meetings",
    "no_common_slot": "the participants have no slot in which all of them are available",
    "no_free_location": "where all participants are free, every big-enough location is taken",
    "blocked_by_fixed_meetings": "every common slot is taken by fixed meetings",
    "displaced_by_higher_weight": "every common slot is taken by higher-weight meetings",
    "no_common_free_slot": "every common slot is taken by other meetings of equal weight",
}


def explain_unscheduled(idx: Index, slot_of: Sequence[int]) -> list[Unscheduled]:
    """Reason for every unscheduled meeting of a feasible slot assignment, in instance order."""
    inst = idx.inst
    n_slots = idx.n_slots
    busy = [[-1] * n_slots for _ in range(idx.n_parts)]
    count = [0] * idx.n_parts
    load = [[0] * len(idx.thresholds) for _ in range(n_slots)]
    for i, t in enumerate(slot_of):
        if t < 0:
            continue
        for p in idx.parts[i]:
            busy[p][t] = i
            count[p] += 1
        for j in idx.thr_of[i]:
            load[t][j] += 1
    max_seats = max(idx.seats, default=0)
    out: list[Unscheduled] = []
    for i, t in enumerate(slot_of):
        if t >= 0:
            continue
        mid = idx.meeting_ids[i]
        ps = idx.parts[i]
        if idx.onsite[i] and idx.size[i] > max_seats:
            out.append(
                Unscheduled(
                    mid,
                    "no_location_with_enough_seats",
                    f"needs {idx.size[i]} seats, the largest location has {max_seats}",
                )
            )
            continue
        at_max = [
            p
            for p in ps
            if inst.participants[p].max_meetings is not None
            and count[p] >= inst.participants[p].max_meetings  # type: ignore[operator]
        ]
        if at_max:
            names = ", ".join(idx.part_ids[p] for p in at_max)
            out.append(Unscheduled(mid, "participant_at_maximum", f"at maximum: {names}"))
            continue
        cand = idx.cand[i]
        if not cand:
            out.append(
                Unscheduled(mid, "no_common_slot", "no slot where all participants are available")
            )
            continue
        table_blocked = False
        all_higher = True
        all_fixed = True
        for s in cand:
            blockers = {busy[p][s] for p in ps if busy[p][s] >= 0}
            if not blockers:
                # Participants free: the only obstacle here is the tables.
                table_blocked = True
                continue
            if not any(idx.fixed_slot[b] >= 0 for b in blockers):
                all_fixed = False
            if max(idx.weight[b] for b in blockers) <= idx.weight[i]:
                all_higher = False
        if table_blocked:
            out.append(Unscheduled(mid, "no_free_location", "all big-enough locations are taken"))
        elif all_fixed:
            out.append(
                Unscheduled(mid, "blocked_by_fixed_meetings", "common slots hold fixed meetings")
            )
        elif all_higher:
            out.append(
                Unscheduled(
                    mid, "displaced_by_higher_weight", "common slots hold higher-weight meetings"
                )
            )
        else:
            out.append(Unscheduled(mid, "no_common_free_slot", "common slots hold other meetings"))
    return out
