"""The documents library in the API: the list (public documents for everyone who sees the
partnership, members-only ones for its people), upload (multipart) and delete through the
same services and checks, the file, and 404 for whatever the reader may not see."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from clusterbridge.partnerships.models import PartnershipDocument
from tests.factories import StaffFactory
from tests.partnerships.factories import proposed, with_partner
from tests.partnerships.test_documents import PDF_BYTES, add, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def _base(world) -> str:
    return f"/api/v1/partnerships/{world['partnership'].slug}/documents/"


def test_the_list_shows_public_documents_to_everyone_and_all_to_members(world, api):
    secret = add(world, title="Internal minutes")
    public = add(world, title="Public brochure", visibility="public")
    data = api.get(_base(world)).json()
    assert data["count"] == 1
    slug = world["partnership"].slug
    assert data["results"][0] == {
        "id": public.pk,
        "partnership": slug,
        "title": "Public brochure",
        "description": "",
        "category": "strategy",
        "visibility": "public",
        "dated_on": "2026-10-01",
        "file_name": "strategy.pdf",
        "content_type": "application/pdf",
        "size": len(PDF_BYTES),
        "uploaded_by": "Paula Partner",
        "created_at": data["results"][0]["created_at"],
        "url": f"/partnerships/{slug}/documents/{public.pk}/file/",
        "download": f"/api/v1/partnerships/{slug}/documents/{public.pk}/file/",
    }
    api.force_authenticate(world["outsider"])
    assert api.get(_base(world)).json()["count"] == 1
    assert api.get(f"{_base(world)}{secret.pk}/").status_code == 404
    response = api.get(f"{_base(world)}{secret.pk}/file/")
    assert response.status_code == 404
    assert response.json() == {
        "error": "not_found",
        "message": "No document with this identifier.",
    }
    response = api.get(f"{_base(world)}{public.pk}/file/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    api.force_authenticate(world["partner_admin"])
    data = api.get(_base(world)).json()
    assert [d["title"] for d in data["results"]] == ["Public brochure", "Internal minutes"]
    assert api.get(_base(world), {"category": "minutes"}).json()["count"] == 0
    response = api.get(_base(world), {"category": "gossip"})
    assert response.status_code == 400
    assert response.json()["message"] == (
        "Select a valid choice. gossip is not one of the available choices."
    )


def test_a_reserved_partnership_is_404_to_outsiders(api):
    partnership = proposed(name="Draft")
    with_partner(partnership)
    url = f"/api/v1/partnerships/{partnership.slug}/documents/"
    response = api.get(url)
    assert response.status_code == 404
    assert response.json()["message"] == "No partnership with this identifier."
    api.force_authenticate(partnership.proposed_by)
    assert api.get(url).status_code == 200


def test_upload_through_the_service_with_the_same_checks(world, api):
    url = _base(world)
    form = {"title": "Minutes", "category": "minutes", "file": pdf("minutes.pdf")}
    assert api.post(url, form, format="multipart").status_code == 401
    api.force_authenticate(world["outsider"])
    response = api.post(url, form | {"file": pdf()}, format="multipart")
    assert response.status_code == 403
    assert response.json()["message"] == (
        "Only the people of the partnership's member organisations add documents to its library."
    )
    api.force_authenticate(world["partner_member"])
    response = api.post(
        url,
        {"title": "Tool", "category": "other", "file": SimpleUploadedFile("tool.pdf", b"MZ\x90")},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["message"] == (
        "file: “tool.pdf” is not a file type we accept (PDF, Word, Excel, PowerPoint, "
        "OpenDocument, PNG, JPEG, GIF or WebP)."
    )
    response = api.post(url, form | {"category": "gossip", "file": pdf()}, format="multipart")
    assert response.status_code == 400
    assert response.json()["message"] == 'category: "gossip" is not a valid choice.'
    assert not PartnershipDocument.objects.exists()
    response = api.post(url, form | {"file": pdf("minutes.pdf")}, format="multipart")
    assert response.status_code == 201, response.json()
    created = PartnershipDocument.objects.get()
    assert response.json()["id"] == created.pk
    assert response.json()["visibility"] == "members"
    assert created.uploaded_by == world["partner_member"]


def test_delete_by_the_uploader_or_staff_only(world, api):
    document = add(world, visibility="public")
    url = f"{_base(world)}{document.pk}/"
    assert api.delete(url).status_code == 401
    api.force_authenticate(world["outsider"])
    assert api.delete(url).status_code == 403  # a public document they see, not theirs
    api.force_authenticate(world["partner_admin"])
    assert api.delete(url).status_code == 403
    api.force_authenticate(StaffFactory())
    assert api.delete(url).status_code == 204
    assert not PartnershipDocument.objects.exists()
    assert api.delete(url).status_code == 404


def test_the_list_uses_a_fixed_number_of_queries(world, api):
    api.force_authenticate(world["partner_member"])
    add(world)
    api.get(_base(world))
    with CaptureQueriesContext(connection) as few:
        api.get(_base(world))
    for i in range(8):
        add(world, title=f"Doc {i}")
    with CaptureQueriesContext(connection) as many:
        assert api.get(_base(world)).json()["count"] == 9
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_schema_documents_the_endpoints(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    if schema.status_code != 200:
        schema = api.get("/api/v1/schema/?format=json")
    body = schema.content.decode()
    assert "/api/v1/partnerships/{slug}/documents/" in body
    assert "/api/v1/partnerships/{slug}/documents/{id}/file/" in body
    assert "multipart/form-data" in body


def test_the_api_answers_in_the_readers_language(world, api):
    secret = add(world)
    api.force_authenticate(world["outsider"])
    response = api.get(f"{_base(world)}{secret.pk}/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.json()["message"] == "Aucun document avec cet identifiant."
    response = api.post(
        _base(world),
        {"title": "X", "category": "other", "file": pdf()},
        format="multipart",
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert response.status_code == 403
    assert response.json()["message"] == (
        "Nur die Personen der Mitgliedsorganisationen der Partnerschaft fügen ihrer Bibliothek "
        "Dokumente hinzu."
    )
