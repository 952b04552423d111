"""The documents library: services (who may add, change, delete), the file checks, the
permissions (members-only documents are 404 to outsiders, page and file), the pages with
fixed numbers of queries, and the CSV list."""

from __future__ import annotations

import csv
import datetime
import io
import json
import struct
import zlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusterbridge.common.models import AuditEntry
from clusterbridge.notifications.models import Notification
from clusterbridge.organisations.models import Membership
from clusterbridge.partnerships import validators
from clusterbridge.partnerships.models import PartnershipDocument
from clusterbridge.partnerships.services import documents as services
from clusterbridge.partnerships.services.partnerships import withdraw
from tests import files
from tests.factories import PASSWORD, StaffFactory, UserFactory
from tests.partnerships.factories import admin_of, proposed, published, with_partner

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def pdf(name="strategy.pdf", content=PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims the given size (a "decompression bomb" when huge)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0"))
        + chunk(b"IEND", b"")
    )


def stored_files(settings) -> list[str]:
    folder = settings.MEDIA_ROOT / "partnerships" / "documents"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def add(world, actor=None, *, visibility="members", title="Strategy 2027", **kwargs):
    kwargs.setdefault("upload", pdf())
    return services.add_document(
        partnership=world["partnership"],
        actor=actor or world["partner_member"],
        title=title,
        category="strategy",
        visibility=visibility,
        dated_on=datetime.date(2026, 10, 1),
        **kwargs,
    )


def _login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


# -- services ---------------------------------------------------------------------------------


def test_a_member_adds_a_members_only_document_and_the_other_people_are_notified(world, settings):
    document = add(world, description="  Our plan.  ")
    assert document.title == "Strategy 2027"
    assert document.description == "Our plan."
    assert document.original_name == "strategy.pdf"
    assert document.content_type == "application/pdf"
    assert document.size == len(PDF_BYTES)
    assert document.uploaded_by == world["partner_member"]
    # A random storage name under a private folder, never the uploader's file name.
    assert document.file.name.startswith("partnerships/documents/")
    assert "strategy" not in document.file.name
    assert len(stored_files(settings)) == 1
    with document.file.open("rb") as handle:
        assert handle.read() == PDF_BYTES
    entry = AuditEntry.objects.get(action="partnerships.document_added")
    assert entry.changes == {
        "document": document.pk,
        "title": "Strategy 2027",
        "visibility": "members",
    }
    notified = set(
        Notification.objects.filter(kind="partnerships.document").values_list("user", flat=True)
    )
    assert notified == {world["coordinator_admin"].pk, world["partner_admin"].pk}
    notice = Notification.objects.filter(user=world["partner_admin"]).latest("pk")
    assert notice.params == {
        "author": "Paula Partner",
        "title": "Strategy 2027",
        "partnership": "Hydrogen Library",
    }
    assert notice.url == f"/partnerships/{world['partnership'].slug}/documents/{document.pk}/file/"


def test_a_public_document_notifies_nobody(world):
    add(world, visibility="public")
    assert not Notification.objects.filter(kind="partnerships.document").exists()


@pytest.mark.parametrize("who", ["outsider", "invited", "anonymous_like"])
def test_people_outside_the_partnership_may_not_add_documents(world, settings, who):
    if who == "invited":
        invited = with_partner(world["partnership"], accept=None)
        actor = admin_of(invited.organisation)
    elif who == "anonymous_like":
        actor = UserFactory(is_active=True)
    else:
        actor = world["outsider"]
    with pytest.raises(PermissionDenied) as excinfo:
        add(world, actor)
    assert str(excinfo.value) == (
        "Only the people of the partnership's member organisations add documents to its library."
    )
    assert not PartnershipDocument.objects.exists()
    assert stored_files(settings) == []
    assert not AuditEntry.objects.filter(action="partnerships.document_added").exists()


def test_staff_may_add_and_a_withdrawn_partnership_takes_no_documents(world):
    assert add(world, StaffFactory()).uploaded_by.is_staff
    withdraw(partnership=world["partnership"], actor=world["coordinator_admin"])
    with pytest.raises(PermissionDenied):
        add(world)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": "  "}, "The title is empty."),
        ({"category": "gossip"}, "Unknown category “gossip”; use one of: strategy, minutes, "
         "report, presentation, other."),
        ({"visibility": "secret"}, "Unknown visibility “secret”; use one of: members, public."),
        ({"description": "x" * 2001}, "The description is 2,001 characters long; at most "
         "2,000."),
        ({"dated_on": datetime.date(2099, 1, 1)}, "The document's date is more than a year ahead."),
        ({"upload": None}, "Choose a file to upload."),
    ],
)  # fmt: skip
def test_bad_input_is_refused_and_nothing_is_written(world, settings, fields, message):
    data = {
        "partnership": world["partnership"],
        "actor": world["partner_member"],
        "title": "Minutes",
        "category": "minutes",
        "visibility": "members",
        "upload": pdf(),
        **fields,
    }
    with pytest.raises(ValidationError) as excinfo:
        services.add_document(**data)
    assert excinfo.value.messages == [message]
    assert not PartnershipDocument.objects.exists()
    assert stored_files(settings) == []


