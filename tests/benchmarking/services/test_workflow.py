"""Benchmark workflow and label services, on the real database."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from clusterbridge.benchmarking.models import (
    Answer,
    Assessment,
    Indicator,
    IndicatorSet,
    Label,
    LabelDecision,
)
from clusterbridge.benchmarking.services import assessments as services
from clusterbridge.benchmarking.services.indicator_sets import (
    copy_as_new_version,
    current_set,
    publish_set,
)
from clusterbridge.benchmarking.services.labels import (
    award_label,
    expire_labels,
    send_expiry_reminders,
    withdraw_label,
)
from clusterbridge.indicators.labels import valid_until
from clusterbridge.notifications.models import Notification
from clusterbridge.organisations.queries.directory import directory_version
from tests.benchmarking.factories import AssessorFactory, admin_of, answered_assessment
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_default_set_has_36_indicators_31_quality_in_six_dimensions():
    indicator_set = current_set()
    assert indicator_set.version == 1
    assert indicator_set.dimensions.count() == 6
    assert Indicator.objects.filter(dimension__indicator_set=indicator_set).count() == 36
    assert (
        Indicator.objects.filter(dimension__indicator_set=indicator_set, quality=True).count() == 31
    )


def test_new_version_keeps_old_assessments_on_their_indicators():
    org = OrganisationFactory()
    admin = admin_of(org)
    old = answered_assessment(org, admin, evidence=False)
    draft = copy_as_new_version(indicator_set=current_set())
    assert draft.status == IndicatorSet.Status.DRAFT
    Indicator.objects.filter(dimension__indicator_set=draft, code="budget").update(green_at=1e9)
    publish_set(indicator_set=draft)
    assert current_set() == draft
    old.refresh_from_db()
    assert old.indicator_set.version == 1
    assert old.indicator_set.status == IndicatorSet.Status.RETIRED
    budget = Answer.objects.get(assessment=old, indicator__code="budget")
    assert budget.indicator.green_at == 400000  # the old version is untouched
    with pytest.raises(ValidationError, match=re.escape("Only a draft version can be published.")):
        publish_set(indicator_set=draft)


def test_bad_answers_are_refused_with_clear_messages_and_nothing_is_written():
    org = OrganisationFactory()
    admin = admin_of(org)
    assessment = services.start_assessment(organisation=org, actor=admin)
    share = Indicator.objects.get(
        dimension__indicator_set=assessment.indicator_set, code="private-share"
    )
    fte = Indicator.objects.get(
        dimension__indicator_set=assessment.indicator_set, code="management-fte"
    )
    with pytest.raises(ValidationError) as exc:
        services.save_answers(
            assessment=assessment, raw_by_indicator={fte.pk: "3", share.pk: "140"}, actor=admin
        )
    assert exc.value.messages == [
        "“Private share of financing” must be between 0 and 100 %; 140 given."
    ]
    assert not Answer.objects.filter(assessment=assessment).exists()
    with pytest.raises(
        ValidationError, match=re.escape("“Management team”: “many” is not a number.")
    ):
        services.save_answer(assessment=assessment, indicator_id=fte.pk, raw="many", actor=admin)
    with pytest.raises(ValidationError, match="already has a benchmark in progress"):
        services.start_assessment(organisation=org, actor=admin)


def test_submit_needs_required_answers_and_evidence():
    org = OrganisationFactory()
    admin = admin_of(org)
    assessment = answered_assessment(org, admin, evidence=False)
    with pytest.raises(ValidationError) as exc:
        services.submit_assessment(assessment=assessment, actor=admin)
    assert exc.value.messages[0] == "The benchmark cannot be submitted yet (12 to do):"
    assert "Attach evidence for “Members in total”." in exc.value.messages
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DRAFT


def test_full_flow_validation_awards_bronze_and_records_the_decision(
    django_capture_on_commit_callbacks,
):
    org = OrganisationFactory()
    admin = admin_of(org)
    assessor = AssessorFactory().user
    assessment = answered_assessment(org, admin)
    services.submit_assessment(assessment=assessment, actor=admin)
    assert Notification.objects.filter(user=assessor, kind="benchmarking.submitted").count() == 1
    version = directory_version()
    with django_capture_on_commit_callbacks(execute=True):
        services.validate_assessment(assessment=assessment, assessor=assessor)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.VALIDATED
    assert assessment.overall_score == 100.0
    label = Label.objects.get(organisation=org)
    assert (label.level, label.status) == ("bronze", "active")
    assert label.valid_until == valid_until(label.valid_from)  # two years less a day
    decision = LabelDecision.objects.get(label=label)
    assert (decision.kind, decision.decided_by) == ("awarded", assessor)
    assert decision.reason.startswith("Benchmark validated on ")
    assert directory_version() == version + 1
    assert any("Bronze label" in m.subject for m in mail.outbox)


def test_assessor_cannot_assess_own_organisation_and_changes_need_a_note():
    org = OrganisationFactory()
    admin = admin_of(org)
    assessor = AssessorFactory().user
    MembershipFactory(organisation=org, user=assessor, role="member")
    assessment = answered_assessment(org, admin)
    services.submit_assessment(assessment=assessment, actor=admin)
    with pytest.raises(PermissionDenied, match="You cannot assess a benchmark of your own"):
        services.validate_assessment(assessment=assessment, assessor=assessor)
    other = AssessorFactory().user
    with pytest.raises(ValidationError, match=re.escape("Say what should be changed.")):
        services.request_changes(assessment=assessment, assessor=other, note=" ")
    services.request_changes(assessment=assessment, assessor=other, note="Add the budget proof.")
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.CHANGES_REQUESTED
    assert assessment.is_editable


def _validated(org, admin, assessor, on: datetime.date, **kwargs) -> Assessment:
    assessment = answered_assessment(org, admin, **kwargs)
    services.submit_assessment(assessment=assessment, actor=admin)
    services.validate_assessment(assessment=assessment, assessor=assessor, audited=True)
    Assessment.objects.filter(pk=assessment.pk).update(validated_on=on)
    assessment.refresh_from_db()
    return assessment


def test_silver_before_18_months_is_refused_then_granted_after():
    org = OrganisationFactory()
    admin = admin_of(org)
    assessor = AssessorFactory().user
    _validated(org, admin, assessor, datetime.date(2025, 9, 1), evidence=True)
    second = _validated(org, admin, assessor, datetime.date(2026, 11, 21))
    with pytest.raises(ValidationError) as exc:
        award_label(assessment=second, level="silver", actor=admin)
    assert exc.value.messages == [
        "The Silver label cannot be awarded:",
        "Silver needs a repeat benchmark at least 18 months after the first (validated "
        "1 September 2025); this one is 14 months later.",
    ]
    Assessment.objects.filter(validated_on=datetime.date(2025, 9, 1)).update(
        validated_on=datetime.date(2025, 3, 1)
    )
    label = award_label(assessment=second, level="silver", actor=admin)
    assert label.level == "silver"
    assert list(Label.objects.filter(organisation=org).values_list("level", "status")) == [
        ("silver", "active"),
        ("bronze", "superseded"),
        ("bronze", "superseded"),
    ]
    assert LabelDecision.objects.filter(organisation=org).first().kind == "renewed"


def test_gold_needs_two_assessors():
    org = OrganisationFactory()
    admin = admin_of(org)
    first, second = AssessorFactory().user, AssessorFactory().user
    assessment = _validated(org, admin, first, datetime.date(2026, 11, 20))
    with pytest.raises(ValidationError, match="Gold needs 2 assessors; 1 assessed"):
        award_label(assessment=assessment, level="gold", actor=first)
    with pytest.raises(ValidationError, match="must be another person"):
        services.confirm_as_second_assessor(assessment=assessment, assessor=first)
    services.confirm_as_second_assessor(assessment=assessment, assessor=second)
    assert award_label(assessment=assessment, level="gold", actor=second).level == "gold"


def test_expiry_reminders_and_withdrawal():
    org = OrganisationFactory()
    admin = admin_of(org)
    assessor = AssessorFactory().user
    _validated(org, admin, assessor, datetime.date(2026, 11, 20))
    label = Label.objects.get(organisation=org)
    today = label.valid_until - datetime.timedelta(days=30)
    assert send_expiry_reminders(today=today) == 1
    assert send_expiry_reminders(today=today) == 0  # once only
    assert Notification.objects.filter(user=admin, kind="benchmarking.label_expiring").count() == 1
    assert expire_labels(today=label.valid_until) == 0
    assert expire_labels(today=label.valid_until + datetime.timedelta(days=1)) == 1
    label.refresh_from_db()
    assert label.status == "expired"
    decision = LabelDecision.objects.get(label=label, kind="expired")
    assert decision.decided_by is None
    with pytest.raises(ValidationError, match=re.escape("Only an active label can be withdrawn.")):
        withdraw_label(label=label, actor=StaffFactory(), reason="Misconduct")


def test_withdraw_needs_a_reason():
    org = OrganisationFactory()
    admin = admin_of(org)
    _validated(org, admin, AssessorFactory().user, datetime.date(2026, 11, 20))
    label = Label.objects.get(organisation=org)
    staff = StaffFactory()
    with pytest.raises(ValidationError, match="Give the reason"):
        withdraw_label(label=label, actor=staff, reason="")
    withdraw_label(label=label, actor=staff, reason="False member figures.")
    decision = LabelDecision.objects.get(label=label, kind="withdrawn")
    assert (decision.decided_by, decision.reason) == (staff, "False member figures.")
