"""The evaluation scene of the tests: a two-agency joint call with two criteria and four
submitted proposals, built through the services (fixtures ``staff`` and ``setting`` are in
tests/calls/conftest.py)."""

from __future__ import annotations

from decimal import Decimal

from clusterbridge.calls.services import evaluation as services
from clusterbridge.calls.services import proposals as proposal_services
from tests.calls.factories import admin_of, two_agency_call
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory


def make_staff():
    return StaffFactory()


def make_setting(staff):
    """A two-agency joint call with two criteria and four submitted proposals, each asking
    the French agency (budget 100,000 €) for 30,000 €: three of them fit."""
    call, fr, de = two_agency_call(actor=staff)
    excellence = services.add_criterion(
        actor=staff, call=call, name="Excellence", weight=Decimal(60), max_score=5
    )
    impact = services.add_criterion(
        actor=staff, call=call, name="Impact", weight=Decimal(40), max_score=10
    )
    proposals = []
    for number in range(4):
        cluster = OrganisationFactory(kind="cluster", country="FR", name=f"Cluster {number}")
        person = admin_of(cluster)
        proposal = proposal_services.start_proposal(
            actor=person, call=call, coordinator=cluster, title=f"Proposal {number}"
        )
        proposal_services.set_partner(
            actor=person,
            proposal=proposal,
            organisation=cluster,
            agency=fr,
            budget_eur=Decimal("60000"),
            grant_eur=Decimal("30000"),
        )
        proposals.append(proposal_services.submit_proposal(actor=person, proposal=proposal))
    officer = MembershipFactory(organisation=fr.organisation).user
    return {
        "call": call,
        "fr": fr,
        "de": de,
        "criteria": (excellence, impact),
        "proposals": proposals,
        "officer": officer,
    }


def new_reviewer(**kwargs):
    kwargs.setdefault("country", "IT")
    return MembershipFactory(organisation=OrganisationFactory(**kwargs)).user


def review(setting, proposal, scores, *, reviewer=None):
    """A submitted review with ``scores`` (excellence, impact)."""
    reviewer = reviewer or new_reviewer()
    assignment = services.assign_reviewer(
        actor=setting["officer"], proposal=proposal, reviewer=reviewer
    )
    services.declare_interest(actor=reviewer, assignment=assignment, has_conflict=False)
    excellence, impact = setting["criteria"]
    return services.save_review(
        actor=reviewer,
        assignment=assignment,
        sheet={excellence.pk: (scores[0], "Clear"), impact.pk: (scores[1], "")},
        comment="Solid work plan.",
        submit=True,
    )


def consensus(setting, proposal, scores):
    excellence, impact = setting["criteria"]
    return services.set_consensus(
        actor=setting["officer"],
        proposal=proposal,
        sheet={excellence.pk: (scores[0], ""), impact.pk: (scores[1], "")},
        summary=f"Summary of {proposal.title}.",
    )