def test_the_uploader_and_the_coordinators_admins_change_a_document_others_do_not(
    world, settings, django_capture_on_commit_callbacks
):
    document = add(world)
    old_name = document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        changed = services.update_document(
            document=document,
            actor=world["partner_member"],
            title="Strategy 2027 (v2)",
            category="strategy",
            visibility="public",
            upload=pdf("strategy-v2.pdf", PDF_BYTES + b"%v2\n"),
        )
    assert changed.title == "Strategy 2027 (v2)"
    assert changed.visibility == "public"
    assert changed.original_name == "strategy-v2.pdf"
    assert changed.dated_on == datetime.date(2026, 10, 1)  # kept when not given
    assert changed.file.name != old_name
    # The replaced file is kept as an earlier version.
    earlier = changed.versions.get()
    assert (earlier.file.name, earlier.original_name, earlier.size) == (
        old_name,
        "strategy.pdf",
        len(PDF_BYTES),
    )
    assert earlier.replaced_by == world["partner_member"]
    assert len(stored_files(settings)) == 2
    entry = AuditEntry.objects.get(action="partnerships.document_updated")
    assert entry.changes == {
        "document": document.pk,
        "title": ["Strategy 2027", "Strategy 2027 (v2)"],
        "visibility": ["members", "public"],
        "file": ["strategy.pdf", "strategy-v2.pdf"],
    }
    services.update_document(
        document=document,
        actor=world["coordinator_admin"],
        title="By the coordinator",
        category="report",
        visibility="members",
    )
    for actor in (world["partner_admin"], world["outsider"]):
        with pytest.raises(PermissionDenied) as excinfo:
            services.update_document(
                document=document, actor=actor, title="X", category="other", visibility="public"
            )
        assert str(excinfo.value) == (
            "Only the person who uploaded a document or the coordinator's administrators change it."
        )
    document.refresh_from_db()
    assert document.title == "By the coordinator"


def test_an_uploader_who_left_the_member_organisations_may_no_longer_change_it(world):
    document = add(world)
    Membership.objects.filter(user=world["partner_member"]).delete()
    with pytest.raises(PermissionDenied):
        services.delete_document(document=document, actor=world["partner_member"])


