"""The benchmark report PDF: any European name prints (embedded Unicode font), answers and
ratings as their labels, never the stored codes."""

from __future__ import annotations

import re

import pytest

from tests.benchmarking.factories import admin_of, answered_assessment
from tests.factories import PASSWORD, OrganisationFactory
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.django_db

PLACES = "Łódź, Timișoara, Plzeň, Šibenik, İzmir"


@pytest.fixture
def report(client):
    org = OrganisationFactory(name=f"{PLACES} & <Partners> Cluster", slug="places")
    admin = admin_of(org)
    assessment = answered_assessment(
        org, admin, evidence=False,
        values={"strategy": "draft", "action-plan": "yes", "member-satisfaction": "no",
                "management-fte": "3", "geographic-focus": "Dolnośląskie, Ústecký kraj"},
    )  # fmt: skip
    client.login(email=admin.email, password=PASSWORD)
    response = client.get(f"/benchmarking/assessments/{assessment.pk}/report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return pdf_text(response.content)


def test_report_pdf_prints_every_european_letter(report):
    assert report.startswith(
        f"Cluster management benchmark: {PLACES} & <Partners> Cluster "
        "Status: Draft · indicator set v1 Overall score:"
    )
    assert "■" not in report
    assert "Geographic concentration Dolnośląskie, Ústecký kraj — — —" in report


def test_report_pdf_shows_labels_not_stored_values(report):
    assert "Documented strategy Drafted, not adopted Yellow" in report
    assert "Yearly action plan with targets Yes Green" in report
    assert "Member satisfaction survey No Red" in report
    assert "Management team 3 FTE" in report
    assert " draft " not in report
    assert not re.search(r"\b(yes|no|green|yellow|red)\b", report)
