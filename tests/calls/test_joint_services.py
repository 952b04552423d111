"""Joint calls and proposals through the services: agencies with their own rules, publishing,
proposals, eligibility per agency in words, submission (final, refused late or ineligible),
permissions, and nothing written on bad input."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from clusterbridge.calls.models import (
    Call,
    CallAgency,
    CallStatus,
    Proposal,
    ProposalPartner,
    ProposalStatus,
)
from clusterbridge.calls.services import calls as call_services
from clusterbridge.calls.services import proposals as services
from clusterbridge.common.models import AuditEntry
from clusterbridge.notifications.models import Notification
from tests.calls.factories import admin_of, agency, joint_call, posted, two_agency_call
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def _cluster(**kwargs):
    kwargs.setdefault("country", "FR")
    return OrganisationFactory(kind="cluster", **kwargs)


def _proposal(call, *, coordinator=None, person=None):
    coordinator = coordinator or _cluster(name="Cluster FR")
    person = person or admin_of(coordinator)
    proposal = services.start_proposal(
        actor=person, call=call, coordinator=coordinator, title="Express cooperation"
    )
    return proposal, coordinator, person


# --- The call and its agencies ------------------------------------------------------------------


def test_a_joint_call_is_a_draft_until_published_with_two_agencies():
    staff = StaffFactory()
    call = posted(actor=staff, is_joint=True)
    assert (call.status, call.published_at) == (CallStatus.DRAFT, None)
    call_services.add_agency(
        actor=staff, call=call, organisation=agency(name="A"), budget_eur=Decimal("1000")
    )
    with pytest.raises(ValidationError) as exc:
        call_services.publish_call(actor=staff, call=call)
    assert exc.value.messages == ["A joint call needs at least 2 participating agencies."]
    call_services.add_agency(
        actor=staff,
        call=call,
        organisation=agency(name="B"),
        budget_eur=Decimal("2000"),
        beneficiary_kinds=["sme", "sme"],
        countries=["DE"],
        regions=["de1"],
        max_grant_eur=Decimal("500"),
        funding_rate=Decimal("70"),
    )
    b = CallAgency.objects.get(organisation__name="B")
    assert (b.beneficiary_kinds, list(map(str, b.countries)), b.regions) == (
        ["sme"],
        ["DE"],
        ["DE1"],
    )
    call = call_services.publish_call(actor=staff, call=call)
    assert call.status == CallStatus.PUBLISHED
    assert call.published_at is not None
    with pytest.raises(ValidationError) as exc:
        call_services.add_agency(
            actor=staff, call=call, organisation=agency(name="C"), budget_eur=Decimal("1")
        )
    assert exc.value.messages == ["The agencies of a call are set before it is published."]
    assert AuditEntry.objects.filter(action="calls.published").count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"budget_eur": Decimal("-1")}, "The agency's budget cannot be negative."),
        ({"budget_eur": None}, "The agency's budget is missing."),
        (
            {"funding_rate": Decimal("120")},
            "The funding rate is a percentage above 0 and at most 100.",
        ),
        ({"beneficiary_kinds": ["alien"]}, "Unknown applicant kind “alien”."),
        ({"countries": ["XX"]}, "Unknown country code “XX”."),
        (
            {"regions": ["12"]},
            "“12” is not a NUTS code (two letters and up to three more characters).",
        ),
    ],
)
def test_bad_agency_rules_are_refused_and_nothing_written(fields, message):
    staff = StaffFactory()
    call = posted(actor=staff, is_joint=True)
    fields.setdefault("budget_eur", Decimal("1000"))
    with pytest.raises(ValidationError) as exc:
        call_services.add_agency(actor=staff, call=call, organisation=agency(), **fields)
    assert exc.value.messages == [message]
    assert CallAgency.objects.count() == 0


def test_agency_must_be_a_published_agency_once_per_call():
    staff = StaffFactory()
    call = posted(actor=staff, is_joint=True)
    with pytest.raises(ValidationError) as exc:
        call_services.add_agency(
            actor=staff, call=call, organisation=_cluster(name="Not one"), budget_eur=Decimal(1)
        )
    assert exc.value.messages == ["Not one is not a published public authority or agency."]
    a = agency(name="Agence")
    call_services.add_agency(actor=staff, call=call, organisation=a, budget_eur=Decimal(1))
    with pytest.raises(ValidationError) as exc:
        call_services.add_agency(actor=staff, call=call, organisation=a, budget_eur=Decimal(1))
    assert exc.value.messages == ["Agence already takes part in this call."]
    assert CallAgency.objects.count() == 1


def test_only_the_poster_and_staff_set_agencies_and_publish():
    poster = agency(name="Poster")
    person = admin_of(poster)
    call = posted(actor=person, organisation=poster, is_joint=True)
    with pytest.raises(PermissionDenied):
        call_services.add_agency(
            actor=UserFactory(), call=call, organisation=agency(), budget_eur=Decimal(1)
        )
    with pytest.raises(PermissionDenied):
        call_services.publish_call(actor=admin_of(agency()), call=call)
    call_services.add_agency(actor=person, call=call, organisation=poster, budget_eur=Decimal(1))
    assert CallAgency.objects.count() == 1


def test_a_draft_joint_call_is_not_listed_nor_followable():
    call = posted(is_joint=True)
    assert not UserFactory().has_perm("calls.view_call", call)
    assert Call.objects.filter(status=CallStatus.PUBLISHED).count() == 0


# --- Proposals ------------------------------------------------------------------------------


def test_proposals_are_started_by_people_of_published_clusters():
    call, _fr, _de = two_agency_call()
    for organisation in (
        OrganisationFactory(kind="sme"),
        _cluster(status="draft", slug="draft-cluster"),
    ):
        with pytest.raises(PermissionDenied):
            services.start_proposal(
                actor=admin_of(organisation), call=call, coordinator=organisation, title="X"
            )
    cluster = _cluster()
    with pytest.raises(PermissionDenied):
        services.start_proposal(actor=UserFactory(), call=call, coordinator=cluster, title="X")
    member = MembershipFactory(organisation=cluster, role="member").user
    proposal = services.start_proposal(actor=member, call=call, coordinator=cluster, title=" P ")
    assert (proposal.title, proposal.status, proposal.version) == ("P", ProposalStatus.DRAFT, 1)


def test_no_proposal_to_a_draft_closed_or_ordinary_call():
    cluster = _cluster()
    person = admin_of(cluster)
    draft = joint_call(agencies=[(agency(), {}), (agency(), {})], publish=False)
    ordinary = posted()
    for call in (draft, ordinary):
        with pytest.raises(ValidationError) as exc:
            services.start_proposal(actor=person, call=call, coordinator=cluster, title="P")
        assert exc.value.messages == ["This call does not take proposals."]
    assert Proposal.objects.count() == 0


def test_each_partner_is_checked_against_its_own_agency_in_words():
    call, fr, de = two_agency_call()
    proposal, coordinator, person = _proposal(call)
    services.set_partner(
        actor=person,
        proposal=proposal,
        organisation=coordinator,
        agency=fr,
        budget_eur=Decimal("40000"),
        grant_eur=Decimal("20000"),
    )
    cluster_de = _cluster(name="Cluster DE", country="DE")
    services.set_partner(
        actor=person,
        proposal=proposal,
        organisation=cluster_de,
        agency=de,
        budget_eur=Decimal("10000"),
        grant_eur=Decimal("5000"),
    )
    assert services.failures_in_words(proposal) == [
        "Cluster DE: Agentur DE funds only: Company (SME); this partner is “Cluster organisation”."
    ]
    sme_fr = OrganisationFactory(name="SME FR", kind="sme", country="FR")
    services.set_partner(
        actor=person,
        proposal=proposal,
        organisation=sme_fr,
        agency=de,
        budget_eur=Decimal("10000"),
        grant_eur=Decimal("5000"),
    )
    services.set_partner(  # the coordinator now asks too much of the French agency
        actor=person,
        proposal=proposal,
        organisation=coordinator,
        agency=fr,
        budget_eur=Decimal("40000"),
        grant_eur=Decimal("35000"),
    )
    assert services.failures_in_words(proposal) == [
        "Cluster FR: The requested grant of 35,000 € is above Agence FR's maximum of 30,000 € "
        "per beneficiary.",
        "Cluster FR: The grant is 87.5 % of the budget; Agence FR funds at most 50 %.",
        "Cluster DE: Agentur DE funds only: Company (SME); this partner is “Cluster organisation”.",
        "SME FR: Agentur DE funds only partners in Germany; this partner is in France.",
    ]
    assert ProposalPartner.objects.filter(proposal=proposal).count() == 3
    assert Proposal.objects.get(pk=proposal.pk).version == 5


def test_submission_refused_until_eligible_then_final_with_a_receipt():
    call, fr, de = two_agency_call()
    proposal, coordinator, person = _proposal(call)
    with pytest.raises(ValidationError) as exc:
        services.submit_proposal(actor=person, proposal=proposal)
    assert exc.value.messages == [
        "The proposal cannot be submitted yet:",
        "The consortium has no partner yet.",
    ]
    services.set_partner(
        actor=person,
        proposal=proposal,
        organisation=coordinator,
        agency=de,
        budget_eur=Decimal("1000"),
        grant_eur=Decimal("500"),
    )
    with pytest.raises(ValidationError) as exc:
        services.submit_proposal(actor=person, proposal=proposal)
    assert exc.value.messages[1:] == [
        "Cluster FR: Agentur DE funds only: Company (SME); this partner is “Cluster organisation”.",
        "Cluster FR: Agentur DE funds only partners in Germany; this partner is in France.",
    ]
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.DRAFT
    services.set_partner(
        actor=person,
        proposal=proposal,
        organisation=coordinator,
        agency=fr,
        budget_eur=Decimal("1000"),
        grant_eur=Decimal("500"),
    )
    proposal = services.submit_proposal(actor=person, proposal=proposal)
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.submitted_by == person
    assert proposal.reference == f"CB-{call.pk}-{proposal.pk:05d}"
    receipt = Notification.objects.get(kind="calls.proposal_submitted")
    assert receipt.user == person
    assert receipt.params["reference"] == proposal.reference
    assert AuditEntry.objects.filter(action="calls.proposal_submitted").count() == 1
    with pytest.raises(PermissionDenied):  # final: no change any more
        services.set_partner(
            actor=person,
            proposal=proposal,
            organisation=coordinator,
            agency=fr,
            budget_eur=Decimal("1"),
            grant_eur=Decimal("0"),
        )
    with pytest.raises(PermissionDenied):
        services.submit_proposal(actor=person, proposal=proposal)


def test_late_submission_and_late_edit_are_refused_with_a_clear_message():
    call, fr, _de = two_agency_call()
    proposal, coordinator, person = _proposal(call)
    services.set_partner(
        actor=person,
        proposal=proposal,
        organisation=coordinator,
        agency=fr,
        budget_eur=Decimal("1000"),
        grant_eur=Decimal("500"),
    )
    deadline = call.stages.get(number=1).deadline
    after = deadline + timedelta(seconds=1)
    with pytest.raises(ValidationError) as exc:
        services.submit_proposal(actor=person, proposal=proposal, now=after)
    assert exc.value.code == "late"
    assert exc.value.messages[0].startswith("The deadline of this call has passed (")
    assert exc.value.messages[0].endswith(
        "Europe/Brussels time): proposals can no longer be changed or submitted."
    )
    with pytest.raises(ValidationError) as exc:
        services.set_partner(
            actor=person,
            proposal=proposal,
            organisation=coordinator,
            agency=fr,
            budget_eur=Decimal("2000"),
            grant_eur=Decimal("500"),
            now=after,
        )
    assert exc.value.code == "late"
    assert ProposalPartner.objects.get().budget_eur == Decimal("1000")
    # At the deadline second itself the submission is still on time.
    assert services.submit_proposal(actor=person, proposal=proposal, now=deadline).status == (
        ProposalStatus.SUBMITTED
    )


def test_two_submissions_of_the_same_proposal_count_once():
    call, fr, _de = two_agency_call()
    proposal, coordinator, person = _proposal(call)
    services.set_partner(
        actor=person,
        proposal=proposal,
        organisation=coordinator,
        agency=fr,
        budget_eur=Decimal("1000"),
        grant_eur=Decimal("500"),
    )
    deadline = call.stages.get(number=1).deadline
    stale = Proposal.objects.get(pk=proposal.pk)
    services.submit_proposal(actor=person, proposal=proposal, now=deadline)
    with pytest.raises(ValidationError) as exc:  # the second one reads the locked row
        services.submit_proposal(actor=person, proposal=stale, now=deadline)
    assert exc.value.messages == ["The proposal is submitted: it can no longer be changed."]
    assert AuditEntry.objects.filter(action="calls.proposal_submitted").count() == 1


def test_bad_partner_input_writes_nothing():
    call, fr, _de = two_agency_call()
    _other_call, other_fr, _ = two_agency_call(title="Other call", names=("Agence 2", "Agentur 2"))
    proposal, coordinator, person = _proposal(call)
    cases = [
        ({"agency": other_fr}, "This agency does not take part in the call."),
        ({"budget_eur": Decimal("-5")}, "The budget cannot be negative."),
        ({"grant_eur": None}, "The requested grant is missing."),
        (
            {"organisation": _cluster(status="draft", slug="draft-one")},
            "Only published organisations can be partners.",
        ),
    ]
    for change, message in cases:
        fields = {
            "organisation": coordinator,
            "agency": fr,
            "budget_eur": Decimal("1000"),
            "grant_eur": Decimal("500"),
            **change,
        }
        with pytest.raises(ValidationError) as exc:
            services.set_partner(actor=person, proposal=proposal, **fields)
        assert exc.value.messages == [message]
    assert ProposalPartner.objects.count() == 0
    assert Proposal.objects.get(pk=proposal.pk).version == 1


def test_who_sees_a_proposal():
    call, fr, de = two_agency_call()
    proposal, coordinator, person = _proposal(call)
    partner_org = OrganisationFactory(name="SME DE", kind="sme", country="DE")
    services.set_partner(
        actor=person,
        proposal=proposal,
        organisation=partner_org,
        agency=de,
        budget_eur=Decimal("1000"),
        grant_eur=Decimal("500"),
    )
    partner_person = admin_of(partner_org)
    agency_person = admin_of(fr.organisation)
    staff, outsider = StaffFactory(), UserFactory()
    proposal = Proposal.objects.get(pk=proposal.pk)
    # A draft: the consortium only.
    assert [
        u.has_perm("calls.view_proposal", proposal)
        for u in (person, partner_person, agency_person, staff, outsider)
    ] == [True, True, False, False, False]
    assert partner_person.has_perm("calls.change_proposal", proposal) is False
    services.set_partner(
        actor=person,
        proposal=proposal,
        organisation=coordinator,
        agency=fr,
        budget_eur=Decimal("1000"),
        grant_eur=Decimal("500"),
    )
    services.submit_proposal(actor=person, proposal=proposal)
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert [
        u.has_perm("calls.view_proposal", proposal)
        for u in (person, partner_person, agency_person, staff, outsider)
    ] == [True, True, True, True, False]
