"""List pages and API lists of benchmarking use a fixed number of SQL queries: the same for
a few rows as for many (DEVELOPERS.md: each list view has a query-count test)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from clusterbridge.benchmarking.models import Label, LabelDecision
from clusterbridge.benchmarking.services.labels import withdraw_label
from tests.benchmarking.factories import (
    AssessorFactory,
    admin_of,
    submitted_assessment,
    validated_assessment,
)
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def _queries(client, url: str, **params) -> tuple[int, object]:
    client.get(url, params)  # warm up caches (content types, sessions, directory version)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    return len(captured.captured_queries), response


def _labelled_org(name: str, admin=None):
    org = OrganisationFactory(name=name, sectors=["automotive"])
    if admin is not None:
        MembershipFactory(organisation=org, user=admin)
    validated_assessment(org)
    return org


def test_organisation_area_is_constant_in_the_number_of_organisations(client):
    admin = UserFactory()
    _labelled_org("Cluster 0", admin)
    client.force_login(admin)
    few, response = _queries(client, "/benchmarking/")
    assert len(response.context["organisations"]) == 1
    for i in range(1, 4):
        _labelled_org(f"Cluster {i}", admin)
    MembershipFactory(organisation=OrganisationFactory(name="Cluster 4"), user=admin)
    many, response = _queries(client, "/benchmarking/")
    rows = response.context["organisations"]
    assert [(r["organisation"].name, r["label"].level) for r in rows if r["label"]] == [
        ("Cluster 0", "bronze"),
        ("Cluster 1", "bronze"),
        ("Cluster 2", "bronze"),
        ("Cluster 3", "bronze"),
    ]
    assert [r["can_start"] for r in rows] == [True] * 5
    assert many == few


def test_start_is_offered_only_for_cluster_organisations(client):
    admin = UserFactory()
    MembershipFactory(
        organisation=OrganisationFactory(name="A Company", kind="company"), user=admin
    )
    client.force_login(admin)
    response = client.get("/benchmarking/")
    assert [r["can_start"] for r in response.context["organisations"]] == [False]
    assert 'id="start-benchmark"' not in response.content.decode()


def test_review_queue_is_constant_in_the_number_of_benchmarks(client):
    assessor = AssessorFactory().user
    submitted_assessment(OrganisationFactory(name="Queue 0"))
    client.force_login(assessor)
    few, response = _queries(client, "/benchmarking/")
    assert len(response.context["queue"]) == 1
    for i in range(1, 5):
        submitted_assessment(OrganisationFactory(name=f"Queue {i}"))
    many, response = _queries(client, "/benchmarking/")
    assert [a.organisation.name for a in response.context["queue"]] == [
        f"Queue {i}" for i in range(5)
    ]
    assert many == few


@pytest.mark.parametrize("viewer", ["admin", "staff"])
def test_report_is_constant_in_peers_and_decisions(client, viewer):
    org = OrganisationFactory(name="Target Cluster", sectors=["automotive"])
    admin = admin_of(org)
    assessment = validated_assessment(org, admin)
    client.force_login(admin if viewer == "admin" else StaffFactory())
    url = f"/benchmarking/assessments/{assessment.pk}/report/"
    few, response = _queries(client, url)
    assert len(response.context["decisions"]) == 1
    assert response.context["comparison"][0].population == 1
    for i in range(4):
        _labelled_org(f"Peer {i}")
    staff = StaffFactory()
    label = Label.objects.get(organisation=org, status="active")
    withdraw_label(label=label, actor=staff, reason="Test withdrawal.")
    for i in range(3):
        LabelDecision.objects.create(
            organisation=org,
            assessment=assessment,
            level="silver",
            kind=LabelDecision.Kind.REFUSED,
            decided_by=AssessorFactory().user,
            reason=f"Refusal {i}.",
        )
    many, response = _queries(client, url)
    assert len(response.context["decisions"]) == 5
    assert response.context["comparison"][0].population == 5
    assert response.context["comparison"][0].peers == 5
    assert many == few


def test_decision_history_is_constant_in_the_number_of_decisions(client):
    org = OrganisationFactory(name="History Cluster")
    admin = admin_of(org)
    assessment = validated_assessment(org, admin)
    client.force_login(admin)
    url = f"/benchmarking/organisations/{org.slug}/label-decisions/"
    few, response = _queries(client, url)
    assert len(response.context["decisions"]) == 1
    for i in range(5):
        LabelDecision.objects.create(
            organisation=org,
            assessment=assessment if i % 2 else None,
            level="gold",
            kind=LabelDecision.Kind.REFUSED,
            decided_by=AssessorFactory().user if i % 3 else None,
            reason=f"Refusal {i}.",
        )
    many, response = _queries(client, url)
    assert len(response.context["decisions"]) == 6
    assert many == few


def test_api_labels_list_is_constant(client):
    api = APIClient()
    _labelled_org("Api 0")
    few, response = _queries(api, "/api/v1/labels/")
    assert response.json()["count"] == 1
    for i in range(1, 5):
        _labelled_org(f"Api {i}")
    many, response = _queries(api, "/api/v1/labels/")
    assert [r["organisation"] for r in response.json()["results"]] == [f"Api {i}" for i in range(5)]
    assert many == few


def test_api_organisation_assessments_list_is_constant():
    org = OrganisationFactory(name="Repeat Cluster")
    admin = admin_of(org)
    assessor = AssessorFactory().user
    validated_assessment(org, admin, assessor)
    api = APIClient()
    api.force_authenticate(admin)
    url = f"/api/v1/organisations/{org.slug}/assessments/"
    few, response = _queries(api, url)
    assert response.json()["count"] == 1
    validated_assessment(org, admin, assessor)
    validated_assessment(org, admin, assessor)
    submitted_assessment(org, admin)
    many, response = _queries(api, url)
    assert [r["status"] for r in response.json()["results"]] == [
        "submitted",
        "validated",
        "validated",
        "validated",
    ]
    assert many == few
