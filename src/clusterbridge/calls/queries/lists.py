"""Read-side queries of calls: a call's page, followed calls, calendar rows, "for you"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from clusterbridge.calls.models import Call, CallFollow, CallStage, CallStatus
from clusterbridge.organisations.models import Organisation


def visible_calls() -> QuerySet[Call]:
    return Call.objects.select_related("organisation").prefetch_related(
        "stages", "sectors", "ecosystems", "technologies"
    )


def followed_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(CallFollow.objects.filter(user=user).values_list("call_id", flat=True))


def followed_calls(user) -> QuerySet[Call]:
    return (
        Call.objects.filter(follows__user=user, status=CallStatus.PUBLISHED)
        .prefetch_related("stages")
        .order_by("next_deadline", "id")
    )


def deadline_stages(*, since: datetime, calls=None) -> QuerySet[CallStage]:
    """Deadlines of published calls from ``since`` on (the iCalendar feed)."""
    stages = CallStage.objects.filter(
        call__status=CallStatus.PUBLISHED, deadline__gte=since
    ).select_related("call")
    if calls is not None:
        stages = stages.filter(call__in=calls)
    return stages.order_by("deadline", "id")


# --- "For you" -------------------------------------------------------------------------------

KIND = "kind"
COUNTRY = "country"
SECTORS = "sectors"
ECOSYSTEMS = "ecosystems"
TECHNOLOGIES = "technologies"


@dataclass(frozen=True)
class Reason:
    code: str  # KIND, COUNTRY, SECTORS, ECOSYSTEMS, TECHNOLOGIES
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    call: Call
    organisation: Organisation
    reasons: tuple[Reason, ...]
    score: int


def match(call: Call, organisation: Organisation, *, sector_ids, ecosystem_ids, technology_ids):
    """Why ``call`` suits ``organisation`` (None if it is not eligible or nothing matches).

    Eligibility is a condition (kind and country when the call restricts them); sectors,
    ecosystems and technologies in common make the score. A call restricted to the
    organisation's kind or country counts as a reason too; an open call with no topic in
    common is not shown.
    """
    reasons: list[Reason] = []
    score = 0
    if call.eligible_kinds:
        if organisation.kind not in call.eligible_kinds:
            return None
        reasons.append(Reason(KIND))
        score += 1
    countries = {str(code) for code in call.eligible_countries}
    if countries:
        if str(organisation.country) not in countries:
            return None
        reasons.append(Reason(COUNTRY))
        score += 1
    for code, items, wanted in (
        (SECTORS, call.sectors.all(), sector_ids),
        (ECOSYSTEMS, call.ecosystems.all(), ecosystem_ids),
        (TECHNOLOGIES, call.technologies.all(), technology_ids),
    ):
        common = [item.name for item in items if item.pk in wanted]
        if common:
            reasons.append(Reason(code, tuple(sorted(common))))
            score += 2 * len(common)
    if not any(r.code in (SECTORS, ECOSYSTEMS, TECHNOLOGIES) for r in reasons) and score < 2:
        return None
    return Match(call=call, organisation=organisation, reasons=tuple(reasons), score=score)


def for_you(organisations, *, now: datetime, limit: int = 20) -> list[Match]:
    """Open calls matching any of ``organisations``, best first (one match per call)."""
    organisations = list(organisations)
    if not organisations:
        return []
    profiles = {
        org.pk: (
            {s.pk for s in org.sectors.all()},
            {e.pk for e in org.ecosystems.all()},
            {t.pk for t in org.technologies.all()},
        )
        for org in organisations
    }
    calls = visible_calls().filter(status=CallStatus.PUBLISHED, next_deadline__gte=now)
    best: dict[int, Match] = {}
    for call in calls:
        for org in organisations:
            sectors, ecosystems, technologies = profiles[org.pk]
            found = match(
                call,
                org,
                sector_ids=sectors,
                ecosystem_ids=ecosystems,
                technology_ids=technologies,
            )
            if found and (call.pk not in best or found.score > best[call.pk].score):
                best[call.pk] = found
    ranked = sorted(best.values(), key=lambda m: (-m.score, m.call.next_deadline, m.call.pk))
    return ranked[:limit]
