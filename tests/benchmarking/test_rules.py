"""Who sees a benchmark: drafts are private to the organisation; assessors see a benchmark once
it is submitted for review, or when they are its assessor."""

from __future__ import annotations

import pytest

from clusterbridge.benchmarking.models import Assessment
from clusterbridge.benchmarking.services import assessments as services
from tests.benchmarking.factories import AssessorFactory, admin_of, answered_assessment
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    org = OrganisationFactory()
    return services.start_assessment(organisation=org, actor=admin_of(org))


def _set_status(assessment: Assessment, status: str) -> Assessment:
    Assessment.objects.filter(pk=assessment.pk).update(status=status)
    assessment.refresh_from_db()
    return assessment


def test_a_draft_is_private_to_its_organisation_and_staff(draft):
    assessor = AssessorFactory().user
    member = MembershipFactory(organisation=draft.organisation, role="member").user
    assert assessor.has_perm("benchmarking.view_assessment", draft) is False
    assert assessor.has_perm("benchmarking.review_assessment", draft) is False
    assert member.has_perm("benchmarking.view_assessment", draft) is True
    assert StaffFactory().has_perm("benchmarking.view_assessment", draft) is True
    assert UserFactory().has_perm("benchmarking.view_assessment", draft) is False


@pytest.mark.parametrize(
    "status",
    [
        Assessment.Status.SUBMITTED,
        Assessment.Status.CHANGES_REQUESTED,
        Assessment.Status.VALIDATED,
    ],
)
def test_assessors_see_a_benchmark_once_submitted_for_review(draft, status):
    assessment = _set_status(draft, status)
    assessor = AssessorFactory().user
    assert assessor.has_perm("benchmarking.view_assessment", assessment) is True
    assert (
        AssessorFactory(active=False).user.has_perm("benchmarking.view_assessment", assessment)
        is False
    )


def test_an_assigned_assessor_keeps_seeing_it(draft):
    assessor = AssessorFactory().user
    Assessment.objects.filter(pk=draft.pk).update(second_assessor=assessor)
    draft.refresh_from_db()
    assert assessor.has_perm("benchmarking.view_assessment", draft) is True
    assert AssessorFactory().user.has_perm("benchmarking.view_assessment", draft) is False


def test_an_assessor_gets_404_for_another_organisations_draft_page(client):
    org = OrganisationFactory()
    assessment = answered_assessment(org, admin_of(org), evidence=False)
    client.force_login(AssessorFactory().user)
    assert client.get(assessment.get_absolute_url()).status_code == 404
    _set_status(assessment, Assessment.Status.SUBMITTED)
    assert client.get(assessment.get_absolute_url()).status_code == 200
