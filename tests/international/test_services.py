"""Services of country pages: staff only, validation writes nothing, audit entries."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from clusterbridge.common.models import AuditEntry
from clusterbridge.international.models import Arrangement, CountryPage, Gateway, PageStatus
from clusterbridge.international.services import pages as services
from clusterbridge.taxonomy.models import ClusterCategory
from tests.factories import StaffFactory, UserFactory
from tests.international.factories import PDF, arrangement, draft, gateway, published

pytestmark = pytest.mark.django_db


def test_staff_create_a_draft_page_with_its_sectors():
    sector = ClusterCategory.objects.get(code="automotive")
    page = draft(country="kr", name=" South Korea ", sectors=[sector], capital="Seoul")
    assert (page.country.code, page.slug, page.name, page.status) == (
        "KR", "kr", "South Korea", PageStatus.DRAFT,
    )  # fmt: skip
    assert list(page.sectors.values_list("code", flat=True)) == ["automotive"]
    assert AuditEntry.objects.filter(action="international.page_created").count() == 1


def test_only_staff_create_pages():
    with pytest.raises(PermissionDenied):
        services.create_page(actor=UserFactory(), country="US", name="USA", priority="priority")
    assert CountryPage.objects.count() == 0


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"country": "XX"}, "Unknown country code “XX”."),
        ({"priority": "top"}, "Unknown priority status “top”"),
        ({"latitude": 10.0, "longitude": None}, "Give both the latitude and the longitude"),
        ({"latitude": 95.0, "longitude": 0.0}, "The latitude is between -90 and 90"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(fields, message):
    values = {"country": "US", "name": "USA", "priority": "priority"} | fields
    with pytest.raises(ValidationError) as error:
        services.create_page(actor=StaffFactory(), **values)
    assert message in " ".join(error.value.messages)
    assert CountryPage.objects.count() == 0


def test_a_country_has_one_page():
    draft(country="JP", name="Japan")
    with pytest.raises(ValidationError) as error:
        draft(country="JP", name="Japan again")
    assert error.value.messages == ["Japan already has a page."]


def test_publish_and_back_to_draft():
    page = published(country="CA")
    assert page.status == PageStatus.PUBLISHED and page.published_at is not None
    with pytest.raises(ValidationError):
        services.publish_page(page=page, actor=StaffFactory())
    services.unpublish_page(page=page, actor=StaffFactory())
    page.refresh_from_db()
    assert page.status == PageStatus.DRAFT


def test_update_changes_texts_but_not_the_country():
    page = draft(country="IN")
    services.update_page(page=page, actor=StaffFactory(), name="India", priority="partner")
    page.refresh_from_db()
    assert (page.name, page.priority) == ("India", "partner")
    with pytest.raises(ValidationError):
        services.update_page(page=page, actor=StaffFactory(), country="FR")


def test_an_arrangement_with_a_document_is_stored_under_a_random_name(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = draft(country="TW")
    upload = SimpleUploadedFile("arrangement.pdf", PDF, content_type="application/pdf")
    added = arrangement(page, document=upload, scope="Matchmaking.")
    assert (added.original_name, added.content_type, added.size) == (
        "arrangement.pdf", "application/pdf", len(PDF),
    )  # fmt: skip
    assert added.document.name.startswith("international/arrangements/")
    assert "arrangement.pdf" not in added.document.name


def test_a_document_that_is_not_what_it_says_is_refused(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = draft(country="TW")
    fake = SimpleUploadedFile(
        "arrangement.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    with pytest.raises(ValidationError) as error:
        arrangement(page, document=fake)
    assert (
        "is not a file type we accept (PDF, Word or OpenDocument text)" in error.value.messages[0]
    )
    assert Arrangement.objects.count() == 0
    assert not list(tmp_path.rglob("*"))


def test_an_arrangement_needs_its_date_and_counterpart():
    page = draft(country="TW")
    with pytest.raises(ValidationError):
        arrangement(page, counterpart=" ")
    with pytest.raises(ValidationError):
        arrangement(page, signed_on=None)
    assert Arrangement.objects.count() == 0


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/", "example.org"])
def test_gateways_take_http_or_https_addresses_only(url):
    page = draft(country="SG")
    with pytest.raises(ValidationError) as error:
        gateway(page, url=url)
    assert error.value.messages == ["Enter an address starting with http:// or https://."]
    assert Gateway.objects.count() == 0


def test_gateways_and_arrangements_are_removed_by_staff_only():
    page = draft(country="SG")
    added = gateway(page, contact_email="sg@example.org", description="Help.")
    signed = arrangement(page, signed_on=datetime.date(2020, 1, 1))
    with pytest.raises(PermissionDenied):
        services.remove_gateway(gateway=added, actor=UserFactory())
    services.remove_gateway(gateway=added, actor=StaffFactory())
    services.remove_arrangement(arrangement=signed, actor=StaffFactory())
    assert (Gateway.objects.count(), Arrangement.objects.count()) == (0, 0)
    assert AuditEntry.objects.filter(action__startswith="international.").count() == 5
