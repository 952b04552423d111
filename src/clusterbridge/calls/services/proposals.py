"""Proposals to joint calls: the one write path of their life cycle (draft → submitted).

A cluster organisation starts a proposal (its members may then edit it), sets its partners —
each tied to the call's agency that would fund it, with its budget and requested grant — and
submits it. Submission is refused until every partner passes its own agency's rules
(``callrules``), and after the deadline (server time). The draft's content (targeted clusters,
SMEs involved, activities) and its attachments change here too. Every change counts a new
version — a ``ProposalVersion`` keeps a JSON snapshot of the proposal and its SHA-256 — and is
recorded in the audit log; a submission notifies the coordinator's people (the receipt, whose
PDF names the submitted version and its SHA-256).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from clusterbridge.calls import validators, wording
from clusterbridge.calls.models import (
    Activity,
    Call,
    CallAgency,
    Proposal,
    ProposalAttachment,
    ProposalPartner,
    ProposalStatus,
    ProposalVersion,
)
from clusterbridge.calls.queries import joint
from clusterbridge.common import audit
from clusterbridge.common.permissions import require
from clusterbridge.notifications.services.notify import notify
from clusterbridge.organisations.models import Organisation, OrganisationKind, ProfileStatus
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


# --- Versions -----------------------------------------------------------------------------------


def snapshot(proposal: Proposal) -> dict:
    """The proposal's content, consortium and attachments as plain JSON data."""
    partners = proposal.partners.select_related("organisation", "agency__organisation").order_by(
        "id"
    )
    return {
        "reference": proposal.reference,
        "call": proposal.call_id,
        "version": proposal.version,
        "title": proposal.title,
        "summary": proposal.summary,
        "coordinator": {"id": proposal.coordinator_id, "name": proposal.coordinator.name},
        "partners": [
            {
                "organisation": p.organisation_id,
                "name": p.organisation.name,
                "agency": p.agency_id,
                "agency_name": p.agency.organisation.name,
                "budget_eur": str(p.budget_eur),
                "grant_eur": str(p.grant_eur),
            }
            for p in partners
        ],
        "targeted_clusters": [
            {"id": o.pk, "name": o.name} for o in proposal.targeted_clusters.order_by("pk")
        ],
        "smes_involved": proposal.smes_involved,
        "sme_organisations": [
            {"id": o.pk, "name": o.name} for o in proposal.sme_organisations.order_by("pk")
        ],
        "activities": list(proposal.activities),
        "attachments": [
            {"id": a.pk, "name": a.original_name, "size": a.size, "sha256": a.sha256}
            for a in proposal.attachments.order_by("pk")
        ],
    }


def digest(data: dict) -> str:
    """SHA-256 of a snapshot's canonical JSON (sorted keys, no spaces, UTF-8)."""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _keep_version(proposal: Proposal, *, actor, action: str, now: datetime) -> ProposalVersion:
    data = snapshot(proposal)
    return ProposalVersion.objects.create(
        proposal=proposal,
        number=proposal.version,
        created_at=now,
        created_by=actor if getattr(actor, "pk", None) else None,
        action=action,
        snapshot=data,
        sha256=digest(data),
    )


def _new_version(proposal: Proposal, *, actor, action: str, now: datetime) -> ProposalVersion:
    """Count the change as a new version of the (locked) draft and keep its snapshot."""
    proposal.version += 1
    proposal.save(update_fields=["version", "updated_at"])
    return _keep_version(proposal, actor=actor, action=action, now=now)


def submitted_version(proposal: Proposal) -> ProposalVersion | None:
    """The version the receipt names (the last one before the submission)."""
    if proposal.status == ProposalStatus.DRAFT:
        return None
    return ProposalVersion.objects.filter(proposal=proposal, number=proposal.version).first()


