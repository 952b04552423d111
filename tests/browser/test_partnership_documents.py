"""The documents library of a partnership in a real browser: a member uploads a members-only
document, another member is notified, sees and downloads it, an outsider gets 404 on its
address, and the public page shows only the public documents; axe-core on the pages."""

import pytest
from playwright.sync_api import expect

from clusterbridge.notifications.models import Notification
from clusterbridge.partnerships.models import PartnershipDocument
from clusterbridge.partnerships.services import documents
from clusterbridge.partnerships.services import partnerships as services
from tests.factories import (
    PASSWORD,
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _as(page, login, user):
    page.context.clear_cookies()
    login(user.email, PASSWORD)


def test_members_share_a_document_and_outsiders_get_404(page, login, axe_check, tmp_path):
    coordinator = OrganisationFactory(name="Nordic Hydrogen Cluster", country="SE")
    partner = OrganisationFactory(name="Pôle Hydrogène Sud", country="FR")
    alice = MembershipFactory(organisation=coordinator, user=UserFactory(name="Alice Nord")).user
    bruno = MembershipFactory(organisation=partner, user=UserFactory(name="Bruno Sud")).user
    outsider = UserFactory()
    partnership = services.propose(
        actor=alice, coordinator=coordinator, name="Hydrogen Valleys", kind="bilateral"
    )
    member = services.invite(
        partnership=partnership, actor=alice, organisation=partner, role="partner"
    )
    services.answer_invitation(member=member, actor=bruno, accept=True)
    services.validate(partnership=partnership, actor=StaffFactory())
    documents.add_document(
        partnership=partnership,
        actor=alice,
        title="Hydrogen Valleys at a glance",
        category="presentation",
        visibility="public",
        upload=_upload("glance.pdf"),
    )

    _as(page, login, bruno)
    page.goto(partnership.get_absolute_url())
    page.click("#documents-link")
    expect(page.locator("h1")).to_have_text("Documents")
    axe_check("the documents library with its upload form")
    source = tmp_path / "minutes-march.pdf"
    source.write_bytes(PDF)
    page.fill("#id_title", "Steering committee minutes")
    page.select_option("#id_category", "minutes")
    page.select_option("#id_visibility", "members")
    page.fill("#id_dated_on", "2026-03-12")
    page.set_input_files("#id_file", str(source))
    page.click("#document-form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text(
        "“Steering committee minutes” is added to the documents."
    )
    expect(page.locator("#documents tbody tr")).to_have_count(2)
    document = PartnershipDocument.objects.get(title="Steering committee minutes")
    assert Notification.objects.filter(user=alice, kind="partnerships.document").count() == 1

    _as(page, login, alice)
    page.goto("/notifications/")
    expect(page.locator("main")).to_contain_text(
        "Bruno Sud added “Steering committee minutes” to the documents of Hydrogen Valleys"
    )
    page.goto(f"/partnerships/{partnership.slug}/documents/")
    row = page.locator(f"#document-{document.pk}")
    expect(row).to_contain_text("Steering committee minutes")
    expect(row).to_contain_text("Members only")
    href = row.locator("a.document-file").get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200
    assert response.body() == PDF
    assert 'filename="minutes-march.pdf"' in response.headers["content-disposition"]
    page.select_option("#id_category", "presentation")
    page.click("#document-filter button[type=submit]")
    expect(page.locator("#documents tbody tr")).to_have_count(1)
    expect(page.locator("#documents")).to_contain_text("Hydrogen Valleys at a glance")

    _as(page, login, outsider)
    # With the outsider's session (a navigation to a 404 would log a console error).
    assert page.request.get(href).status == 404
    page.goto(f"/partnerships/{partnership.slug}/documents/")
    expect(page.locator("#documents")).to_contain_text("Hydrogen Valleys at a glance")
    expect(page.locator("#documents")).not_to_contain_text("Steering committee minutes")
    expect(page.locator("#document-form")).to_have_count(0)

    page.context.clear_cookies()
    page.goto(partnership.get_absolute_url())
    expect(page.locator("#documents")).to_contain_text("Hydrogen Valleys at a glance")
    expect(page.locator("#documents")).not_to_contain_text("Steering committee minutes")
    axe_check("the public partnership page with its public documents")
    assert page.request.get(href).status == 404


def _upload(name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, PDF, content_type="application/pdf")
