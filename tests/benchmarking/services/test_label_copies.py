"""The label services keep the organisation's copy of its current label (label_level,
label_valid_until) in their transactions; the directory reads only that copy."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from clusterbridge.benchmarking.models import Label
from clusterbridge.benchmarking.services import assessments as services
from clusterbridge.benchmarking.services.labels import award_label, expire_labels, withdraw_label
from clusterbridge.organisations.models import Organisation
from clusterbridge.organisations.queries.directory import DirectoryQuery, search
from tests.benchmarking.factories import AssessorFactory, admin_of, answered_assessment
from tests.factories import OrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db


def copy_of(organisation) -> tuple[str, datetime.date | None]:
    return tuple(
        Organisation.objects.filter(pk=organisation.pk)
        .values_list("label_level", "label_valid_until")
        .get()
    )


def labelled(name: str = "Alpha Cluster") -> tuple[Organisation, Label]:
    org = OrganisationFactory(name=name)
    admin = admin_of(org)
    assessment = answered_assessment(org, admin)
    services.submit_assessment(assessment=assessment, actor=admin)
    services.validate_assessment(assessment=assessment, assessor=AssessorFactory().user)
    return org, Label.objects.get(organisation=org, status="active")


def test_validation_awards_bronze_and_copies_it_to_the_organisation():
    org, label = labelled()
    assert label.level == "bronze"
    assert copy_of(org) == ("bronze", label.valid_until)
    assert [o.name for o in search(DirectoryQuery(labels=("bronze",)))] == ["Alpha Cluster"]


def test_a_higher_label_replaces_the_copy():
    org = OrganisationFactory()
    admin = admin_of(org)
    first, second = AssessorFactory().user, AssessorFactory().user
    assessment = answered_assessment(org, admin)
    services.submit_assessment(assessment=assessment, actor=admin)
    services.validate_assessment(assessment=assessment, assessor=first)
    services.confirm_as_second_assessor(assessment=assessment, assessor=second)
    today = datetime.date.today() + datetime.timedelta(days=3)
    gold = award_label(assessment=assessment, level="gold", actor=second, today=today)
    assert copy_of(org) == ("gold", gold.valid_until)
    assert gold.valid_until > Label.objects.get(organisation=org, level="bronze").valid_until


def test_a_refused_award_leaves_the_copy_alone():
    org, label = labelled()
    assessment = label.assessment
    with pytest.raises(ValidationError):
        award_label(assessment=assessment, level="silver", actor=StaffFactory())
    assert copy_of(org) == ("bronze", label.valid_until)


def test_withdrawal_clears_the_copy():
    org, label = labelled()
    other, other_label = labelled("Beta Cluster")
    withdraw_label(label=label, actor=StaffFactory(), reason="False member figures.")
    assert copy_of(org) == ("", None)
    assert copy_of(other) == ("bronze", other_label.valid_until)
    assert [o.name for o in search(DirectoryQuery(labels=("bronze",)))] == ["Beta Cluster"]


def test_expiry_clears_the_copy_of_expired_labels_only():
    org, label = labelled()
    other, other_label = labelled("Beta Cluster")
    Label.objects.filter(pk=other_label.pk).update(
        valid_until=label.valid_until + datetime.timedelta(days=10)
    )
    assert expire_labels(today=label.valid_until + datetime.timedelta(days=1)) == 1
    assert copy_of(org) == ("", None)
    assert copy_of(other) == ("bronze", other_label.valid_until)  # not expired: untouched


def test_the_data_migration_fills_the_copy_from_active_labels():
    org, label = labelled()
    withdrawn_org, withdrawn = labelled("Beta Cluster")
    Label.objects.filter(pk=withdrawn.pk).update(status="withdrawn")
    Organisation.objects.update(label_level="", label_valid_until=None)
    migration = importlib.import_module(
        "clusterbridge.benchmarking.migrations.0004_organisation_label_copies"
    )
    migration.fill(apps, None)
    assert copy_of(org) == ("bronze", label.valid_until)
    assert copy_of(withdrawn_org) == ("", None)
    migration.clear(apps, None)
    assert copy_of(org) == ("", None)
