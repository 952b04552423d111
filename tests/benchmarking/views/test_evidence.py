"""Evidence is private: stored under a random name, downloaded through a permission check."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clusterbridge.benchmarking.models import Assessment, Evidence, Indicator
from clusterbridge.benchmarking.services import assessments as services
from tests.benchmarking.factories import AssessorFactory, admin_of
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

CONTENT = b"%PDF-1.4 our budget"


@pytest.fixture
def evidence(client):
    org = OrganisationFactory(name="Alpha Cluster")
    admin = admin_of(org)
    client.force_login(admin)
    client.post(f"/benchmarking/start/{org.slug}/")
    assessment = org.assessments.get()
    indicator = Indicator.objects.get(
        dimension__indicator_set=assessment.indicator_set, code="members-total"
    )
    response = client.post(
        f"/benchmarking/assessments/{assessment.pk}/evidence/{indicator.pk}/",
        {"file": SimpleUploadedFile("Budget 2025.pdf", CONTENT)},
    )
    assert response.status_code == 302
    client.logout()
    return Evidence.objects.select_related("answer__assessment__organisation").get(), admin


def _url(evidence: Evidence) -> str:
    return (
        f"/benchmarking/assessments/{evidence.answer.assessment_id}/evidence-files/{evidence.pk}/"
    )


def test_evidence_is_stored_under_a_random_name_and_keeps_the_original_for_display(evidence):
    evidence, _ = evidence
    assert re.fullmatch(r"benchmarking/evidence/[0-9a-f]{32}", evidence.file.name)
    assert evidence.name == "Budget 2025.pdf"
    assert evidence.file.read() == CONTENT
    assert evidence.get_absolute_url() == _url(evidence)


def test_the_assessment_page_links_to_the_download_view_not_to_media(client, evidence):
    evidence, admin = evidence
    client.force_login(admin)
    body = client.get(evidence.answer.assessment.get_absolute_url()).content.decode()
    assert f'<a href="{_url(evidence)}" download>Budget 2025.pdf</a>' in body
    assert "/media/" not in body
    # The storage folder is not served as files at all.
    assert client.get(f"/media/{evidence.file.name}").status_code == 404


def _downloaded(response) -> bytes:
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="Budget 2025.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    return b"".join(response.streaming_content)


def test_the_organisations_admin_and_member_can_download(client, evidence):
    evidence, admin = evidence
    client.force_login(admin)
    assert _downloaded(client.get(_url(evidence))) == CONTENT
    member = MembershipFactory(organisation=evidence.answer.assessment.organisation, role="member")
    client.force_login(member.user)
    assert _downloaded(client.get(_url(evidence))) == CONTENT


def test_an_assessor_can_download_once_the_benchmark_is_submitted(client, evidence):
    evidence, _ = evidence
    client.force_login(AssessorFactory().user)
    # A draft is private to the organisation (benchmarking.rules), its evidence too.
    assert client.get(_url(evidence)).status_code == 404
    Assessment.objects.filter(pk=evidence.answer.assessment_id).update(
        status=Assessment.Status.SUBMITTED
    )
    assert _downloaded(client.get(_url(evidence))) == CONTENT


def test_an_outsider_gets_404(client, evidence):
    evidence, _ = evidence
    client.force_login(UserFactory())
    assert client.get(_url(evidence)).status_code == 404
    # An inactive assessor is an outsider too.
    client.force_login(AssessorFactory(active=False).user)
    assert client.get(_url(evidence)).status_code == 404


def test_anonymous_is_sent_to_the_login_page(client, evidence):
    evidence, _ = evidence
    response = client.get(_url(evidence))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={_url(evidence)}"


def test_evidence_of_another_benchmark_is_404_through_ones_own(client, evidence):
    evidence, _ = evidence
    other = OrganisationFactory(name="Beta Cluster")
    other_admin = admin_of(other)
    own = services.start_assessment(organisation=other, actor=other_admin)
    client.force_login(other_admin)
    url = f"/benchmarking/assessments/{own.pk}/evidence-files/{evidence.pk}/"
    assert client.get(url).status_code == 404
    assert client.get(_url(evidence)).status_code == 404


def test_a_missing_file_is_404_not_500(client, evidence):
    evidence, admin = evidence
    evidence.file.delete(save=False)
    client.force_login(admin)
    assert client.get(_url(evidence)).status_code == 404
