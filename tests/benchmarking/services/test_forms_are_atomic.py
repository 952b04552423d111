"""“Save all” and the review form are one transaction each: a refused step writes nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from clusterbridge.benchmarking.models import Answer, Assessment, Indicator, Label
from clusterbridge.benchmarking.services import assessments as services
from tests.benchmarking.factories import AssessorFactory, admin_of, submitted_assessment
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _indicator(assessment: Assessment, code: str) -> Indicator:
    return Indicator.objects.get(dimension__indicator_set=assessment.indicator_set, code=code)


@pytest.fixture
def draft():
    org = OrganisationFactory()
    admin = admin_of(org)
    return services.start_assessment(organisation=org, actor=admin), admin


def test_save_form_saves_answers_and_areas_together(draft):
    assessment, admin = draft
    fte = _indicator(assessment, "management-fte")
    saved = services.save_form(
        assessment=assessment,
        raw_by_indicator={fte.pk: "3"},
        areas=["Services", "", "Financing"],
        actor=admin,
    )
    assert saved.improvement_areas == ["Services", "", "Financing"]
    answer = Answer.objects.get(assessment=assessment)
    assert (answer.indicator_id, answer.value, answer.answered_by) == (fte.pk, "3", admin)


def test_a_refused_improvement_area_leaves_the_answers_unwritten(draft):
    assessment, admin = draft
    fte = _indicator(assessment, "management-fte")
    with pytest.raises(ValidationError) as exc:
        services.save_form(
            assessment=assessment,
            raw_by_indicator={fte.pk: "3"},
            areas=["x" * 301, "Financing", ""],
            actor=admin,
        )
    assert exc.value.messages == ["An improvement area is at most 300 characters."]
    assert not Answer.objects.filter(assessment=assessment).exists()
    assessment.refresh_from_db()
    assert assessment.improvement_areas == ["", "", ""]


def test_a_refused_answer_leaves_the_areas_unwritten_and_every_problem_is_told(draft):
    assessment, admin = draft
    fte = _indicator(assessment, "management-fte")
    share = _indicator(assessment, "private-share")
    with pytest.raises(ValidationError) as exc:
        services.save_form(
            assessment=assessment,
            raw_by_indicator={fte.pk: "3", share.pk: "140"},
            areas=["Services", "y" * 301, ""],
            actor=admin,
        )
    assert exc.value.messages == [
        "“Private share of financing” must be between 0 and 100 %; 140 given.",
        "An improvement area is at most 300 characters.",
    ]
    assert not Answer.objects.filter(assessment=assessment).exists()
    assessment.refresh_from_db()
    assert assessment.improvement_areas == ["", "", ""]


def test_save_all_page_writes_nothing_when_an_area_is_refused(client, draft):
    assessment, admin = draft
    fte = _indicator(assessment, "management-fte")
    client.force_login(admin)
    response = client.post(
        assessment.get_absolute_url(),
        {f"answer-{fte.pk}": "3", "improvement_area_1": "z" * 301},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "An improvement area is at most 300 characters."
    ]
    assert not Answer.objects.filter(assessment=assessment).exists()


@pytest.fixture
def submitted():
    assessment = submitted_assessment(OrganisationFactory())
    return assessment, _indicator(assessment, "budget"), AssessorFactory().user


def _comments(assessment: Assessment) -> list[str]:
    return list(
        Answer.objects.filter(assessment=assessment)
        .exclude(assessor_comment="")
        .values_list("assessor_comment", flat=True)
    )


def test_review_saves_comments_with_their_author_and_requests_changes(submitted):
    assessment, budget, assessor = submitted
    services.review(
        assessment=assessment,
        assessor=assessor,
        action="changes",
        comments={budget.pk: " Add the audited accounts. "},
        note="See the comment on the budget.",
    )
    answer = Answer.objects.get(assessment=assessment, indicator=budget)
    assert (answer.assessor_comment, answer.commented_by) == ("Add the audited accounts.", assessor)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.CHANGES_REQUESTED


def test_comments_are_not_saved_when_requesting_changes_is_refused(submitted):
    assessment, budget, assessor = submitted
    with pytest.raises(ValidationError) as exc:
        services.review(
            assessment=assessment,
            assessor=assessor,
            action="changes",
            comments={budget.pk: "Add the audited accounts."},
            note="  ",
        )
    assert exc.value.messages == ["Say what should be changed."]
    assert _comments(assessment) == []
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED


def test_comments_are_not_saved_when_validation_fails(submitted, monkeypatch):
    assessment, budget, assessor = submitted

    def refuse(**kwargs):
        raise ValidationError("The label could not be awarded.")

    monkeypatch.setattr(
        "clusterbridge.benchmarking.services.labels.award_bronze_on_validation", refuse
    )
    with pytest.raises(ValidationError) as exc:
        services.review(
            assessment=assessment,
            assessor=assessor,
            action="validate",
            comments={budget.pk: "Fine."},
        )
    assert exc.value.messages == ["The label could not be awarded."]
    assert _comments(assessment) == []
    assessment.refresh_from_db()
    assert (assessment.status, assessment.validated_by) == (Assessment.Status.SUBMITTED, None)
    assert not Label.objects.filter(organisation=assessment.organisation).exists()


def test_comments_are_not_saved_without_a_valid_action(submitted):
    assessment, budget, assessor = submitted
    with pytest.raises(ValidationError) as exc:
        services.review(
            assessment=assessment, assessor=assessor, action="", comments={budget.pk: "Fine."}
        )
    assert exc.value.messages == ["Choose to validate or to request changes."]
    assert _comments(assessment) == []


def test_review_page_writes_no_comment_when_the_final_step_is_refused(client, submitted):
    assessment, budget, assessor = submitted
    client.force_login(assessor)
    response = client.post(
        f"/benchmarking/assessments/{assessment.pk}/review/",
        {"action": "changes", "note": "", f"comment-{budget.pk}": "Add the audited accounts."},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["Say what should be changed."]
    assert _comments(assessment) == []
    response = client.post(
        f"/benchmarking/assessments/{assessment.pk}/review/",
        {"action": "validate", f"comment-{budget.pk}": "Well documented."},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["Benchmark validated."]
    assert _comments(assessment) == ["Well documented."]
