"""Benchmarking's part of the personal-data export and of account deletion."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from clusterbridge.accounts.services.privacy import delete_account, export_personal_data
from clusterbridge.benchmarking import privacy
from clusterbridge.benchmarking.models import (
    Answer,
    Assessment,
    Assessor,
    Evidence,
    Indicator,
    LabelDecision,
)
from clusterbridge.benchmarking.queries.labels import assessment_facts
from clusterbridge.benchmarking.services import assessments as services
from clusterbridge.benchmarking.services.labels import withdraw_label
from clusterbridge.common.privacy import privacy_modules
from tests.benchmarking.factories import AssessorFactory, answered_assessment
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def reviewed():
    """Alpha Cluster's benchmark: started and answered by Ada, commented on and validated by
    Vera (the Bronze decision is hers), confirmed by Sam as second assessor."""
    org = OrganisationFactory(name="Alpha Cluster")
    ada = MembershipFactory(organisation=org, user=UserFactory(name="Ada Admin")).user
    MembershipFactory(organisation=org)  # a second administrator: Ada may leave
    vera = AssessorFactory(user=UserFactory(name="Vera Assessor")).user
    sam = AssessorFactory(user=UserFactory(name="Sam Second")).user
    assessment = answered_assessment(org, ada, evidence=False)
    budget = Indicator.objects.get(dimension__indicator_set=assessment.indicator_set, code="budget")
    services.add_evidence(
        assessment=assessment,
        indicator_id=budget.pk,
        upload=SimpleUploadedFile("Budget 2025.pdf", b"%PDF-1.4"),
        actor=ada,
    )
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.SUBMITTED)
    services.review(
        assessment=assessment,
        assessor=vera,
        action="validate",
        comments={budget.pk: "Well documented."},
        audited=True,
        note="A solid benchmark.",
    )
    services.confirm_as_second_assessor(assessment=assessment, assessor=sam)
    assessment.refresh_from_db()
    return assessment, ada, vera, sam


def test_the_module_is_collected_by_the_privacy_registry():
    assert dict(privacy_modules())["benchmarking"] is privacy


def test_export_of_the_assessor(reviewed):
    assessment, _, vera, _ = reviewed
    data = export_personal_data(vera)["benchmarking"]
    assert data["assessor_role"] == {
        "active": True,
        "since": vera.assessor.created_at.isoformat(),
    }
    assert data["assessments_started"] == []
    assert data["answers_saved"] == []
    assert data["evidence_uploaded"] == []
    assert data["assessments_assessed"] == [
        {
            "id": assessment.pk,
            "organisation": "Alpha Cluster",
            "status": "validated",
            "indicator_set_version": 1,
            "created_at": assessment.created_at.isoformat(),
            "submitted_at": None,
            "validated_on": assessment.validated_on.isoformat(),
            "role": "validated",
            "audited": True,
            "review_note": "A solid benchmark.",
        }
    ]
    comment = Answer.objects.get(assessment=assessment, indicator__code="budget")
    assert data["assessor_comments"] == [
        {
            "assessment": assessment.pk,
            "organisation": "Alpha Cluster",
            "indicator": "budget",
            "comment": "Well documented.",
            "at": comment.updated_at.isoformat(),
        }
    ]
    decision = LabelDecision.objects.get(organisation=assessment.organisation)
    assert data["label_decisions"] == [
        {
            "organisation": "Alpha Cluster",
            "kind": "awarded",
            "level": "bronze",
            "reason": f"Benchmark validated on {assessment.validated_on.isoformat()}.",
            "decided_at": decision.decided_at.isoformat(),
        }
    ]


def test_export_of_the_second_assessor_and_of_the_organisations_admin(reviewed):
    assessment, ada, _, sam = reviewed
    assessed = export_personal_data(sam)["benchmarking"]["assessments_assessed"]
    assert [(a["id"], a["role"]) for a in assessed] == [(assessment.pk, "second assessor")]

    data = export_personal_data(ada)["benchmarking"]
    assert data["assessor_role"] is None
    assert [a["id"] for a in data["assessments_started"]] == [assessment.pk]
    assert data["assessments_started"][0]["organisation"] == "Alpha Cluster"
    assert (
        len(data["answers_saved"])
        == Indicator.objects.filter(dimension__indicator_set=assessment.indicator_set).count()
    )
    assert {a["indicator"]: a["value"] for a in data["answers_saved"]}["budget"] == "800000"
    evidence = Evidence.objects.get()
    assert data["evidence_uploaded"] == [
        {
            "assessment": assessment.pk,
            "organisation": "Alpha Cluster",
            "indicator": "budget",
            "file_name": "Budget 2025.pdf",
            "uploaded_at": evidence.created_at.isoformat(),
        }
    ]
    assert data["assessments_assessed"] == []
    assert data["assessor_comments"] == []
    assert data["label_decisions"] == []


def test_export_of_someone_without_benchmarking_data():
    assert export_personal_data(UserFactory())["benchmarking"] == {
        "assessor_role": None,
        "assessments_started": [],
        "answers_saved": [],
        "evidence_uploaded": [],
        "assessments_assessed": [],
        "assessor_comments": [],
        "label_decisions": [],
    }


def test_deleting_the_assessors_keeps_decisions_signed_by_role_and_gold_eligibility(
    client, reviewed
):
    assessment, ada, vera, sam = reviewed
    assert assessment_facts(assessment).assessor_count == 2
    delete_account(user=vera)
    delete_account(user=sam)
    assert not User.objects.filter(pk__in=[vera.pk, sam.pk]).exists()
    assert not Assessor.objects.filter(user_id__in=[vera.pk, sam.pk]).exists()

    assessment.refresh_from_db()
    assert (assessment.validated_by, assessment.second_assessor) == (None, None)
    assert (assessment.validated_by_former, assessment.second_assessor_former) == (True, True)
    assert assessment_facts(assessment).assessor_count == 2  # Gold still sees two assessors
    decision = LabelDecision.objects.get(organisation=assessment.organisation)
    assert (decision.decided_by, decision.decided_by_former) == (None, "a former assessor")
    assert decision.decider == "a former assessor"
    answer = Answer.objects.get(assessment=assessment, indicator__code="budget")
    assert (answer.assessor_comment, answer.commented_by) == ("Well documented.", None)

    client.force_login(ada)
    history = client.get(
        f"/benchmarking/organisations/{assessment.organisation.slug}/label-decisions/"
    ).content.decode()
    assert "<td>a former assessor</td>" in history
    assert "Vera Assessor" not in history
    report = client.get(f"/benchmarking/assessments/{assessment.pk}/report/").content.decode()
    assert "(a former assessor)" in report
    # Nobody can confirm as second assessor again: the place is taken.
    assert 'id="second-assessor"' not in report


def test_deleting_the_organisations_admin_keeps_the_benchmark_without_the_person(reviewed):
    assessment, ada, _, _ = reviewed
    delete_account(user=ada)
    assessment.refresh_from_db()
    assert assessment.started_by is None
    assert not Answer.objects.filter(assessment=assessment, answered_by__isnull=False).exists()
    assert (
        Answer.objects.filter(assessment=assessment).count()
        == Indicator.objects.filter(dimension__indicator_set=assessment.indicator_set).count()
    )
    evidence = Evidence.objects.get()
    assert (evidence.name, evidence.uploaded_by) == ("Budget 2025.pdf", None)


def test_erase_signs_by_role_and_removes_the_name_from_old_reasons(reviewed):
    assessment, _, vera, _ = reviewed
    old = LabelDecision.objects.create(
        organisation=assessment.organisation,
        assessment=assessment,
        level="bronze",
        kind="awarded",
        decided_by=vera,
        reason="Benchmark validated on 2024-03-01 by Vera Assessor.",
    )
    privacy.erase(vera)
    old.refresh_from_db()
    assert old.reason == "Benchmark validated on 2024-03-01 by a former assessor."
    assert (old.decided_by, old.decided_by_former) == (None, "a former assessor")


def test_a_staff_members_decision_is_signed_a_former_staff_member(reviewed):
    assessment, _, _, _ = reviewed
    staff = StaffFactory(name="Stella Staff")
    label = assessment.labels.get()
    withdraw_label(label=label, actor=staff, reason="Member figures were false.")
    delete_account(user=staff)
    decision = LabelDecision.objects.get(kind="withdrawn")
    assert (decision.decided_by, decision.decider) == (None, "a former staff member")
    assert decision.reason == "Member figures were false."


def test_a_platform_decision_still_reads_the_platform():
    org = OrganisationFactory()
    decision = LabelDecision.objects.create(
        organisation=org, level="bronze", kind="expired", reason="Expired."
    )
    assert decision.decider == "the platform"


def test_an_admin_who_requested_a_label_is_signed_a_former_member(reviewed):
    _, ada, _, _ = reviewed
    decision = LabelDecision.objects.get()
    LabelDecision.objects.filter(pk=decision.pk).update(decided_by=ada)
    delete_account(user=ada)
    decision.refresh_from_db()
    assert decision.decider == "a former member of the organisation"
