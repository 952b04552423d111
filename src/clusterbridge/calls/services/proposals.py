"""Proposals to joint calls: the one write path of their life cycle (draft → submitted).

A cluster organisation starts a proposal (its members may then edit it), sets its partners —
each tied to the call's agency that would fund it, with its budget and requested grant — and
submits it. Submission is refused until every partner passes its own agency's rules
(``callrules``), and after the deadline (server time). Every change counts a new version and is
recorded in the audit log; a submission notifies the coordinator's people (the receipt).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from clusterbridge.calls import validators, wording
from clusterbridge.calls.models import (
    Call,
    CallAgency,
    Proposal,
    ProposalPartner,
    ProposalStatus,
)
from clusterbridge.calls.queries import joint
from clusterbridge.common import audit
from clusterbridge.common.permissions import require
from clusterbridge.notifications.services.notify import notify
from clusterbridge.organisations.models import Organisation, ProfileStatus
from clusterbridge.organisations.queries import memberships

TRANSITIONS = {
    ProposalStatus.DRAFT: {ProposalStatus.SUBMITTED},
    ProposalStatus.SUBMITTED: {ProposalStatus.FUNDED, ProposalStatus.NOT_FUNDED},
    ProposalStatus.FUNDED: set(),
    ProposalStatus.NOT_FUNDED: set(),
}


def move_proposal(proposal: Proposal, status: str) -> None:
    if status not in TRANSITIONS[ProposalStatus(proposal.status)]:
        raise ValidationError(
            _("A proposal that is “{current}” cannot become “{new}”.").format(
                current=proposal.get_status_display(), new=ProposalStatus(status).label
            ),
            code="transition",
        )
    proposal.status = status


def _require_open(call: Call, now: datetime) -> None:
    if not joint.accepts_proposals(call, now):
        deadline = joint.submission_deadline(call)
        if call.is_joint and deadline is not None and now > deadline:
            raise ValidationError(
                _(
                    "The deadline of this call has passed ({deadline}, {time_zone} time): "
                    "proposals can no longer be changed or submitted."
                ).format(
                    deadline=date_format(timezone.localtime(deadline), "DATETIME_FORMAT"),
                    time_zone=timezone.get_current_timezone_name(),
                ),
                code="late",
            )
        raise ValidationError(_("This call does not take proposals."), code="closed")


def _locked_draft(proposal: Proposal) -> Proposal:
    """The proposal, locked for the change, still a draft."""
    proposal = Proposal.objects.select_for_update().select_related("call").get(pk=proposal.pk)
    if proposal.status != ProposalStatus.DRAFT:
        raise ValidationError(
            _("The proposal is submitted: it can no longer be changed."), code="submitted"
        )
    return proposal


def start_proposal(
    *,
    actor,
    call: Call,
    coordinator: Organisation,
    title: str,
    summary: str = "",
    now: datetime | None = None,
    is_demo: bool = False,
) -> Proposal:
    require(
        actor,
        "calls.start_proposal",
        coordinator,
        message=_("Proposals are prepared by the people of a published cluster organisation."),
    )
    now = now or timezone.now()
    _require_open(call, now)
    validators.validate_required_text(title, _("The title"))
    validators.validate_title(title)
    validators.validate_summary(summary)
    with transaction.atomic():
        proposal = Proposal.objects.create(
            call=call,
            coordinator=coordinator,
            title=title.strip(),
            summary=summary.strip(),
            created_by=actor,
            is_demo=is_demo,
        )
        audit.record(
            actor=actor,
            action="calls.proposal_started",
            obj=proposal,
            organisation=coordinator,
            changes={"title": proposal.title},
        )
    return proposal


def set_partner(
    *,
    actor,
    proposal: Proposal,
    organisation: Organisation,
    agency: CallAgency,
    budget_eur: Decimal,
    grant_eur: Decimal,
    now: datetime | None = None,
) -> ProposalPartner:
    """Add a partner to the consortium, or change its agency and amounts if it is in it."""
    require(actor, "calls.change_proposal", proposal, message=_("You cannot change this proposal."))
    now = now or timezone.now()
    validators.validate_amount(budget_eur, _("The budget"))
    validators.validate_amount(grant_eur, _("The requested grant"))
    if agency.call_id != proposal.call_id:
        raise ValidationError(_("This agency does not take part in the call."), code="agency")
    if organisation.status != ProfileStatus.PUBLISHED:
        raise ValidationError(
            _("Only published organisations can be partners."), code="organisation"
        )
    with transaction.atomic():
        proposal = _locked_draft(proposal)
        _require_open(proposal.call, now)
        partner, created = ProposalPartner.objects.update_or_create(
            proposal=proposal,
            organisation=organisation,
            defaults={"agency": agency, "budget_eur": budget_eur, "grant_eur": grant_eur},
        )
        proposal.version += 1
        proposal.save(update_fields=["version", "updated_at"])
        audit.record(
            actor=actor,
            action="calls.partner_set",
            obj=proposal,
            organisation=proposal.coordinator_id,
            changes={
                "partner": organisation.name,
                "agency": agency.organisation.name,
                "budget_eur": str(budget_eur),
                "grant_eur": str(grant_eur),
                "new": created,
            },
        )
    return partner


def remove_partner(*, actor, partner: ProposalPartner, now: datetime | None = None) -> None:
    proposal = partner.proposal
    require(actor, "calls.change_proposal", proposal, message=_("You cannot change this proposal."))
    now = now or timezone.now()
    with transaction.atomic():
        proposal = _locked_draft(proposal)
        _require_open(proposal.call, now)
        ProposalPartner.objects.filter(pk=partner.pk, proposal=proposal).delete()
        proposal.version += 1
        proposal.save(update_fields=["version", "updated_at"])
        audit.record(
            actor=actor,
            action="calls.partner_removed",
            obj=proposal,
            organisation=proposal.coordinator_id,
            changes={"partner": partner.organisation.name},
        )


def failures_in_words(proposal: Proposal) -> list[str]:
    """Every failing rule of the proposal, as sentences (empty: it may be submitted)."""
    partners = joint.partners_of(proposal)
    if not partners:
        return [_("The consortium has no partner yet.")]
    agencies = joint.agencies_of(proposal.call)
    names = {a.pk: a.organisation.name for a in agencies}
    check = joint.check(proposal, partners=partners, agencies=agencies)
    lines = []
    for partner in partners:
        for failure in check.partners.get(partner.pk, ()):
            lines.append(
                _("{partner}: {reason}").format(
                    partner=partner.organisation.name,
                    reason=wording.failure(failure, agency_name=names.get(partner.agency_id, "")),
                )
            )
    for agency_id, failures in check.agencies.items():
        lines.extend(wording.failure(f, agency_name=names.get(agency_id, "")) for f in failures)
    return lines


def submit_proposal(*, actor, proposal: Proposal, now: datetime | None = None) -> Proposal:
    """Submit (final): refused after the deadline and while any rule fails."""
    require(actor, "calls.change_proposal", proposal, message=_("You cannot submit this proposal."))
    with transaction.atomic():
        proposal = _locked_draft(proposal)
        # The clock is read once the row is locked: two submissions at the deadline second
        # are judged one after the other against the same rule.
        now = now or timezone.now()
        _require_open(proposal.call, now)
        failures = failures_in_words(proposal)
        if failures:
            raise ValidationError(
                [_("The proposal cannot be submitted yet:"), *failures], code="not_eligible"
            )
        move_proposal(proposal, ProposalStatus.SUBMITTED)
        proposal.submitted_at = now
        proposal.submitted_by = actor
        proposal.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
        audit.record(
            actor=actor,
            action="calls.proposal_submitted",
            obj=proposal,
            organisation=proposal.coordinator_id,
            changes={"reference": proposal.reference, "version": proposal.version},
        )
        people = memberships.members_of(proposal.coordinator_id)
        notify(
            users=people,
            kind="calls.proposal_submitted",
            params={
                "proposal": proposal.title,
                "call": proposal.call.title,
                "reference": proposal.reference,
                "submitted_datetime": now.isoformat(),
            },
            url=proposal.get_absolute_url(),
        )
    return proposal
