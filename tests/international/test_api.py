"""Country pages in the API: public list with facets and filters, detail with arrangements
and gateways, drafts a JSON 404 to everyone but staff."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from clusterbridge.taxonomy.models import ClusterCategory
from tests.factories import StaffFactory, UserFactory
from tests.international.factories import PDF, arrangement, draft, gateway, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_the_list_is_public_and_filtered_by_priority(api):
    auto = ClusterCategory.objects.get(code="automotive")
    published(country="US", name="United States", sectors=[auto])
    published(country="KR", name="South Korea", priority="partner")
    draft(country="CN", name="China")
    data = api.get("/api/v1/countries/").json()
    assert [c["country"] for c in data["results"]] == ["KR", "US"]
    assert {f["name"] for f in data["facets"]} == {"priorities", "sectors"}
    data = api.get("/api/v1/countries/", {"priority": "priority"}).json()
    assert [(c["slug"], c["sectors"]) for c in data["results"]] == [("us", ["automotive"])]
    response = api.get("/api/v1/countries/", {"priority": "top"})
    assert response.status_code == 400 and "error" in response.json()


def test_the_detail_has_arrangements_and_gateways(api, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = published(country="JP", name="Japan", capital="Tokyo")
    signed = arrangement(page, title="METI arrangement", document=SimpleUploadedFile("a.pdf", PDF))
    gateway(
        page, name="EU-Japan Centre", url="https://www.eu-japan.eu/", contact_email="j@example.org"
    )
    data = api.get("/api/v1/countries/jp/").json()
    assert (data["name"], data["priority"], data["capital"]) == ("Japan", "priority", "Tokyo")
    assert data["arrangements"] == [
        {
            "id": signed.pk,
            "title": "METI arrangement",
            "counterpart": "Ministry of Industry",
            "signed_on": "2024-05-02",
            "scope": "",
            "document_url": f"/international/jp/arrangements/{signed.pk}/document/",
        }
    ]
    assert [g["name"] for g in data["gateways"]] == ["EU-Japan Centre"]


def test_a_draft_is_a_json_404_except_for_staff(api):
    draft(country="CN")
    response = api.get("/api/v1/countries/cn/")
    assert response.status_code == 404
    assert response.json() == {
        "error": "not_found",
        "message": "No country page with this identifier.",
    }
    api.force_authenticate(UserFactory())
    assert api.get("/api/v1/countries/cn/").status_code == 404
    api.force_authenticate(StaffFactory())
    assert api.get("/api/v1/countries/cn/").status_code == 200


def test_the_list_makes_a_fixed_number_of_queries(api):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    auto = ClusterCategory.objects.get(code="automotive")
    codes = ["US", "KR", "JP", "CA", "IN", "BR"]

    def count():
        api.get("/api/v1/countries/")
        with CaptureQueriesContext(connection) as captured:
            assert api.get("/api/v1/countries/").status_code == 200
        return len(captured.captured_queries)

    for code in codes[:2]:
        published(country=code, sectors=[auto])
    few = count()
    for code in codes[2:]:
        published(country=code, sectors=[auto])
    assert count() == few
