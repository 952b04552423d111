"""One proposal in the API: its detail (partners, content, attachments, failing rules in
words), and the writes through the same services and validators — partners, content,
attachments (multipart), submission. Bad input is a 400 in the API's error shape and writes
nothing; anyone who may not see the proposal gets a 404."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from clusterbridge.calls.models import Proposal, ProposalAttachment, ProposalPartner
from clusterbridge.calls.services import proposals as services
from tests.calls.content_setup import PDF_BYTES, clusters, draft, pdf_upload
from tests.calls.factories import admin_of
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _url(proposal, tail=""):
    return f"/api/v1/calls/proposals/{proposal.pk}/{tail}"


def test_the_detail_has_partners_content_and_failures_in_words(api):
    _call, proposal, person, _fr, de = draft()
    cluster_de = OrganisationFactory(name="Cluster DE", kind="cluster", country="DE")
    services.set_partner(
        actor=person,
        proposal=proposal,
        organisation=cluster_de,
        agency=de,
        budget_eur=Decimal("100"),
        grant_eur=Decimal("50"),
    )
    api.force_authenticate(person)
    data = api.get(_url(proposal)).json()
    assert data["reference"] == proposal.reference
    assert data["status"] == "draft"
    assert data["version"] == 3
    assert [(p["organisation"], p["agency_name"]) for p in data["partners"]] == [
        ("cluster-fr", "Agence FR"),
        ("cluster-de", "Agentur DE"),
    ]
    assert data["partners"][0]["failures"] == []
    assert data["partners"][1]["failures"] == [
        "Agentur DE funds only: Company (SME); this partner is “Cluster organisation”."
    ]
    assert data["eligible"] is False
    assert data["failures"] == [
        "Cluster DE: Agentur DE funds only: Company (SME); this partner is “Cluster organisation”."
    ]
    assert (data["targeted_clusters"], data["smes_involved"], data["activities"]) == ([], 0, [])
    assert (data["receipt_url"], data["submitted_sha256"]) == (None, None)
    assert api.get(f"/api/v1/calls/{proposal.call.slug}/").json()["activities"] == []
    french = api.get(_url(proposal), headers={"accept-language": "fr"}).json()
    assert french["failures"][0].startswith("Cluster DE : Agentur DE ne finance que")


def test_partners_content_attachments_and_submission_through_the_api(api):
    _call, proposal, person, fr, _de = draft()
    (lyon,) = clusters("Lyon cluster")
    sme = OrganisationFactory(name="SME FR", kind="sme", country="FR")
    api.force_authenticate(person)
    response = api.put(
        _url(proposal, "partners/"),
        {"organisation": sme.slug, "agency": fr.pk, "budget_eur": "2000", "grant_eur": "1000"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert [p["organisation"] for p in response.json()["partners"]] == ["cluster-fr", "sme-fr"]
    partner = ProposalPartner.objects.get(organisation=sme)
    response = api.put(
        _url(proposal, "content/"),
        {
            "targeted_clusters": [lyon.slug],
            "smes_involved": 4,
            "sme_organisations": [sme.slug],
            "activities": ["rdi_projects", "dissemination"],
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["targeted_clusters"] == [{"slug": "lyon-cluster", "name": "Lyon cluster"}]
    assert data["sme_organisations"] == [{"slug": "sme-fr", "name": "SME FR"}]
    assert data["activities"] == ["rdi_projects", "dissemination"]
    response = api.post(_url(proposal, "attachments/"), {"file": pdf_upload()}, format="multipart")
    assert response.status_code == 201, response.json()
    attachment = response.json()
    assert attachment["name"] == "description-of-work.pdf"
    assert attachment["size"] == len(PDF_BYTES)
    assert attachment["url"] == _url(proposal, f"attachments/{attachment['id']}/")
    listed = api.get(_url(proposal, "attachments/")).json()
    assert [a["id"] for a in listed] == [attachment["id"]]
    download = api.get(attachment["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert api.delete(_url(proposal, f"partners/{partner.pk}/")).status_code == 204
    assert ProposalPartner.objects.filter(proposal=proposal).count() == 1
    response = api.post(_url(proposal, "submit/"))
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["status"] == "submitted"
    assert data["receipt_url"] == f"/calls/proposals/{proposal.pk}/receipt.pdf"
    assert data["submitted_sha256"] == services.receipt_digest(Proposal.objects.get(pk=proposal.pk))
    assert data["version"] == 6
    # Final: the writes are refused now.
    response = api.put(_url(proposal, "content/"), {"smes_involved": 1}, format="json")
    assert response.status_code == 403
    assert api.delete(_url(proposal, f"attachments/{attachment['id']}/")).status_code == 403
    assert ProposalAttachment.objects.count() == 1


@pytest.mark.parametrize(
    ("tail", "body", "message"),
    [
        ("content/", {"smes_involved": -1}, "smes_involved: Ensure this value is greater than"),
        ("content/", {"smes_involved": 1, "activities": ["flying"]}, "activities: "),
        (
            "content/",
            {"smes_involved": 1, "targeted_clusters": ["nobody"]},
            "targeted_clusters: no organisation with the slug “nobody”.",
        ),
        (
            "content/",
            {"smes_involved": 1, "targeted_clusters": ["cluster-fr"]},
            "Cluster FR is in the consortium",
        ),
        ("content/", ["not", "an", "object"], "The request body must be a JSON object."),
        (
            "partners/",
            {"organisation": "cluster-fr", "agency": 999999, "budget_eur": 1, "grant_eur": 1},
            "agency: this agency does not take part in the call.",
        ),
        (
            "partners/",
            {"organisation": "cluster-fr", "agency": 1, "budget_eur": -1, "grant_eur": 1},
            "budget_eur: ",
        ),
        (
            "partners/",
            {"organisation": "ghost", "agency": 1, "budget_eur": 1, "grant_eur": 1},
            "organisation: no organisation with the slug “ghost”.",
        ),
    ],
)
def test_bad_input_is_a_400_and_writes_nothing(api, tail, body, message):
    _call, proposal, person, _fr, _de = draft()
    api.force_authenticate(person)
    response = api.put(_url(proposal, tail), body, format="json")
    assert response.status_code == 400
    data = response.json()
    assert data["error"] == "validation_error"
    assert data["message"].startswith(message), data["message"]
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert (proposal.version, proposal.smes_involved) == (2, 0)
    assert proposal.partners.count() == 1


def test_bad_uploads_are_a_400_and_write_nothing(api):
    _call, proposal, person, _fr, _de = draft()
    api.force_authenticate(person)
    response = api.post(
        _url(proposal, "attachments/"),
        {"file": SimpleUploadedFile("macro.pdf", b"MZ\x90\x00")},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["message"] == (
        "“macro.pdf” is not a file type we accept (PDF, Word, Excel, PowerPoint or OpenDocument)."
    )
    response = api.post(_url(proposal, "attachments/"), {}, format="multipart")
    assert response.status_code == 400
    assert ProposalAttachment.objects.count() == 0
    response = api.post(_url(proposal, "submit/"))
    assert response.status_code == 200  # eligible: the draft could be submitted
    response = api.post(_url(proposal, "submit/"))
    assert response.status_code == 403


def test_outsiders_get_404_on_every_proposal_endpoint(api):
    _call, proposal, person, fr, _de = draft()
    attachment = services.add_attachment(actor=person, proposal=proposal, upload=pdf_upload())
    partner = proposal.partners.get()
    outsider = MembershipFactory().user
    api.force_authenticate(outsider)
    agency_person = MembershipFactory(organisation=fr.organisation).user
    for user in (outsider, agency_person):  # agencies see proposals once submitted only
        api.force_authenticate(user)
        assert api.get(_url(proposal)).status_code == 404
        assert api.get(_url(proposal, "attachments/")).status_code == 404
        assert api.get(_url(proposal, f"attachments/{attachment.pk}/")).status_code == 404
        assert (
            api.put(_url(proposal, "content/"), {"smes_involved": 1}, format="json").status_code
            == 404
        )
        assert api.post(_url(proposal, "submit/")).status_code == 404
        assert api.delete(_url(proposal, f"partners/{partner.pk}/")).status_code == 404
        assert (
            api.post(_url(proposal, "attachments/"), {"file": pdf_upload()}, format="multipart")
        ).status_code == 404
    api.force_authenticate(person)
    assert api.get("/api/v1/calls/proposals/999999/").status_code == 404
    assert api.delete(_url(proposal, "partners/999999/")).status_code == 404
    api.force_authenticate(None)
    assert api.get(_url(proposal)).status_code == 401
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert (proposal.status, proposal.smes_involved, proposal.version) == ("draft", 0, 3)
    assert ProposalAttachment.objects.count() == 1
    assert admin_of  # the partner person's view is covered by the page tests


def test_the_figures_count_the_targeted_clusters_and_the_smes_involved(api):
    call, proposal, person, fr, _de = draft()
    lyon, milano = clusters("Lyon cluster", "Milano cluster", country="FR")
    services.update_content(
        actor=person, proposal=proposal, targeted_clusters=[lyon, milano], smes_involved=6
    )
    services.submit_proposal(actor=person, proposal=proposal)
    # Lyon coordinates a second proposal targeting Milano and the first coordinator.
    lyon_person = admin_of(lyon)
    second = services.start_proposal(actor=lyon_person, call=call, coordinator=lyon, title="Two")
    services.set_partner(
        actor=lyon_person,
        proposal=second,
        organisation=lyon,
        agency=fr,
        budget_eur=Decimal("100"),
        grant_eur=Decimal("50"),
    )
    services.update_content(
        actor=lyon_person,
        proposal=second,
        targeted_clusters=[milano, proposal.coordinator],
        smes_involved=5,
    )
    services.submit_proposal(actor=lyon_person, proposal=second)
    (unsent,) = clusters("Cluster draft", country="FR")
    draft_proposal = services.start_proposal(
        actor=admin_of(unsent), call=call, coordinator=unsent, title="Not counted"
    )
    services.update_content(
        actor=admin_of(unsent),
        proposal=draft_proposal,
        targeted_clusters=clusters("Nowhere cluster"),
        smes_involved=50,
    )
    api.force_authenticate(MembershipFactory(organisation=fr.organisation).user)
    data = api.get(f"/api/v1/calls/{call.slug}/figures/").json()
    # Clusters reached: Cluster FR, Lyon and Milano, each once; targeted: all three too.
    assert (data["proposals"], data["clusters"], data["targeted_clusters"]) == (2, 3, 3)
    assert (data["smes_involved"], data["smes"]) == (11, 0)
