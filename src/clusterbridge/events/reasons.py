"""Why a meeting is not on the agenda, as full sentences for the organiser's schedule page.

The scheduler (``clusterbridge.scheduling.reasons``) stores a reason code per unscheduled
meeting; its own texts are fragments for logs and the command line. This is the events app's
wording of each code, in the terms of an event: tables, time slots, published meetings.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

UNSCHEDULED = {
    "no_location_with_enough_seats": _(
        "No table has enough seats for all the participants of this meeting."
    ),
    "participant_at_maximum": _(
        "One of the participants already has the maximum number of meetings."
    ),
    "no_common_slot": _("The participants have no time slot in which all of them are available."),
    "no_free_location": _(
        "Whenever all the participants are free, every table big enough is already taken."
    ),
    "blocked_by_fixed_meetings": _(
        "In every time slot that suits all the participants, one of them already has a "
        "published or locked meeting."
    ),
    "displaced_by_higher_weight": _(
        "In every time slot that suits all the participants, one of them has a meeting that "
        "counts more."
    ),
    "no_common_free_slot": _(
        "In every time slot that suits all the participants, one of them already has another "
        "meeting."
    ),
}
UNKNOWN = _("The scheduler could not find a time slot for this meeting.")


def unscheduled_reason(code: str) -> str:
    """The sentence for a stored reason code ("" for none)."""
    if not code:
        return ""
    return str(UNSCHEDULED.get(code, UNKNOWN))


# The organiser's choice of time (``clusterbridge.scheduling.PROFILES``; its labels are English
# fragments of a plain package): the events app's wording of each profile.
PROFILE_LABELS = {
    "quick": _("Quick (about 10 seconds)"),
    "thorough": _("Thorough (about 1 minute)"),
    "best": _("Best (up to 10 minutes, in the background)"),
}


def profile_label(name: str) -> str:
    """The organiser's name of a profile (the code itself if unknown)."""
    return str(PROFILE_LABELS.get(name, name))


# Why a participant with an accepted request has no meeting at all after a run
# (``clusterbridge.scheduling.UNSERVED_REASONS``).
UNSERVED = {
    "no_possible_meeting": _(
        "None of their accepted requests can take place (see the reason of each meeting)."
    ),
    "blocked_by_fixed_meetings": _(
        "Published or locked meetings take every time slot their requests could use."
    ),
    "would_cost_weight": _(
        "A meeting for them would mean fewer meetings in total, or take away another "
        "participant's only meeting."
    ),
    "not_resolved": _("The time ran out before a meeting for them was found or ruled out."),
    "fairness_off": _(
        "The fairness floor was off for this run: it did not try to give everyone a meeting."
    ),
}
UNSERVED_UNKNOWN = _("The scheduler found no meeting for them.")


def unserved_reason(code: str) -> str:
    """The sentence for a participant left without a meeting."""
    return str(UNSERVED.get(code, UNSERVED_UNKNOWN))
