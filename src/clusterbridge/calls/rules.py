"""Object permissions for calls, declared once (django-rules).

A call is posted by staff or by an administrator of a *published* organisation of kind
"public authority or agency" (the funding agencies); the object of ``calls.post_call`` is that
organisation, or ``None`` for staff posting in the platform's name.
"""

import rules

from clusterbridge.calls.models import (
    Call,
    CallAgency,
    CallStatus,
    Proposal,
    ProposalPartner,
    ProposalStatus,
    ReviewAssignment,
    ReviewState,
)
from clusterbridge.organisations.models import Organisation, OrganisationKind, ProfileStatus
from clusterbridge.organisations.queries import memberships

FUNDER_KINDS = frozenset({OrganisationKind.PUBLIC_AUTHORITY})


def is_funding_agency(organisation: Organisation) -> bool:
    return organisation.kind in FUNDER_KINDS and organisation.status == ProfileStatus.PUBLISHED


@rules.predicate
def is_agency_admin(user, organisation) -> bool:
    return (
        isinstance(organisation, Organisation)
        and is_funding_agency(organisation)
        and memberships.is_admin(user, organisation)
    )


@rules.predicate
def is_poster_admin(user, call) -> bool:
    return (
        isinstance(call, Call)
        and call.organisation_id is not None
        and memberships.is_admin(user, call.organisation_id)
    )


@rules.predicate
def is_published(user, call) -> bool:
    return isinstance(call, Call) and call.status == CallStatus.PUBLISHED


is_staff = rules.is_staff

rules.add_perm("calls.post_call", is_staff | is_agency_admin)
rules.add_perm("calls.view_call", is_published | is_poster_admin | is_staff)
rules.add_perm("calls.change_call", is_poster_admin | is_staff)
rules.add_perm("calls.follow_call", rules.is_authenticated & is_published)


# --- Joint calls and proposals -----------------------------------------------------------------

PROPOSER_KINDS = frozenset({OrganisationKind.CLUSTER})


def is_proposer(organisation: Organisation) -> bool:
    """Cluster organisations prepare and submit the proposals of joint calls."""
    return organisation.kind in PROPOSER_KINDS and organisation.status == ProfileStatus.PUBLISHED


def _consortium_ids(proposal: Proposal) -> list[int]:
    """The coordinator and the partner organisations (cached on the object for one request)."""
    if "_cb_consortium" not in proposal.__dict__:
        ids = set(
            ProposalPartner.objects.filter(proposal_id=proposal.pk).values_list(
                "organisation_id", flat=True
            )
        )
        ids.add(proposal.coordinator_id)
        proposal.__dict__["_cb_consortium"] = sorted(ids)
    return proposal.__dict__["_cb_consortium"]


def _agency_ids(call_id: int) -> list[int]:
    return list(
        CallAgency.objects.filter(call_id=call_id).values_list("organisation_id", flat=True)
    )


@rules.predicate
def is_proposer_member(user, organisation) -> bool:
    return (
        isinstance(organisation, Organisation)
        and is_proposer(organisation)
        and memberships.is_member(user, organisation)
    )


@rules.predicate
def is_consortium_person(user, proposal) -> bool:
    return isinstance(proposal, Proposal) and memberships.is_member_of_any(
        user, _consortium_ids(proposal)
    )


@rules.predicate
def is_coordinator_person(user, proposal) -> bool:
    return isinstance(proposal, Proposal) and memberships.is_member(user, proposal.coordinator_id)


@rules.predicate
def is_draft(user, proposal) -> bool:
    return isinstance(proposal, Proposal) and proposal.status == ProposalStatus.DRAFT


@rules.predicate
def is_submitted(user, proposal) -> bool:
    return isinstance(proposal, Proposal) and proposal.status != ProposalStatus.DRAFT


@rules.predicate
def is_call_agency_person(user, proposal) -> bool:
    """A person of one of the call's agencies, or an administrator of its poster."""
    if not isinstance(proposal, Proposal):
        return False
    ids = _agency_ids(proposal.call_id)
    poster = Call.objects.filter(pk=proposal.call_id).values_list("organisation_id", flat=True)
    ids += [pk for pk in poster if pk is not None]
    return memberships.is_member_of_any(user, ids)


@rules.predicate
def is_active_reviewer(user, proposal) -> bool:
    """An assigned reviewer who declared no conflict of interest."""
    return (
        isinstance(proposal, Proposal)
        and user.is_authenticated
        and ReviewAssignment.objects.filter(
            proposal_id=proposal.pk, reviewer_id=user.pk, declared_at__isnull=False
        )
        .exclude(state=ReviewState.DECLINED)
        .exists()
    )


@rules.predicate
def is_evaluation_manager(user, call) -> bool:
    """A person of one of the joint call's agencies or of its poster: they assign the
    reviewers and agree the consensus."""
    if not isinstance(call, Call) or not call.is_joint:
        return False
    ids = _agency_ids(call.pk)
    if call.organisation_id is not None:
        ids.append(call.organisation_id)
    return memberships.is_member_of_any(user, ids)


@rules.predicate
def is_joint(user, call) -> bool:
    return isinstance(call, Call) and call.is_joint


@rules.predicate
def is_own_review(user, assignment) -> bool:
    return (
        isinstance(assignment, ReviewAssignment)
        and user.is_authenticated
        and assignment.reviewer_id == user.pk
        and assignment.state != ReviewState.DECLINED
    )


rules.add_perm("calls.start_proposal", rules.is_authenticated & is_proposer_member)
# Drafts are the consortium's own; once submitted the call's agencies, its reviewers and staff
# see them too.
rules.add_perm(
    "calls.view_proposal",
    is_consortium_person | (is_submitted & (is_call_agency_person | is_active_reviewer | is_staff)),
)
rules.add_perm("calls.manage_evaluation", is_evaluation_manager | (is_joint & is_staff))
# The decision spends every agency's budget at once: the call's poster (or staff) takes it.
rules.add_perm("calls.decide_funding", is_joint & (is_poster_admin | is_staff))
rules.add_perm("calls.review", is_own_review)
rules.add_perm("calls.change_proposal", is_coordinator_person & is_draft)
# The versions of the draft are the consortium's own working history.
rules.add_perm("calls.view_proposal_history", is_consortium_person)
