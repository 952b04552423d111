"""The organiser's choice of time: named solver profiles.

``quick`` (10 s) for a first look, ``thorough`` (60 s) for the schedule to publish, ``best`` (up
to 10 minutes) when the organiser can wait: it stops earlier once the idle-gap search has
stopped improving for a long while.

A phase also ends after a number of neighbourhoods in a row without gain (``weight_stall``,
``gaps_stall``; counts, so runs stay reproducible): after the LP-rounded start, weight
neighbourhoods rarely gain anything and cost 1-4 s each, so the time goes to the idle gaps.
``thorough`` stops the weight search after 2 fruitless steps: measured on the generated
multi-party, weighted and buyer/seller events (docs/scheduling.md, "Second round"), 6 steps
left the idle gaps of the largest at 54-59 % of the first-come baseline's, 2 steps bring every
size to at most 43 % with the weight unchanged or better (at least 99.85 % of the bound).

``work_limit`` is the same budget in deterministic work units (see :mod:`.budget`) for runs
that must be reproducible exactly (``solve(..., profile="thorough", deterministic=True)``):
such a run takes roughly as long on the reference machine but does not stop on the clock.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    name: str
    time_limit: float  # seconds (wall clock)
    work_limit: float  # CP-SAT deterministic units, for deterministic runs
    weight_stall: int | None  # end the weight search after this many steps without gain
    gaps_stall: int | None  # end the idle-gap search after this many steps without gain
    label: str  # for organisers


PROFILES: dict[str, Profile] = {
    "quick": Profile("quick", 10.0, 6.0, 3, 300, "Quick (about 10 seconds)"),
    "thorough": Profile("thorough", 60.0, 40.0, 2, 300, "Thorough (about 1 minute)"),
    "best": Profile("best", 600.0, 400.0, 40, 3000, "Best (up to 10 minutes)"),
}
DEFAULT_PROFILE = "quick"


def get_profile(name: str) -> Profile:
    try:
        return PROFILES[name]
    except KeyError:
        raise ValueError(f"unknown profile {name!r}; choose one of {', '.join(PROFILES)}") from None
