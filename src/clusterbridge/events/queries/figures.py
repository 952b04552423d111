"""The event dashboard: the figures organisers report."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Avg, Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from clusterbridge.events.models import Event, MeetingOutcome, MeetingRequest, OutcomeType
from clusterbridge.organisations.models import OrganisationKind

# The labels of the meeting figures (``dashboard(event)["meetings"]``), by key.
MEETING_FIGURES = {
    "requested": gettext_lazy("Meeting requests sent"),
    "accepted": gettext_lazy("Requests accepted"),
    "scheduled": gettext_lazy("Meetings scheduled"),
    "held": gettext_lazy("Meetings held"),
}


def dashboard(event: Event) -> dict[str, Any]:
    """The figures, with labels (countries, kinds, outcomes) in the active language."""
    admitted = event.registrations.filter(status="admitted")
    by_country = {
        row["country"] or "--": row["n"]
        for row in admitted.values("country").annotate(n=Count("pk")).order_by("-n", "country")
    }
    kinds = dict(OrganisationKind.choices)
    by_kind = {
        str(kinds.get(row["organisation__kind"], _("No organisation"))): row["n"]
        for row in admitted.values("organisation__kind").annotate(n=Count("pk")).order_by("-n")
    }
    requests = MeetingRequest.objects.filter(event=event)
    held_meetings = (
        MeetingOutcome.objects.filter(meeting__event=event, held=True)
        .values("meeting").distinct().count()
    )  # fmt: skip
    outcome_counts: Counter[str] = Counter()
    # One outcome per meeting and type, even if both participants report it.
    seen: set[tuple[int, str]] = set()
    for meeting_id, types in MeetingOutcome.objects.filter(meeting__event=event).values_list(
        "meeting_id", "outcomes"
    ):
        for t in types:
            if (meeting_id, t) not in seen:
                seen.add((meeting_id, t))
                outcome_counts[t] += 1
    satisfaction = MeetingOutcome.objects.filter(
        meeting__event=event, satisfaction__isnull=False
    ).aggregate(avg=Avg("satisfaction"))["avg"]
    return {
        "participants": admitted.count(),
        "by_country": {
            (str(countries.name(c)) if c != "--" else "") or _("Unknown country"): n
            for c, n in by_country.items()
        },
        "countries": len([c for c in by_country if c != "--"]),
        "by_kind": by_kind,
        "meetings": {
            "requested": requests.count(),
            "accepted": requests.filter(status="accepted").count(),
            "scheduled": event.meetings.filter(status="scheduled").count(),
            "held": held_meetings,
        },
        "outcomes": {
            str(label): outcome_counts.get(code, 0) for code, label in OutcomeType.choices
        },
        "satisfaction": round(satisfaction, 2) if satisfaction is not None else None,
    }
