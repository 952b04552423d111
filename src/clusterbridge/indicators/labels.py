"""Excellence-label rules as pure functions over plain data.

Bronze: a validated benchmark. Silver: a repeat benchmark 18–24 months after the first, three
improvement areas described, an assessor's audit, no minimum-requirement indicator red. Gold:
every quality indicator assessed by two assessors with evidence and an overall score of at
least 80 %. Every label is valid for two years from its award.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Level(StrEnum):
    BRONZE = "bronze"
    SILVER = "silver"
    GOLD = "gold"


RANK = {Level.BRONZE: 1, Level.SILVER: 2, Level.GOLD: 3}
VALIDITY_MONTHS = 24
SILVER_MIN_MONTHS = 18
SILVER_MAX_MONTHS = 24
IMPROVEMENT_AREAS_REQUIRED = 3
GOLD_MIN_SCORE = 80.0
GOLD_ASSESSORS = 2
REMINDER_DAYS = 90


def add_months(day: date, months: int) -> date:
    """Same day of the month ``months`` later (clamped to the month's last day)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(start: date, end: date) -> int:
    """Whole months from start to end (a month counts once its day of the month is reached)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return months


def valid_until(awarded_on: date) -> date:
    """The last day a label awarded on ``awarded_on`` is valid: two years less a day."""
    return date.fromordinal(add_months(awarded_on, VALIDITY_MONTHS).toordinal() - 1)


def is_valid(valid_from: date, until: date, today: date, withdrawn: bool = False) -> bool:
    return not withdrawn and valid_from <= today <= until


def is_expired(until: date, today: date) -> bool:
    return today > until


def needs_reminder(until: date, today: date, already_reminded: bool) -> bool:
    """Remind once, within REMINDER_DAYS before expiry."""
    return not already_reminded and 0 <= (until - today).days <= REMINDER_DAYS


@dataclass(frozen=True)
class QualityAnswer:
    code: str
    answered: bool
    has_evidence: bool


@dataclass(frozen=True)
class AssessmentFacts:
    """What the rules need to know about one validated assessment."""

    validated_on: date | None
    overall_score: float | None = None
    improvement_areas: Sequence[str] = ()
    audited: bool = False
    assessor_count: int = 0
    red_minimum_requirements: Sequence[str] = ()
    quality_answers: Sequence[QualityAnswer] = ()


@dataclass
class Decision:
    level: Level
    eligible: bool
    reasons: list[str] = field(default_factory=list)


def bronze(facts: AssessmentFacts) -> Decision:
    reasons = [] if facts.validated_on else ["The benchmark has not been validated by an assessor."]
    return Decision(Level.BRONZE, not reasons, reasons)


def silver(facts: AssessmentFacts, first_validated_on: date | None) -> Decision:
    """``first_validated_on``: the organisation's earlier validated benchmark, if any."""
    decision = bronze(facts)
    reasons = decision.reasons
    if first_validated_on is None:
        reasons.append("Silver needs an earlier validated benchmark to repeat.")
    elif facts.validated_on:
        months = months_between(first_validated_on, facts.validated_on)
        if months < SILVER_MIN_MONTHS:
            reasons.append(
                f"Silver needs a repeat benchmark at least {SILVER_MIN_MONTHS} months after the "
                f"first (validated {first_validated_on.isoformat()}); this one is {months} "
                f"months later."
            )
        elif months > SILVER_MAX_MONTHS:
            reasons.append(
                f"Silver needs a repeat benchmark at most {SILVER_MAX_MONTHS} months after the "
                f"first (validated {first_validated_on.isoformat()}); this one is {months} "
                f"months later."
            )
    described = [a for a in facts.improvement_areas if a.strip()]
    if len(described) < IMPROVEMENT_AREAS_REQUIRED:
        reasons.append(
            f"Silver needs {IMPROVEMENT_AREAS_REQUIRED} improvement areas described; "
            f"{len(described)} given."
        )
    if not facts.audited:
        reasons.append("Silver needs an assessor's audit.")
    if facts.red_minimum_requirements:
        reasons.append(
            "Minimum requirements rated red: " + ", ".join(facts.red_minimum_requirements) + "."
        )
    return Decision(Level.SILVER, not reasons, reasons)


def gold(facts: AssessmentFacts) -> Decision:
    decision = bronze(facts)
    reasons = decision.reasons
    if facts.assessor_count < GOLD_ASSESSORS:
        reasons.append(
            f"Gold needs {GOLD_ASSESSORS} assessors; {facts.assessor_count} assessed this "
            f"benchmark."
        )
    unanswered = [a.code for a in facts.quality_answers if not a.answered]
    if unanswered or not facts.quality_answers:
        reasons.append("Quality indicators not answered: " + (", ".join(unanswered) or "all") + ".")
    no_evidence = [a.code for a in facts.quality_answers if a.answered and not a.has_evidence]
    if no_evidence:
        reasons.append("Quality indicators without evidence: " + ", ".join(no_evidence) + ".")
    if facts.overall_score is None or facts.overall_score < GOLD_MIN_SCORE:
        shown = "no score" if facts.overall_score is None else f"{facts.overall_score:g} %"
        reasons.append(f"Gold needs an overall score of at least {GOLD_MIN_SCORE:g} %; {shown}.")
    return Decision(Level.GOLD, not reasons, reasons)


def decide(level: Level, facts: AssessmentFacts, first_validated_on: date | None) -> Decision:
    if level == Level.BRONZE:
        return bronze(facts)
    if level == Level.SILVER:
        return silver(facts, first_validated_on)
    return gold(facts)
