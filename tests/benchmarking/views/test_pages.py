"""Benchmarking pages and API: permissions, labels list + CSV, directory filter, query counts."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from clusterbridge.benchmarking.models import Assessment
from clusterbridge.benchmarking.services import assessments as services
from tests.benchmarking.factories import AssessorFactory, admin_of, answered_assessment
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _labelled(name: str, country: str = "DE", **org_fields) -> Assessment:
    org = OrganisationFactory(name=name, country=country, **org_fields)
    admin = admin_of(org)
    assessment = answered_assessment(org, admin, evidence=False, values={})
    Assessment.objects.filter(pk=assessment.pk).update(status="submitted")
    assessment.refresh_from_db()
    services.validate_assessment(assessment=assessment, assessor=AssessorFactory().user)
    return assessment


def test_labels_list_filters_and_csv(client):
    _labelled("Alpha Cluster", "DE")
    _labelled("Beta Cluster", "FR")
    response = client.get("/benchmarking/labels/?country=FR")
    assert response.status_code == 200
    assert [label.organisation.name for label in response.context["labels"]] == ["Beta Cluster"]
    assert client.get("/benchmarking/labels/?level=platinum").status_code == 400
    csv_text = b"".join(client.get("/benchmarking/labels.csv?level=bronze").streaming_content)
    rows = csv_text.decode().splitlines()
    assert rows[0] == "name,country,label,valid_from,valid_until,url"
    assert [r.split(",")[0] for r in rows[1:]] == ["Alpha Cluster", "Beta Cluster"]


def test_labels_csv_neutralises_spreadsheet_formulas_in_organisation_names(client):
    _labelled('=HYPERLINK("https://evil.example","Click")', slug="evil-cluster")
    _labelled("-1+2 Cluster", slug="minus-cluster")
    _labelled("Alpha Cluster")
    response = client.get("/benchmarking/labels.csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["name", "country", "label", "valid_from", "valid_until", "url"]
    assert sorted(row[0] for row in rows[1:]) == [
        "'-1+2 Cluster",
        '\'=HYPERLINK("https://evil.example","Click")',
        "Alpha Cluster",
    ]
    evil = next(row for row in rows if row[0].startswith("'="))
    assert evil[1:3] == ["DE", "bronze"]
    assert evil[5] == "/organisations/evil-cluster/"


def test_labels_list_query_count_is_constant(client):
    _labelled("Alpha Cluster")
    client.get("/benchmarking/labels/")
    with CaptureQueriesContext(connection) as few:
        client.get("/benchmarking/labels/")
    for i in range(4):
        _labelled(f"More Cluster {i}")
    with CaptureQueriesContext(connection) as many:
        client.get("/benchmarking/labels/")
    assert len(few.captured_queries) == len(many.captured_queries)


def test_directory_label_filter_facet_and_api():
    _labelled("Alpha Cluster")
    OrganisationFactory(name="Plain Cluster")
    api = APIClient()
    body = api.get("/api/v1/organisations/", {"label": "bronze"}).json()
    assert [r["name"] for r in body["results"]] == ["Alpha Cluster"]
    labels = next(f for f in body["facets"] if f["name"] == "labels")
    assert labels["values"][0] == {
        "value": "bronze",
        "label": "Bronze",
        "count": 1,
        "selected": True,
    }
    bad = api.get("/api/v1/organisations/", {"label": "platinum"})
    assert bad.status_code == 400
    assert bad.json()["message"] == ("Unknown label level (use bronze, silver or gold) “platinum”.")
    assert api.get("/api/v1/organisations/alpha-cluster/").json()["label"] == "bronze"
    assert api.get("/api/v1/labels/").json()["results"][0]["organisation"] == "Alpha Cluster"


def test_assessment_pages_are_404_for_outsiders_and_reports_for_members(client):
    assessment = _labelled("Alpha Cluster")
    client.force_login(UserFactory())
    assert client.get(f"/benchmarking/assessments/{assessment.pk}/").status_code == 404
    assert client.get(f"/benchmarking/assessments/{assessment.pk}/report.pdf").status_code == 404
    admin = assessment.organisation.memberships.get().user
    client.force_login(admin)
    report = client.get(f"/benchmarking/assessments/{assessment.pk}/report/")
    assert report.status_code == 200
    assert report.context["scores"].overall == 100.0
    pdf = client.get(f"/benchmarking/assessments/{assessment.pk}/report.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    api = APIClient()
    api.force_authenticate(admin)
    listed = api.get("/api/v1/organisations/alpha-cluster/assessments/").json()
    assert [a["overall_score"] for a in listed["results"]] == [100.0]
    assert api.get(f"/api/v1/assessments/{assessment.pk}/report/").json()["overall_score"] == 100.0


def test_autosave_answers_a_clear_error(client):
    org = OrganisationFactory()
    admin = admin_of(org)
    client.force_login(admin)
    client.post(f"/benchmarking/start/{org.slug}/")
    assessment = Assessment.objects.get(organisation=org)
    indicator = assessment.indicator_set.dimensions.first().indicators.get(code="members-total")
    url = f"/benchmarking/assessments/{assessment.pk}/answers/{indicator.pk}/"
    bad = client.post(url, {f"answer-{indicator.pk}": "-5"})
    assert bad.status_code == 400
    assert (
        "“Members in total” must be between 0 and 100000 members; -5 given." in bad.content.decode()
    )
    good = client.post(url, {f"answer-{indicator.pk}": "120"})
    assert good.status_code == 200
    assert "green" in good.content.decode()


def test_label_reminders_run_as_a_periodic_job(capsys):
    from django.core.management import call_command

    from clusterbridge.benchmarking.models import Label

    _labelled("Alpha Cluster")
    Label.objects.update(valid_until=datetime.date.today() + datetime.timedelta(days=30))
    call_command("runperiodic", run="benchmarking.labels")
    assert capsys.readouterr().out.strip() == "benchmarking.labels: 0 label(s) expired, 1 reminded."
