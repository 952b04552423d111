"""A proposal's content (targeted clusters, SMEs involved, activities), its attachments and its
versions through the services: each rule, a new version per change, nothing written on bad
input, and no change after the submission or the deadline."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from clusterbridge.calls.models import Proposal, ProposalAttachment, ProposalVersion
from clusterbridge.calls.services import calls as call_services
from clusterbridge.calls.services import proposals as services
from clusterbridge.common.models import AuditEntry
from clusterbridge.notifications.models import Notification
from tests.calls.content_setup import PDF_BYTES, clusters, draft, pdf_upload
from tests.calls.factories import admin_of, joint_call, two_agency_call
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory
from tests.files import docx

pytestmark = pytest.mark.django_db


def _content(proposal, person, **fields):
    fields.setdefault("smes_involved", 0)
    return services.update_content(actor=person, proposal=proposal, **fields)


def test_content_is_set_as_a_new_version_and_audited():
    _call, proposal, person, _fr, _de = draft()
    lyon, milano = clusters("Lyon cluster", "Milano cluster")
    sme = OrganisationFactory(name="SME one", kind="sme", country="FR")
    assert proposal.version == 2  # started, then its partner set
    proposal = _content(
        proposal,
        person,
        targeted_clusters=[milano, lyon, milano],
        smes_involved=12,
        sme_organisations=[sme],
        activities=["training", "matchmaking", "training"],
    )
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert sorted(o.name for o in proposal.targeted_clusters.all()) == [
        "Lyon cluster",
        "Milano cluster",
    ]
    assert proposal.smes_involved == 12
    assert [o.name for o in proposal.sme_organisations.all()] == ["SME one"]
    assert proposal.activities == ["matchmaking", "training"]  # in the list's order, once
    assert proposal.version == 3
    version = ProposalVersion.objects.get(proposal=proposal, number=3)
    assert version.action == "calls.content_updated"
    assert version.created_by == person
    assert version.snapshot["smes_involved"] == 12
    assert [o["name"] for o in version.snapshot["targeted_clusters"]] == [
        "Lyon cluster",
        "Milano cluster",
    ]
    assert version.sha256 == services.digest(version.snapshot)
    entry = AuditEntry.objects.get(action="calls.content_updated")
    assert entry.changes["smes_involved"] == 12
    assert entry.changes["activities"] == ["matchmaking", "training"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: {"targeted_clusters": [OrganisationFactory(name="An SME", kind="sme")]},
            "An SME is not a published cluster organisation.",
        ),
        (
            lambda: {
                "targeted_clusters": [
                    OrganisationFactory(name="Hidden cluster", kind="cluster", status="draft")
                ]
            },
            "Hidden cluster is not a published cluster organisation.",
        ),
        (
            lambda: {"sme_organisations": [OrganisationFactory(name="A cluster", kind="cluster")]},
            "A cluster is not a published SME.",
        ),
        (
            lambda: {
                "smes_involved": 1,
                "sme_organisations": [
                    OrganisationFactory(name="SME 1", kind="sme"),
                    OrganisationFactory(name="SME 2", kind="sme"),
                ],
            },
            "The number of SMEs involved (1) is smaller than the number of SMEs chosen on the "
            "platform (2).",
        ),
        (
            lambda: {"smes_involved": -1},
            "The number of SMEs involved is a whole number from 0 to 100 000.",
        ),
        (lambda: {"activities": ["flying"]}, "Unknown activity “flying”."),
    ],
)
def test_bad_content_is_refused_and_nothing_written(make, message):
    _call, proposal, person, _fr, _de = draft()
    with pytest.raises(ValidationError) as exc:
        _content(proposal, person, **make())
    assert exc.value.messages == [message]
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert (proposal.version, proposal.smes_involved, proposal.activities) == (2, 0, [])
    assert proposal.targeted_clusters.count() == proposal.sme_organisations.count() == 0
    assert ProposalVersion.objects.filter(proposal=proposal).count() == 2


def test_a_consortium_member_is_not_a_targeted_cluster_and_back():
    _call, proposal, person, fr, _de = draft()
    with pytest.raises(ValidationError) as exc:
        _content(proposal, person, targeted_clusters=[proposal.coordinator])
    assert exc.value.messages == [
        "Cluster FR is in the consortium: the targeted clusters are other cluster organisations "
        "the proposal reaches."
    ]
    (lyon,) = clusters("Lyon cluster", country="FR")
    _content(proposal, person, targeted_clusters=[lyon])
    with pytest.raises(ValidationError) as exc:
        services.set_partner(
            actor=person,
            proposal=proposal,
            organisation=lyon,
            agency=fr,
            budget_eur=Decimal("10"),
            grant_eur=Decimal("5"),
        )
    assert exc.value.messages == [
        "Lyon cluster is a targeted cluster of the proposal: remove it from the targeted "
        "clusters before making it a partner."
    ]
    assert proposal.partners.count() == 1


def test_a_joint_call_may_restrict_the_activities_before_it_is_published():
    staff = StaffFactory()
    call = joint_call(actor=staff, publish=False)
    call_services.set_activities(
        actor=staff, call=call, activities=["mobility", "matchmaking", "mobility"]
    )
    assert call.activities == ["matchmaking", "mobility"]
    assert AuditEntry.objects.filter(action="calls.activities_set").count() == 1
    with pytest.raises(ValidationError) as exc:
        call_services.set_activities(actor=staff, call=call, activities=["dancing"])
    assert exc.value.messages == ["Unknown activity “dancing”."]
    with pytest.raises(PermissionDenied):
        call_services.set_activities(
            actor=MembershipFactory().user, call=call, activities=["mobility"]
        )


def test_a_proposal_plans_only_the_activities_its_call_accepts():
    _call, proposal, person, _fr, _de = draft()
    proposal.call.activities = ["matchmaking"]
    proposal.call.save(update_fields=["activities"])
    proposal = Proposal.objects.select_related("call").get(pk=proposal.pk)
    with pytest.raises(ValidationError) as exc:
        _content(proposal, person, activities=["matchmaking", "mobility"])
    assert exc.value.messages == ["This call does not fund the activity “Mobility”."]
    assert _content(proposal, person, activities=["matchmaking"]).activities == ["matchmaking"]
    staff = StaffFactory()
    with pytest.raises(ValidationError) as exc:  # published: the list no longer changes
        call_services.set_activities(actor=staff, call=proposal.call, activities=[])
    assert exc.value.messages == ["The activities a call accepts are set before it is published."]


def test_only_the_coordinators_people_change_the_content():
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
    for outsider in (admin_of(partner), MembershipFactory().user, StaffFactory()):
        with pytest.raises(PermissionDenied):
            _content(proposal, outsider, smes_involved=3)
        with pytest.raises(PermissionDenied):
            services.add_attachment(actor=outsider, proposal=proposal, upload=pdf_upload())
    assert Proposal.objects.get(pk=proposal.pk).smes_involved == 0
    assert ProposalAttachment.objects.count() == 0


def test_title_and_summary_changes_are_versions_too():
    _call, proposal, person, _fr, _de = draft()
    proposal = services.update_details(
        actor=person, proposal=proposal, title="  Express 2  ", summary="New summary"
    )
    assert (proposal.title, proposal.summary, proposal.version) == ("Express 2", "New summary", 3)
    assert ProposalVersion.objects.get(proposal=proposal, number=3).snapshot["title"] == (
        "Express 2"
    )
    with pytest.raises(ValidationError) as exc:
        services.update_details(actor=person, proposal=proposal, title=" ")
    assert exc.value.messages == ["The title is empty."]
    assert Proposal.objects.get(pk=proposal.pk).version == 3


def test_every_change_keeps_a_numbered_snapshot():
    _call, proposal, person, _fr, _de = draft()
    services.add_attachment(actor=person, proposal=proposal, upload=pdf_upload())
    partner = proposal.partners.get()
    services.remove_partner(actor=person, partner=partner)
    versions = list(ProposalVersion.objects.filter(proposal=proposal).order_by("number"))
    assert [(v.number, v.action) for v in versions] == [
        (1, "calls.proposal_started"),
        (2, "calls.partner_set"),
        (3, "calls.attachment_added"),
        (4, "calls.partner_removed"),
    ]
    assert [len(v.snapshot["partners"]) for v in versions] == [0, 1, 1, 0]
    assert [len(v.snapshot["attachments"]) for v in versions] == [0, 0, 1, 1]
    assert versions[1].snapshot["partners"][0] == {
        "organisation": proposal.coordinator_id,
        "name": "Cluster FR",
        "agency": partner.agency_id,
        "agency_name": "Agence FR",
        "budget_eur": "1000.00",
        "grant_eur": "500.00",
    }
    assert len({v.sha256 for v in versions}) == 4
    assert Proposal.objects.get(pk=proposal.pk).version == 4


def test_attachments_are_validated_stored_privately_and_removed(
    django_capture_on_commit_callbacks,
):
    _call, proposal, person, _fr, _de = draft()
    attachment = services.add_attachment(actor=person, proposal=proposal, upload=pdf_upload())
    assert attachment.original_name == "description-of-work.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(PDF_BYTES)
    assert len(attachment.sha256) == 64
    assert attachment.file.name.startswith("calls/attachments/")
    assert "description" not in attachment.file.name  # a random storage name
    letter = services.add_attachment(
        actor=person,
        proposal=proposal,
        upload=SimpleUploadedFile("letter of support.docx", docx()),
    )
    assert letter.content_type.endswith("wordprocessingml.document")
    stored = attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_attachment(actor=person, attachment=attachment)
    assert list(proposal.attachments.values_list("original_name", flat=True)) == [
        "letter of support.docx"
    ]
    assert not default_storage.exists(stored)
    assert AuditEntry.objects.filter(action="calls.attachment_removed").count() == 1


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("empty.pdf", b""),
            "“empty.pdf” is empty.",
        ),
        (
            SimpleUploadedFile("run.pdf", b"MZ\x90\x00 an executable"),
            "“run.pdf” is not a file type we accept (PDF, Word, Excel, PowerPoint or "
            "OpenDocument).",
        ),
        (
            SimpleUploadedFile("report.docx", PDF_BYTES),
            "“report.docx” does not contain what its name says (its content is pdf).",
        ),
        (
            SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20),
            "“photo.png” is not a file type we accept (PDF, Word, Excel, PowerPoint or "
            "OpenDocument).",
        ),
    ],
)
def test_bad_attachments_are_refused_and_nothing_written(upload, message):
    _call, proposal, person, _fr, _de = draft()
    with pytest.raises(ValidationError) as exc:
        services.add_attachment(actor=person, proposal=proposal, upload=upload)
    assert exc.value.messages == [message]
    assert ProposalAttachment.objects.count() == 0
    assert Proposal.objects.get(pk=proposal.pk).version == 2


def test_too_large_and_too_many_attachments_are_refused(settings, monkeypatch):
    from clusterbridge.calls import validators

    _call, proposal, person, _fr, _de = draft()
    monkeypatch.setattr(validators, "ATTACHMENT_MAX_BYTES", 20)
    with pytest.raises(ValidationError) as exc:
        services.add_attachment(actor=person, proposal=proposal, upload=pdf_upload())
    assert exc.value.messages == ["“description-of-work.pdf” is 0.1 MB; the limit is 0.1 MB."]
    monkeypatch.setattr(validators, "ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
    monkeypatch.setattr(validators, "MAX_ATTACHMENTS", 2)
    for n in range(2):
        services.add_attachment(actor=person, proposal=proposal, upload=pdf_upload(f"{n}.pdf"))
    with pytest.raises(ValidationError) as exc:
        services.add_attachment(actor=person, proposal=proposal, upload=pdf_upload("3.pdf"))
    assert exc.value.messages == ["A proposal has at most 2 attachments."]
    assert ProposalAttachment.objects.count() == 2


def test_the_receipt_names_the_submitted_version_and_its_digest():
    _call, proposal, person, _fr, _de = draft()
    (lyon,) = clusters("Lyon cluster")
    _content(proposal, person, targeted_clusters=[lyon], smes_involved=4, activities=["mobility"])
    assert services.submitted_version(proposal) is None
    proposal = services.submit_proposal(actor=person, proposal=proposal)
    version = services.submitted_version(proposal)
    assert version.number == proposal.version == 3
    assert services.receipt_digest(proposal) == version.sha256
    assert version.snapshot["activities"] == ["mobility"]
    assert AuditEntry.objects.get(action="calls.proposal_submitted").changes["sha256"] == (
        version.sha256
    )
    receipt = Notification.objects.get(kind="calls.proposal_submitted")
    assert receipt.url == f"/calls/proposals/{proposal.pk}/receipt.pdf"
    # Final: no content, title or attachment change any more.
    with pytest.raises(PermissionDenied):
        _content(proposal, person, smes_involved=5)
    with pytest.raises(PermissionDenied):
        services.add_attachment(actor=person, proposal=proposal, upload=pdf_upload())
    assert ProposalVersion.objects.filter(proposal=proposal).count() == 3


def test_edits_after_the_deadline_are_refused_and_the_deadline_second_counts():
    call, proposal, person, _fr, _de = draft()
    deadline = call.stages.get(number=1).deadline
    after = deadline + timedelta(seconds=1)
    for change in (
        lambda now: _content(proposal, person, smes_involved=3, now=now),
        lambda now: services.add_attachment(
            actor=person, proposal=proposal, upload=pdf_upload(), now=now
        ),
        lambda now: services.update_details(actor=person, proposal=proposal, title="Late", now=now),
    ):
        with pytest.raises(ValidationError) as exc:
            change(after)
        assert exc.value.code == "late"
    proposal.refresh_from_db()
    assert (proposal.smes_involved, proposal.title, proposal.version) == (
        0,
        "Express cooperation",
        2,
    )
    assert ProposalAttachment.objects.count() == 0
    # At the deadline second itself a change is still on time; two submissions count once.
    _content(proposal, person, smes_involved=3, now=deadline)
    stale = Proposal.objects.get(pk=proposal.pk)
    services.submit_proposal(actor=person, proposal=proposal, now=deadline)
    with pytest.raises(ValidationError) as exc:
        services.submit_proposal(actor=person, proposal=stale, now=deadline)
    assert exc.value.messages == ["The proposal is submitted: it can no longer be changed."]
    with pytest.raises(ValidationError) as exc:  # a stale page's edit after the submission
        _content(stale, person, smes_involved=9, now=deadline)
    assert exc.value.code == "submitted"
    assert Notification.objects.filter(kind="calls.proposal_submitted").count() == 1
    assert Proposal.objects.get(pk=proposal.pk).smes_involved == 3


def test_a_call_of_another_funder_cannot_be_targeted_through_another_call():
    # The agencies of one call are not those of another: the partner service refuses them.
    _call, proposal, person, _fr, _de = draft()
    _other, other_fr, _other_de = two_agency_call(names=("Agence B", "Agentur B"))
    with pytest.raises(ValidationError) as exc:
        services.set_partner(
            actor=person,
            proposal=proposal,
            organisation=proposal.coordinator,
            agency=other_fr,
            budget_eur=Decimal("1"),
            grant_eur=Decimal("1"),
        )
    assert exc.value.messages == ["This agency does not take part in the call."]
