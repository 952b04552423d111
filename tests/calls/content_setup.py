"""A draft proposal with an eligible consortium, for the tests of its content, attachments,
versions and receipt (services, pages and API)."""

from __future__ import annotations

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from clusterbridge.calls.services import proposals as services
from tests.calls.factories import admin_of, two_agency_call
from tests.factories import OrganisationFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def pdf_upload(name="description-of-work.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def draft(**call_fields):
    """(call, proposal, person of the coordinator, French agency, German agency); the
    coordinator "Cluster FR" is its only partner, eligible with the French agency."""
    call, fr, de = two_agency_call(**call_fields)
    coordinator = OrganisationFactory(name="Cluster FR", kind="cluster", country="FR")
    person = admin_of(coordinator)
    proposal = services.start_proposal(
        actor=person, call=call, coordinator=coordinator, title="Express cooperation"
    )
    services.set_partner(
        actor=person,
        proposal=proposal,
        organisation=coordinator,
        agency=fr,
        budget_eur=Decimal("1000"),
        grant_eur=Decimal("500"),
    )
    proposal.refresh_from_db()
    return call, proposal, person, fr, de


def clusters(*names, country="IT"):
    return [OrganisationFactory(name=name, kind="cluster", country=country) for name in names]