def receipt_digest(proposal: Proposal) -> str:
    """The SHA-256 of the submitted snapshot (recomputed for proposals older than versions:
    a submitted proposal no longer changes)."""
    version = submitted_version(proposal)
    return version.sha256 if version is not None else digest(snapshot(proposal))


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
        _keep_version(proposal, actor=actor, action="calls.proposal_started", now=now)
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
        if proposal.targeted_clusters.filter(pk=organisation.pk).exists():
            raise ValidationError(
                _(
                    "{name} is a targeted cluster of the proposal: remove it from the targeted "
                    "clusters before making it a partner."
                ).format(name=organisation.name),
                code="targeted",
            )
        partner, created = ProposalPartner.objects.update_or_create(
            proposal=proposal,
            organisation=organisation,
            defaults={"agency": agency, "budget_eur": budget_eur, "grant_eur": grant_eur},
        )
        _new_version(proposal, actor=actor, action="calls.partner_set", now=now)
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
        _new_version(proposal, actor=actor, action="calls.partner_removed", now=now)
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
            changes={
                "reference": proposal.reference,
                "version": proposal.version,
                "sha256": receipt_digest(proposal),
            },
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
            url=reverse("calls:receipt", kwargs={"pk": proposal.pk}),
        )
    return proposal


def update_details(
    *, actor, proposal: Proposal, title: str, summary: str = "", now: datetime | None = None
) -> Proposal:
    """Change the draft's title and summary (a new version)."""
    require(actor, "calls.change_proposal", proposal, message=_("You cannot change this proposal."))
    now = now or timezone.now()
    validators.validate_required_text(title, _("The title"))
    validators.validate_title(title)
    validators.validate_summary(summary)
    with transaction.atomic():
        proposal = _locked_draft(proposal)
        _require_open(proposal.call, now)
        before = {"title": proposal.title, "summary": proposal.summary}
        proposal.title = title.strip()
        proposal.summary = (summary or "").strip()
        proposal.save(update_fields=["title", "summary", "updated_at"])
        _new_version(proposal, actor=actor, action="calls.details_updated", now=now)
        audit.record(
            actor=actor,
            action="calls.details_updated",
            obj=proposal,
            organisation=proposal.coordinator_id,
            changes={"before": before, "title": proposal.title},
        )
    return proposal


# --- Content --------------------------------------------------------------------------------------


def _check_organisations(organisations, *, kind: str, message: str, limit: int, code: str):
    organisations = list(dict.fromkeys(organisations))
    if len(organisations) > limit:
        raise ValidationError(
            _("At most {limit} organisations in one list.").format(limit=limit), code=code
        )
    for organisation in organisations:
        if organisation.kind != kind or organisation.status != ProfileStatus.PUBLISHED:
            raise ValidationError(message.format(name=organisation.name), code=code)
    return organisations