def test_deleting_removes_the_row_and_then_the_file(
    world, settings, django_capture_on_commit_callbacks
):
    document = add(world)
    with pytest.raises(PermissionDenied):
        services.delete_document(document=document, actor=world["outsider"])
    assert len(stored_files(settings)) == 1
    services.update_document(
        document=document,
        actor=world["partner_member"],
        title="Strategy 2027",
        category="strategy",
        visibility="members",
        upload=pdf("v2.pdf"),
    )
    assert len(stored_files(settings)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_document(document=document, actor=StaffFactory())
    assert not PartnershipDocument.objects.exists()
    assert stored_files(settings) == []  # the earlier version's file too
    entry = AuditEntry.objects.get(action="partnerships.document_deleted")
    assert entry.changes == {"document": document.pk, "title": "Strategy 2027"}


def test_a_partnership_deleted_with_its_coordinator_takes_its_files(
    world, settings, django_capture_on_commit_callbacks
):
    add(world)
    with django_capture_on_commit_callbacks(execute=True):
        world["partnership"].coordinator.delete()
    assert stored_files(settings) == []


# -- validators -------------------------------------------------------------------------------


def _refused(upload) -> ValidationError:
    with pytest.raises(ValidationError) as excinfo:
        validators.validate_document_file(upload)
    return excinfo.value


def test_accepted_types_pass():
    assert validators.validate_document_file(pdf()) == "application/pdf"
    odt = SimpleUploadedFile("minutes.odt", files.odt())
    assert validators.validate_document_file(odt) == "application/vnd.oasis.opendocument.text"
    docx = SimpleUploadedFile("minutes.docx", files.docx())
    assert validators.validate_document_file(docx).endswith("wordprocessingml.document")
    small = SimpleUploadedFile("chart.png", png_header_only(600, 400))
    assert validators.validate_document_file(small) == "image/png"


def test_a_file_of_another_type_is_refused():
    error = _refused(SimpleUploadedFile("tool.pdf", b"MZ\x90\x00 an executable"))
    assert error.code == "attachment_type"
    assert error.messages == [
        "“tool.pdf” is not a file type we accept (PDF, Word, Excel, PowerPoint, OpenDocument, "
        "PNG, JPEG, GIF or WebP)."
    ]


def test_a_file_whose_name_lies_is_refused():
    error = _refused(SimpleUploadedFile("report.docx", PDF_BYTES))
    assert error.code == "attachment_extension"
    assert error.messages == [
        "“report.docx” does not contain what its name says (its content is pdf)."
    ]


def test_a_file_over_the_limit_is_refused(settings):
    settings.PARTNERSHIP_DOCUMENT_MAX_BYTES = 1024 * 1024
    error = _refused(pdf(content=PDF_BYTES + b"0" * (1024 * 1024)))
    assert error.code == "attachment_too_large"
    assert error.messages == ["“strategy.pdf” is 1.1 MB; the limit is 1.0 MB."]


def test_an_empty_file_is_refused():
    assert _refused(pdf(content=b"")).code == "attachment_empty"


def test_a_decompression_bomb_image_is_refused():
    error = _refused(SimpleUploadedFile("map.png", png_header_only(40_000, 40_000)))
    assert error.code in {"document_image_dimensions", "document_image_invalid"}
    tall = _refused(SimpleUploadedFile("map.png", png_header_only(12_000, 10)))
    assert tall.messages == [
        "The image “map.png” is 12000×10 pixels; at most 10000 pixels per side."
    ]


def test_a_zip_bomb_is_refused():
    error = _refused(SimpleUploadedFile("minutes.docx", files.docx_bomb()))
    assert error.code == "archive_bomb"


# -- permissions and pages ---------------------------------------------------------------------


def test_members_only_documents_are_404_to_outsiders_page_and_file(world, client):
    secret = add(world, title="Internal minutes")
    public = add(world, title="Public brochure", visibility="public")
    slug = world["partnership"].slug
    reserved_urls = [
        f"/partnerships/{slug}/documents/{secret.pk}/file/",
        f"/partnerships/{slug}/documents/{secret.pk}/edit/",
    ]
    for user in (None, world["outsider"]):
        client.logout()
        if user:
            _login(client, user)
        for url in reserved_urls:
            assert client.get(url).status_code in (404, 302), url
        if user:
            for url in reserved_urls:
                assert client.get(url).status_code == 404, url
            response = client.post(f"/partnerships/{slug}/documents/{secret.pk}/delete/")
            assert response.status_code == 404
        assert client.get(f"/partnerships/{slug}/documents/{secret.pk}/file/").status_code == 404
        body = client.get(f"/partnerships/{slug}/documents/").content.decode()
        assert "Public brochure" in body and "Internal minutes" not in body
        assert 'id="document-form"' not in body
        body = client.get(f"/partnerships/{slug}/").content.decode()
        assert "Public brochure" in body and "Internal minutes" not in body
        response = client.get(f"/partnerships/{slug}/documents/{public.pk}/file/")
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF_BYTES
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "private, no-store"
        assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    # A document of one partnership is not reachable under another's address.
    other = published(name="Other Partnership")
    assert client.get(f"/partnerships/{other.slug}/documents/{public.pk}/file/").status_code == 404
    assert PartnershipDocument.objects.count() == 2


def test_public_documents_of_an_unpublished_partnership_stay_hidden(client):
    partnership = proposed(name="Draft")
    with_partner(partnership)
    actor = partnership.proposed_by
    document = services.add_document(
        partnership=partnership,
        actor=actor,
        title="Draft brochure",
        category="presentation",
        visibility="public",
        upload=pdf(),
    )
    url = f"/partnerships/{partnership.slug}/documents/{document.pk}/file/"
    assert client.get(url).status_code == 404
    assert client.get(f"/partnerships/{partnership.slug}/documents/").status_code == 404
    _login(client, actor)
    assert client.get(url).status_code == 200


def test_the_people_of_the_partnership_see_everything_and_upload(world, client):
    add(world, title="Internal minutes")
    add(world, title="Public brochure", visibility="public")
    _login(client, world["partner_admin"])
    url = f"/partnerships/{world['partnership'].slug}/documents/"
    body = client.get(url).content.decode()
    assert "Internal minutes" in body and "Public brochure" in body
    assert 'id="document-form"' in body
    assert 'class="edit-document"' not in body  # not theirs, and not the coordinator's admin
    response = client.post(
        url,
        {"title": "Steering minutes", "category": "minutes", "visibility": "members",
         "dated_on": "2026-11-02", "file": pdf("minutes.pdf")},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == url
    document = PartnershipDocument.objects.get(title="Steering minutes")
    assert document.dated_on == datetime.date(2026, 11, 2)
    body = client.get(url).content.decode()
    assert "“Steering minutes” is added to the documents." in body
    assert body.count('class="edit-document"') == 1
    body = client.get(url, {"category": "minutes"}).content.decode()
    assert "Steering minutes" in body and "Internal minutes" not in body
    response = client.post(f"{url}{document.pk}/delete/")
    assert response.status_code == 302
    assert not PartnershipDocument.objects.filter(pk=document.pk).exists()


def test_an_upload_with_a_bad_file_is_a_400_with_the_reason(world, client):
    _login(client, world["partner_member"])
    url = f"/partnerships/{world['partnership'].slug}/documents/"
    response = client.post(
        url,
        {"title": "Tool", "category": "other", "visibility": "members",
         "file": SimpleUploadedFile("tool.pdf", b"MZ\x90\x00")},
    )  # fmt: skip
    assert response.status_code == 400
    assert (
        '<small class="error" id="file-error">“tool.pdf” is not a file type we accept'
        in response.content.decode()
    )
    assert not PartnershipDocument.objects.exists()
    assert client.get(url, {"category": "gossip"}).status_code == 400


def test_outsiders_may_not_post_to_the_library(world, client):
    _login(client, world["outsider"])
    response = client.post(
        f"/partnerships/{world['partnership'].slug}/documents/",
        {"title": "Spam", "category": "other", "visibility": "public", "file": pdf()},
    )
    assert response.status_code == 403
    assert not PartnershipDocument.objects.exists()


def test_the_edit_page_changes_the_details(world, client):
    document = add(world)
    _login(client, world["partner_member"])
    url = f"/partnerships/{world['partnership'].slug}/documents/{document.pk}/edit/"
    assert "Current file: strategy.pdf" in client.get(url).content.decode()
    response = client.post(
        url, {"title": "Strategy 2028", "category": "strategy", "visibility": "public"}
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.title, document.visibility) == ("Strategy 2028", "public")


def _queries(client, url, **params):
    client.get(url, params)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    return len(captured.captured_queries)


def test_the_documents_pages_use_a_fixed_number_of_queries(world, client):
    _login(client, world["coordinator_admin"])
    slug = world["partnership"].slug
    for i in range(2):
        add(world, title=f"Doc {i}")
    few_list = _queries(client, f"/partnerships/{slug}/documents/")
    few_detail = _queries(client, f"/partnerships/{slug}/")
    for i in range(2, 12):
        document = add(world, title=f"Doc {i}", actor=world["partner_admin"] if i % 2 else None)
        if i % 3 == 0:  # earlier versions are prefetched, not asked per document
            services.update_document(
                document=document,
                actor=world["coordinator_admin"],
                title=document.title,
                category="report",
                visibility="members",
                upload=pdf(f"v{i}.pdf"),
            )
    assert _queries(client, f"/partnerships/{slug}/documents/") == few_list
    assert _queries(client, f"/partnerships/{slug}/") == few_detail
    assert few_list <= 16


def test_the_list_as_csv_holds_what_the_reader_sees(world, client):
    add(world, title="Internal minutes")
    add(world, title="Public brochure", visibility="public")
    url = f"/partnerships/{world['partnership'].slug}/documents/export.csv"
    rows = list(csv.DictReader(io.StringIO(b"".join(client.get(url).streaming_content).decode())))
    assert [r["title"] for r in rows] == ["Public brochure"]
    assert rows[0]["visibility"] == "public"
    assert rows[0]["file_name"] == "strategy.pdf"
    _login(client, world["partner_member"])
    rows = list(csv.DictReader(io.StringIO(b"".join(client.get(url).streaming_content).decode())))
    assert sorted(r["title"] for r in rows) == ["Internal minutes", "Public brochure"]
    data = json.loads(client.get(url.replace(".csv", ".json"), {"category": "strategy"}).content)
    assert data["partnership"] == world["partnership"].slug
    assert sorted(d["title"] for d in data["documents"]) == ["Internal minutes", "Public brochure"]
    assert client.get(url, {"category": "gossip"}).status_code == 400


def test_earlier_versions_are_served_to_whoever_sees_the_document(world, client):
    secret = add(world, title="Internal minutes")
    services.update_document(
        document=secret,
        actor=world["partner_member"],
        title="Internal minutes",
        category="minutes",
        visibility="members",
        upload=pdf("minutes-v2.pdf", PDF_BYTES + b"%v2\n"),
    )
    version = secret.versions.get()
    slug = world["partnership"].slug
    url = f"/partnerships/{slug}/documents/{secret.pk}/versions/{version.pk}/"
    _login(client, world["outsider"])
    assert client.get(url).status_code == 404
    _login(client, world["coordinator_admin"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    body = client.get(f"/partnerships/{slug}/documents/").content.decode()
    assert "1 earlier version" in body
    assert f'href="{url}">strategy.pdf</a>' in body
    other = add(world, title="Other")
    assert (
        client.get(f"/partnerships/{slug}/documents/{other.pk}/versions/{version.pk}/").status_code
        == 404
    )
