"""Answer validation: the range message names only the bounds that are set."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from clusterbridge.benchmarking.models import Answer, AnswerType, Assessment, Indicator
from clusterbridge.benchmarking.validators import clean_answer
from tests.benchmarking.factories import admin_of
from tests.factories import OrganisationFactory


def _indicator(kind=AnswerType.NUMBER, low=None, high=None, unit="members") -> Indicator:
    return Indicator(name="Members", answer_type=kind, min_value=low, max_value=high, unit=unit)


@pytest.mark.parametrize(
    ("low", "high", "unit", "raw", "message"),
    [
        (0, 100000, "members", "-5", "“Members” must be between 0 and 100000 members; -5 given."),
        (10, None, "members", "5", "“Members” must be at least 10 members; 5 given."),
        (None, 2.5, "members", "3", "“Members” must be at most 2.5 members; 3 given."),
        (10, None, "", "-1", "“Members” must be at least 10; -1 given."),
        (None, 100, "", "150", "“Members” must be at most 100; 150 given."),
    ],
)
def test_out_of_range_message_names_the_bounds_that_are_set(low, high, unit, raw, message):
    with pytest.raises(ValidationError) as exc:
        clean_answer(_indicator(low=low, high=high, unit=unit), raw)
    assert exc.value.messages == [message]


def test_in_range_with_one_bound_and_without_bounds_is_accepted():
    assert clean_answer(_indicator(low=10), "1000000") == ("1e+06", 1000000.0)
    assert clean_answer(_indicator(high=5), "-3") == ("-3", -3.0)
    assert clean_answer(_indicator(), "12.5") == ("12.5", 12.5)


def test_a_percentage_is_between_0_and_100_unless_a_bound_says_otherwise():
    share = _indicator(AnswerType.PERCENTAGE, low=10, unit="%")
    with pytest.raises(ValidationError) as exc:
        clean_answer(share, "101")
    assert exc.value.messages == ["“Members” must be between 10 and 100 %; 101 given."]
    growth = _indicator(AnswerType.PERCENTAGE, high=1000, unit="%")
    with pytest.raises(ValidationError) as exc:
        clean_answer(growth, "-1")
    assert exc.value.messages == ["“Members” must be between 0 and 1000 %; -1 given."]


@pytest.fixture
def one_sided(client):
    """A benchmark whose “Members in total” has a lower bound only (no upper bound)."""
    org = OrganisationFactory()
    admin = admin_of(org)
    client.force_login(admin)
    client.post(f"/benchmarking/start/{org.slug}/")
    assessment = Assessment.objects.get(organisation=org)
    indicator = Indicator.objects.get(
        dimension__indicator_set=assessment.indicator_set, code="members-total"
    )
    Indicator.objects.filter(pk=indicator.pk).update(min_value=10, max_value=None)
    return assessment, indicator


@pytest.mark.django_db
def test_autosave_of_an_out_of_range_answer_with_one_bound_is_a_400_not_a_500(client, one_sided):
    assessment, indicator = one_sided
    response = client.post(
        f"/benchmarking/assessments/{assessment.pk}/answers/{indicator.pk}/",
        {f"answer-{indicator.pk}": "5"},
    )
    assert response.status_code == 400
    assert "“Members in total” must be at least 10 members; 5 given." in response.content.decode()
    assert not Answer.objects.filter(assessment=assessment).exists()


@pytest.mark.django_db
def test_save_all_with_an_out_of_range_answer_with_one_bound_reports_it(client, one_sided):
    assessment, indicator = one_sided
    response = client.post(
        assessment.get_absolute_url(), {f"answer-{indicator.pk}": "5"}, follow=True
    )
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "“Members in total” must be at least 10 members; 5 given."
    ]
    assert not Answer.objects.filter(assessment=assessment).exists()
