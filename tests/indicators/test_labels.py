from datetime import date

from clusterbridge.indicators.labels import (
    AssessmentFacts,
    Level,
    QualityAnswer,
    add_months,
    bronze,
    decide,
    gold,
    is_expired,
    is_valid,
    months_between,
    needs_reminder,
    silver,
    valid_until,
)

DAY = date(2026, 11, 21)
AREAS = ["Member services", "Internationalisation", "Financing mix"]
QUALITY = [QualityAnswer("q1", True, True), QualityAnswer("q2", True, True)]


def facts(**kwargs) -> AssessmentFacts:
    base = {
        "validated_on": DAY,
        "overall_score": 85.0,
        "improvement_areas": AREAS,
        "audited": True,
        "assessor_count": 2,
        "red_minimum_requirements": (),
        "quality_answers": QUALITY,
    }
    base.update(kwargs)
    return AssessmentFacts(**base)


def test_month_arithmetic():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 11, 15), 24) == date(2026, 11, 15)
    assert months_between(date(2025, 5, 21), date(2026, 11, 21)) == 18
    assert months_between(date(2025, 5, 22), date(2026, 11, 21)) == 17


def test_validity_is_two_years_and_expiry():
    until = valid_until(date(2024, 11, 22))
    assert until == date(2026, 11, 21)
    assert is_valid(date(2024, 11, 22), until, today=DAY)
    assert not is_expired(until, today=DAY)
    assert is_expired(until, today=date(2026, 11, 22))
    assert not is_valid(date(2024, 11, 22), until, today=date(2026, 11, 22))
    assert not is_valid(date(2024, 11, 22), until, today=DAY, withdrawn=True)
    assert not is_valid(date(2026, 12, 1), valid_until(date(2026, 12, 1)), today=DAY)


def test_reminder_window():
    assert needs_reminder(date(2027, 2, 19), DAY, already_reminded=False)  # 90 days
    assert not needs_reminder(date(2027, 2, 20), DAY, already_reminded=False)  # 91 days
    assert not needs_reminder(date(2027, 1, 1), DAY, already_reminded=True)
    assert not needs_reminder(date(2026, 11, 20), DAY, already_reminded=False)  # expired


def test_bronze_needs_validation():
    assert bronze(facts()).eligible
    decision = bronze(facts(validated_on=None))
    assert (decision.eligible, decision.reasons) == (
        False,
        ["The benchmark has not been validated by an assessor."],
    )


def test_silver_eligible_between_18_and_24_months():
    assert silver(facts(), first_validated_on=date(2025, 5, 21)).eligible
    assert silver(facts(), first_validated_on=date(2024, 11, 21)).eligible


def test_silver_too_early_too_late_or_no_first():
    early = silver(facts(), first_validated_on=date(2025, 6, 1))
    assert early.reasons == [
        "Silver needs a repeat benchmark at least 18 months after the first (validated "
        "2025-06-01); this one is 17 months later."
    ]
    late = silver(facts(), first_validated_on=date(2024, 10, 1))
    assert late.reasons == [
        "Silver needs a repeat benchmark at most 24 months after the first (validated "
        "2024-10-01); this one is 25 months later."
    ]
    assert silver(facts(), None).reasons == [
        "Silver needs an earlier validated benchmark to repeat."
    ]


def test_silver_areas_audit_and_minimum_requirements():
    decision = silver(
        facts(
            improvement_areas=["One", " ", "Two"], audited=False, red_minimum_requirements=["S1"]
        ),
        first_validated_on=date(2025, 1, 1),
    )
    assert decision.reasons == [
        "Silver needs 3 improvement areas described; 2 given.",
        "Silver needs an assessor's audit.",
        "Minimum requirements rated red: S1.",
    ]


def test_gold_rules():
    assert gold(facts()).eligible
    assert gold(facts(overall_score=80.0)).eligible
    decision = gold(
        facts(
            overall_score=79.9,
            assessor_count=1,
            quality_answers=[QualityAnswer("q1", False, False), QualityAnswer("q2", True, False)],
        )
    )
    assert decision.reasons == [
        "Gold needs 2 assessors; 1 assessed this benchmark.",
        "Quality indicators not answered: q1.",
        "Quality indicators without evidence: q2.",
        "Gold needs an overall score of at least 80 %; 79.9 %.",
    ]
    assert gold(facts(overall_score=None, quality_answers=[])).reasons == [
        "Quality indicators not answered: all.",
        "Gold needs an overall score of at least 80 %; no score.",
    ]


def test_decide_dispatches():
    assert decide(Level.BRONZE, facts(), None).eligible
    assert not decide(Level.SILVER, facts(), None).eligible
    assert decide(Level.GOLD, facts(), None).eligible