def update_content(
    *,
    actor,
    proposal: Proposal,
    targeted_clusters: Iterable[Organisation] = (),
    smes_involved: int = 0,
    sme_organisations: Iterable[Organisation] = (),
    activities: Iterable[str] = (),
    now: datetime | None = None,
) -> Proposal:
    """Set what the proposal reaches: the targeted clusters (other published cluster
    organisations, not in the consortium), the SMEs involved (a number, and those on the
    platform) and the activities among those the call accepts. A new version of the draft."""
    require(actor, "calls.change_proposal", proposal, message=_("You cannot change this proposal."))
    now = now or timezone.now()
    validators.validate_smes_involved(smes_involved)
    smes_involved = int(smes_involved)
    activities = list(dict.fromkeys(activities))
    validators.validate_activities(activities, proposal.call.activities)
    targeted = _check_organisations(
        targeted_clusters,
        kind=OrganisationKind.CLUSTER,
        message=_("{name} is not a published cluster organisation."),
        limit=validators.MAX_TARGETED_CLUSTERS,
        code="targeted_cluster",
    )
    smes = _check_organisations(
        sme_organisations,
        kind=OrganisationKind.SME,
        message=_("{name} is not a published SME."),
        limit=validators.MAX_SME_ORGANISATIONS,
        code="sme_organisation",
    )
    if len(smes) > smes_involved:
        raise ValidationError(
            _(
                "The number of SMEs involved ({number}) is smaller than the number of SMEs "
                "chosen on the platform ({chosen})."
            ).format(number=smes_involved, chosen=len(smes)),
            code="smes_involved",
        )
    with transaction.atomic():
        proposal = _locked_draft(proposal)
        _require_open(proposal.call, now)
        consortium = set(
            ProposalPartner.objects.filter(proposal=proposal).values_list(
                "organisation_id", flat=True
            )
        ) | {proposal.coordinator_id}
        inside = [o for o in targeted if o.pk in consortium]
        if inside:
            raise ValidationError(
                _(
                    "{name} is in the consortium: the targeted clusters are other cluster "
                    "organisations the proposal reaches."
                ).format(name=inside[0].name),
                code="targeted_partner",
            )
        proposal.smes_involved = smes_involved
        proposal.activities = [a for a in Activity.values if a in activities]
        proposal.save(update_fields=["smes_involved", "activities", "updated_at"])
        proposal.targeted_clusters.set(targeted)
        proposal.sme_organisations.set(smes)
        _new_version(proposal, actor=actor, action="calls.content_updated", now=now)
        audit.record(
            actor=actor,
            action="calls.content_updated",
            obj=proposal,
            organisation=proposal.coordinator_id,
            changes={
                "targeted_clusters": [o.name for o in targeted],
                "smes_involved": smes_involved,
                "sme_organisations": [o.name for o in smes],
                "activities": proposal.activities,
            },
        )
    return proposal


# --- Attachments ----------------------------------------------------------------------------------


def _sha256_of(upload) -> str:
    sha = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        sha.update(chunk)
    upload.seek(0)
    return sha.hexdigest()


def add_attachment(
    *, actor, proposal: Proposal, upload, now: datetime | None = None
) -> ProposalAttachment:
    """Attach a document (PDF or office document, within the size limit) to a draft; it is
    stored under a random name and served only through the permission-checked view."""
    require(actor, "calls.change_proposal", proposal, message=_("You cannot change this proposal."))
    now = now or timezone.now()
    content_type = validators.validate_attachment(upload)
    sha256 = _sha256_of(upload)
    with transaction.atomic():
        proposal = _locked_draft(proposal)
        _require_open(proposal.call, now)
        if proposal.attachments.count() >= validators.MAX_ATTACHMENTS:
            raise ValidationError(
                _("A proposal has at most {limit} attachments.").format(
                    limit=validators.MAX_ATTACHMENTS
                ),
                code="attachments",
            )
        attachment = ProposalAttachment.objects.create(
            proposal=proposal,
            file=upload,
            original_name=Path(upload.name).name[:200],
            content_type=content_type,
            size=upload.size,
            sha256=sha256,
            uploaded_by=actor,
        )
        _new_version(proposal, actor=actor, action="calls.attachment_added", now=now)
        audit.record(
            actor=actor,
            action="calls.attachment_added",
            obj=proposal,
            organisation=proposal.coordinator_id,
            changes={"file": attachment.original_name, "size": attachment.size, "sha256": sha256},
        )
    return attachment


def remove_attachment(
    *, actor, attachment: ProposalAttachment, now: datetime | None = None
) -> None:
    proposal = attachment.proposal
    require(actor, "calls.change_proposal", proposal, message=_("You cannot change this proposal."))
    now = now or timezone.now()
    with transaction.atomic():
        proposal = _locked_draft(proposal)
        _require_open(proposal.call, now)
        ProposalAttachment.objects.filter(pk=attachment.pk, proposal=proposal).delete()
        _new_version(proposal, actor=actor, action="calls.attachment_removed", now=now)
        audit.record(
            actor=actor,
            action="calls.attachment_removed",
            obj=proposal,
            organisation=proposal.coordinator_id,
            changes={"file": attachment.original_name},
        )
        stored = attachment.file
        transaction.on_commit(lambda: stored.storage.delete(stored.name))
