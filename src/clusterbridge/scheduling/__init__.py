"""B2B meeting scheduler for matchmaking events (plain Python, no Django).

Public API::

    from clusterbridge.scheduling import parse_instance, solve, check, reschedule

    inst = parse_instance(json_data)             # or load_instance(path); InstanceError if bad
    sol = solve(inst, time_limit=10, seed=0)     # Solution; sol.to_json() = exchange format
    report = check(inst, sol)                    # CheckReport(objective, idle_gaps, violations)
    sol2 = reschedule(inst2, sol, time_limit=5)  # keep what was communicated, add late requests

See ``docs/scheduling.md`` for the model, the method and the measured benchmark.
"""

from __future__ import annotations

from .check import CheckReport, check, check_assignments
from .fairness import UNSERVED_REASONS
from .generator import KINDS, SIZES, generate
from .greedy import solve_greedy
from .incremental import reschedule
from .model import (
    Assignment,
    Fixed,
    Instance,
    InstanceError,
    Location,
    Meeting,
    Participant,
    Slot,
    Solution,
    Unscheduled,
    UnservedParticipant,
    load_instance,
    parse_instance,
)
from .profiles import DEFAULT_PROFILE, PROFILES, Profile, get_profile
from .reasons import REASONS
from .solver import solve

__all__ = [
    "DEFAULT_PROFILE",
    "KINDS",
    "PROFILES",
    "REASONS",
    "SIZES",
    "UNSERVED_REASONS",
    "Assignment",
    "CheckReport",
    "Fixed",
    "Instance",
    "InstanceError",
    "Location",
    "Meeting",
    "Participant",
    "Profile",
    "Slot",
    "Solution",
    "Unscheduled",
    "UnservedParticipant",
    "check",
    "check_assignments",
    "generate",
    "get_profile",
    "load_instance",
    "parse_instance",
    "reschedule",
    "solve",
    "solve_greedy",
]
