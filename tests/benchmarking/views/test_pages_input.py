"""The assessment and review forms parse the ids in their field names ("answer-<id>",
"comment-<id>") with common.forms.ids_by_prefix, never by hand."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages

from clusterbridge.benchmarking.models import Answer, Assessment, Indicator
from clusterbridge.benchmarking.services import assessments as services
from tests.benchmarking.factories import AssessorFactory, admin_of, submitted_assessment
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

BAD_NAMES = [("²", "²"), ("9" * 30, "9" * 23 + "…"), ("", "-")]


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def draft(client):
    organisation = OrganisationFactory()
    admin = admin_of(organisation)
    assessment = services.start_assessment(organisation=organisation, actor=admin)
    client.force_login(admin)
    indicator = Indicator.objects.filter(
        dimension__indicator_set=assessment.indicator_set, answer_type="yes_no"
    ).first()
    return assessment, indicator


def test_answers_are_saved_by_indicator_id(client, draft):
    assessment, indicator = draft
    response = client.post(assessment.get_absolute_url(), {f"answer-{indicator.pk}": "yes"})
    assert response.status_code == 302
    assert _messages(response) == ["Your answers are saved."]
    assert Answer.objects.get(assessment=assessment, indicator=indicator).value == "yes"


@pytest.mark.parametrize(("suffix", "shown"), BAD_NAMES)
def test_an_answer_name_without_a_valid_id_saves_nothing(client, draft, suffix, shown):
    """Before: "answer-²" passed isdigit() and int("²") was a 500."""
    assessment, indicator = draft
    response = client.post(
        assessment.get_absolute_url(),
        {f"answer-{indicator.pk}": "yes", f"answer-{suffix}": "yes"},
    )
    assert response.status_code == 302
    assert _messages(response) == [f"“{shown}” is not a valid identifier."]
    assert not Answer.objects.filter(assessment=assessment).exists()


@pytest.fixture
def in_review(client):
    assessment = submitted_assessment(OrganisationFactory())
    client.force_login(AssessorFactory().user)
    return assessment, assessment.answers.first().indicator


def test_review_comments_are_saved_by_indicator_id(client, in_review):
    assessment, indicator = in_review
    response = client.post(
        f"/benchmarking/assessments/{assessment.pk}/review/",
        {"action": "changes", "note": "Please add evidence.", f"comment-{indicator.pk}": "Why?"},
    )
    assert response.status_code == 302
    assert Answer.objects.get(assessment=assessment, indicator=indicator).assessor_comment == "Why?"


@pytest.mark.parametrize(("suffix", "shown"), BAD_NAMES)
def test_a_comment_name_without_a_valid_id_changes_nothing(client, in_review, suffix, shown):
    """Before: "comment-²" passed isdigit() and int("²") was a 500."""
    assessment, indicator = in_review
    response = client.post(
        f"/benchmarking/assessments/{assessment.pk}/review/",
        {
            "action": "changes",
            "note": "x",
            f"comment-{indicator.pk}": "Why?",
            f"comment-{suffix}": "x",
        },
    )
    assert response.status_code == 302
    assert _messages(response) == [f"“{shown}” is not a valid identifier."]
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED
    assert Answer.objects.get(assessment=assessment, indicator=indicator).assessor_comment == ""
