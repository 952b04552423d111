"""The proposal page's content, attachments, history and receipt: forms through the services,
downloads only for who may see the proposal (404 otherwise), the PDF receipt read back with
pypdf in English and French, and a fixed number of queries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from clusterbridge.calls.models import Proposal, ProposalAttachment
from clusterbridge.calls.services import evaluation as evaluation_services
from clusterbridge.calls.services import proposals as services
from clusterbridge.common.models import AuditEntry
from tests.calls.content_setup import PDF_BYTES, clusters, draft, pdf_upload
from tests.calls.factories import admin_of
from tests.factories import (
    PASSWORD,
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
)
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.django_db


def _login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


def _body(response) -> str:
    return response.content.decode()


def _submitted_with_attachment():
    call, proposal, person, fr, _de = draft()
    (lyon,) = clusters("Lyon cluster")
    services.update_content(
        actor=person,
        proposal=proposal,
        targeted_clusters=[lyon],
        smes_involved=7,
        activities=["matchmaking", "mobility"],
    )
    attachment = services.add_attachment(actor=person, proposal=proposal, upload=pdf_upload())
    proposal = services.submit_proposal(actor=person, proposal=proposal)
    return call, proposal, person, fr, attachment


def test_the_coordinator_sets_the_content_and_uploads_attachments(client):
    _call, proposal, person, _fr, _de = draft()
    (lyon,) = clusters("Lyon cluster")
    sme = OrganisationFactory(name="SME Lyon", kind="sme", country="FR")
    _login(client, person)
    page = _body(client.get(proposal.get_absolute_url()))
    assert 'id="content-form"' in page
    assert 'id="attachment-form"' in page
    assert '<p id="no-attachment">No attachment.</p>' in page
    response = client.post(
        f"/calls/proposals/{proposal.pk}/content/",
        {
            "targeted_clusters": [lyon.pk],
            "smes_involved": "5",
            "sme_organisations": [sme.pk],
            "activities": ["training", "cooperation"],
        },
    )
    assert response.status_code == 302
    assert response.url == f"/calls/proposals/{proposal.pk}/#content"
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert (proposal.smes_involved, proposal.activities) == (5, ["cooperation", "training"])
    response = client.post(
        f"/calls/proposals/{proposal.pk}/attachments/", {"file": pdf_upload("work plan.pdf")}
    )
    assert response.status_code == 302
    attachment = ProposalAttachment.objects.get()
    page = _body(client.get(proposal.get_absolute_url()))
    assert "<li>Lyon cluster <small" in page
    assert '<dd id="smes-involved">5<ul><li>SME Lyon</li></ul></dd>' in page
    assert "<li>Identifying cooperation opportunities</li><li>Training and mentoring</li>" in page
    assert (
        f'<a href="/calls/proposals/{proposal.pk}/attachments/{attachment.pk}/">work plan.pdf</a>'
        in page
    )
    assert 'id="versions"' in page
    assert page.count('<tr id="version-') == 4
    download = client.get(attachment.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="work plan.pdf"'
    assert download["Cache-Control"] == "private, no-store"
    assert AuditEntry.objects.filter(action="calls.attachment_downloaded").count() == 1
    response = client.post(f"/calls/proposals/{proposal.pk}/attachments/{attachment.pk}/remove/")
    assert response.status_code == 302
    assert ProposalAttachment.objects.count() == 0


def test_bad_content_and_bad_files_on_the_page_write_nothing(client):
    _call, proposal, person, _fr, _de = draft()
    _login(client, person)
    response = client.post(
        f"/calls/proposals/{proposal.pk}/content/",
        {"smes_involved": "-3", "activities": ["flying"]},
    )
    assert response.status_code == 400
    errors = response.context["content_form"].errors
    assert errors["smes_involved"] == ["Ensure this value is greater than or equal to 0."]
    assert errors["activities"] == [
        "Select a valid choice. flying is not one of the available choices."
    ]
    response = client.post(
        f"/calls/proposals/{proposal.pk}/content/",
        {"smes_involved": "1", "targeted_clusters": [proposal.coordinator_id]},
    )
    assert response.status_code == 400  # the consortium is not offered as a targeted cluster
    response = client.post(
        f"/calls/proposals/{proposal.pk}/attachments/",
        {"file": SimpleUploadedFile("virus.pdf", b"MZ\x90\x00")},
        follow=True,
    )
    assert "“virus.pdf” is not a file type we accept" in _body(response)
    response = client.post(f"/calls/proposals/{proposal.pk}/details/", {"details-title": ""})
    assert response.status_code == 400
    assert ProposalAttachment.objects.count() == 0
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert (proposal.version, proposal.smes_involved, proposal.title) == (
        2,
        0,
        "Express cooperation",
    )


def test_outsiders_get_404_on_the_page_the_attachments_and_the_receipt(client):
    _call, proposal, _person, _fr, attachment = _submitted_with_attachment()
    urls = [
        proposal.get_absolute_url(),
        attachment.get_absolute_url(),
        f"/calls/proposals/{proposal.pk}/receipt.pdf",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302  # anonymous: to the login page
    _login(client, MembershipFactory().user)
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.get(f"/calls/proposals/{proposal.pk}/attachments/999/").status_code == 404
    assert (
        client.post(f"/calls/proposals/{proposal.pk}/attachments/", {"file": pdf_upload()})
    ).status_code == 404
    assert ProposalAttachment.objects.count() == 1


def test_agencies_and_reviewers_without_conflict_download_attachments(client):
    _call, proposal, _person, fr, attachment = _submitted_with_attachment()
    officer = MembershipFactory(organisation=fr.organisation).user
    evaluation_services.add_criterion(
        actor=StaffFactory(),
        call=proposal.call,
        name="Excellence",
        weight=Decimal(100),
        max_score=5,
    )
    _login(client, officer)
    assert client.get(attachment.get_absolute_url()).status_code == 200
    page = _body(client.get(proposal.get_absolute_url()))
    assert 'id="versions"' not in page  # the history is the consortium's
    reviewer = MembershipFactory(organisation=OrganisationFactory(kind="rto", country="IT")).user
    assignment = evaluation_services.assign_reviewer(
        actor=officer, proposal=proposal, reviewer=reviewer
    )
    _login(client, reviewer)
    assert client.get(attachment.get_absolute_url()).status_code == 404  # not declared yet
    page = _body(client.get(f"/calls/reviews/{assignment.pk}/"))
    assert "description-of-work.pdf" not in page
    evaluation_services.declare_interest(actor=reviewer, assignment=assignment, has_conflict=False)
    page = _body(client.get(f"/calls/reviews/{assignment.pk}/"))
    assert f'href="{attachment.get_absolute_url()}"' in page
    assert "<li>Lyon cluster <small" in page
    assert '<dd id="smes-involved">7</dd>' in page
    assert client.get(attachment.get_absolute_url()).status_code == 200
    other = UserFactory()
    conflicted = evaluation_services.assign_reviewer(
        actor=officer, proposal=proposal, reviewer=other
    )
    evaluation_services.declare_interest(
        actor=other, assignment=conflicted, has_conflict=True, note="My cousin."
    )
    _login(client, other)
    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_the_receipt_pdf_names_the_submission(client):
    _call, proposal, person, _fr, attachment = _submitted_with_attachment()
    sha256 = services.receipt_digest(proposal)
    _login(client, person)
    page = _body(client.get(proposal.get_absolute_url()))
    assert f'<code id="receipt-sha256">{sha256}</code>' in page
    assert f'href="/calls/proposals/{proposal.pk}/receipt.pdf"' in page
    response = client.get(f"/calls/proposals/{proposal.pk}/receipt.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="receipt-{proposal.reference}.pdf"'
    )
    text = pdf_text(response.content)
    assert f"Receipt of the proposal {proposal.reference}" in text
    assert "Call Innovation Express 2027" in text
    assert "Coordinator Cluster FR" in text
    assert "(Europe/Brussels time)" in text
    assert f"Submitted by {person.get_full_name() or person.email}" in text
    assert f"Version {proposal.version}" in text
    assert "SMEs involved 7" in text
    assert "Targeted clusters 1" in text
    assert "Activities Matchmaking, Mobility" in text
    assert "Cluster FR Agence FR 1,000 € 500 €" in text
    assert f"description-of-work.pdf {attachment.sha256}" in text
    assert f"SHA-256 of the submitted version {sha256}" in text
    assert AuditEntry.objects.filter(action="calls.receipt_downloaded").count() == 1
    french = client.get(
        f"/calls/proposals/{proposal.pk}/receipt.pdf", headers={"accept-language": "fr"}
    )
    text = pdf_text(french.content)
    assert f"Accusé de réception de la proposition {proposal.reference}" in text
    assert "heure Europe/Brussels" in text


def test_a_draft_has_no_receipt(client):
    _call, proposal, person, _fr, _de = draft()
    _login(client, person)
    assert client.get(f"/calls/proposals/{proposal.pk}/receipt.pdf").status_code == 404


def test_the_activities_of_a_draft_joint_call_are_set_on_its_manage_page(client):
    from tests.calls.factories import joint_call

    staff = StaffFactory()
    call = joint_call(actor=staff, publish=False)
    _login(client, staff)
    assert 'id="activities-form"' in _body(client.get(f"/calls/{call.slug}/manage/"))
    response = client.post(
        f"/calls/{call.slug}/activities/", {"activities": ["mobility", "matchmaking"]}
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.activities == ["matchmaking", "mobility"]
    assert '<p id="call-activities">Activities accepted: Matchmaking, Mobility</p>' in _body(
        client.get(call.get_absolute_url())
    )
    outsider = MembershipFactory().user
    _login(client, outsider)
    assert client.post(f"/calls/{call.slug}/activities/", {"activities": []}).status_code == 404


def test_the_proposal_page_queries_are_fixed_with_content_and_files(
    client, django_assert_max_num_queries
):
    _call, proposal, person, fr, _de = draft()
    _login(client, person)

    def grow(n):
        targets = clusters(*(f"Target {n}-{i}" for i in range(5)))
        smes = [OrganisationFactory(kind="sme", name=f"SME {n}-{i}") for i in range(3)]
        current = Proposal.objects.get(pk=proposal.pk)
        services.update_content(
            actor=person,
            proposal=current,
            targeted_clusters=[*current.targeted_clusters.all(), *targets],
            smes_involved=100,
            sme_organisations=[*current.sme_organisations.all(), *smes],
            activities=["mobility"],
        )
        for i in range(3):
            services.add_attachment(
                actor=person, proposal=current, upload=pdf_upload(f"{n}-{i}.pdf")
            )
        services.set_partner(
            actor=person,
            proposal=current,
            organisation=OrganisationFactory(kind="sme", country="FR", name=f"Partner {n}"),
            agency=fr,
            budget_eur=Decimal("100"),
            grant_eur=Decimal("10"),
        )

    grow(1)
    with django_assert_max_num_queries(40) as captured:
        assert client.get(proposal.get_absolute_url()).status_code == 200
    few = len(captured)
    grow(2)
    grow(3)
    with django_assert_max_num_queries(few):
        assert client.get(proposal.get_absolute_url()).status_code == 200


def test_a_partner_sees_but_does_not_change_the_content(client):
    _call, proposal, person, _fr, de = draft()
    partner = OrganisationFactory(name="SME DE", kind="sme", country="DE")
    services.set_partner(
        actor=person,
        proposal=proposal,
        organisation=partner,
        agency=de,
        budget_eur=Decimal("100"),
        grant_eur=Decimal("50"),
    )
    _login(client, admin_of(partner))
    page = _body(client.get(proposal.get_absolute_url()))
    assert 'id="content"' in page
    assert 'id="content-form"' not in page
    assert 'id="versions"' in page  # the consortium's history
    response = client.post(f"/calls/proposals/{proposal.pk}/content/", {"smes_involved": "3"})
    assert response.status_code == 403
    assert Proposal.objects.get(pk=proposal.pk).smes_involved == 0
