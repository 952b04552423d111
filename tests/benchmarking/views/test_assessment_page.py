"""The assessment page: answers and ratings as labels; the htmx autosave of one answer answers
the status fragment and the page's current score, swapped out of band."""

from __future__ import annotations

import pytest

from clusterbridge.benchmarking.models import Indicator
from clusterbridge.benchmarking.services import assessments as services
from tests.benchmarking.factories import admin_of, submitted_assessment
from tests.factories import PASSWORD, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(client):
    org = OrganisationFactory()
    admin = admin_of(org)
    assessment = services.start_assessment(organisation=org, actor=admin)
    client.login(email=admin.email, password=PASSWORD)
    return assessment


def _autosave(client, assessment, code: str, value: str):
    indicator = Indicator.objects.get(dimension__indicator_set=assessment.indicator_set, code=code)
    return client.post(
        f"/benchmarking/assessments/{assessment.pk}/answers/{indicator.pk}/",
        {f"answer-{indicator.pk}": value},
    )


def test_the_page_shows_no_score_before_any_answer(client, draft):
    body = client.get(draft.get_absolute_url()).content.decode()
    assert (
        '· <span aria-live="polite" aria-atomic="true">current score <span id="current-score">—</span></span> ·'
        in body
    )


def test_autosave_answers_the_rating_label_and_the_new_score_out_of_band(client, draft):
    response = _autosave(client, draft, "action-plan", "yes")
    assert response.status_code == 200
    assert response.content.decode().strip() == (
        '<small class="muted">Saved · <span class="rating-green">Green</span></small>'
        '<span id="current-score" hx-swap-oob="true">100.0 %</span>'
    )
    # A red answer in another dimension: the overall score is the mean of the two dimensions.
    response = _autosave(client, draft, "fee-scheme", "no")
    assert response.content.decode().strip() == (
        '<small class="muted">Saved · <span class="rating-red">Red</span></small>'
        '<span id="current-score" hx-swap-oob="true">50.0 %</span>'
    )
    body = client.get(draft.get_absolute_url()).content.decode()
    assert (
        '· <span aria-live="polite" aria-atomic="true">current score <span id="current-score">50.0 %</span></span> ·'
        in body
    )


def test_a_refused_autosave_changes_no_score(client, draft):
    response = _autosave(client, draft, "members-total", "many")
    assert response.status_code == 400
    assert "current-score" not in response.content.decode()


def test_a_submitted_benchmark_shows_answer_and_rating_labels(client):
    org = OrganisationFactory()
    admin = admin_of(org)
    assessment = submitted_assessment(org, admin)
    answer = assessment.answers.get(indicator__code="strategy")
    assert (answer.value, answer.rating) == ("written", "green")
    client.login(email=admin.email, password=PASSWORD)
    body = client.get(assessment.get_absolute_url()).content.decode()
    assert '<p>Written and adopted <span class="rating-green">(Green)</span></p>' in body
    assert '<p>Yes <span class="rating-green">(Green)</span></p>' in body
    assert "(green)" not in body
