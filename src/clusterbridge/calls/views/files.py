"""A proposal's files: its attachments (uploaded and removed by the coordinator's people while
a draft, downloaded by whoever may see the proposal) and the PDF receipt of a submitted
proposal. Anyone who may not see the proposal gets a 404; every download is logged."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterbridge.calls.forms import AttachmentForm
from clusterbridge.calls.models import Proposal, ProposalAttachment, ProposalStatus
from clusterbridge.calls.pdf import receipt_pdf
from clusterbridge.calls.queries import joint
from clusterbridge.calls.services import proposals as services
from clusterbridge.common import audit
from clusterbridge.common.downloads import download, private_file
from clusterbridge.common.feedback import flash_error
from clusterbridge.common.views import object_or_404

PROPOSALS = Proposal.objects.select_related("call", "coordinator", "submitted_by")


def _proposal(request, pk) -> Proposal:
    return object_or_404(request, PROPOSALS, "calls.view_proposal", pk=pk)


@login_required
def attachment(request, pk, file_pk):
    """Download an attachment: whoever may see the proposal (its consortium; once submitted
    the call's agencies, its reviewers without a conflict, staff); anyone else gets a 404."""
    proposal = _proposal(request, pk)
    found = ProposalAttachment.objects.filter(pk=file_pk, proposal=proposal).first()
    if found is None:
        raise Http404(_("No such attachment."))
    audit.record_export(
        actor=request.user,
        action="calls.attachment_downloaded",
        obj=proposal,
        organisation=proposal.coordinator_id,
        changes={"file": found.original_name},
    )
    return private_file(
        found.file,
        content_type=found.content_type,
        filename=found.original_name,
        missing_message=_("The file of this attachment is missing."),
    )


@login_required
@require_POST
def add_attachment(request, pk):
    proposal = _proposal(request, pk)
    if not request.user.has_perm("calls.change_proposal", proposal):
        raise PermissionDenied(_("You cannot change this proposal."))
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        flash_error(request, ValidationError(_("Choose a file to upload.")))
        return redirect(proposal.get_absolute_url() + "#attachments")
    try:
        services.add_attachment(
            actor=request.user, proposal=proposal, upload=form.cleaned_data["file"]
        )
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("The attachment is added."))
    return redirect(proposal.get_absolute_url() + "#attachments")


@login_required
@require_POST
def remove_attachment(request, pk, file_pk):
    proposal = _proposal(request, pk)
    found = ProposalAttachment.objects.filter(pk=file_pk, proposal=proposal).first()
    if found is not None:
        try:
            services.remove_attachment(actor=request.user, attachment=found)
        except ValidationError as exc:
            flash_error(request, exc)
        else:
            messages.success(request, _("The attachment is removed."))
    return redirect(proposal.get_absolute_url() + "#attachments")


@login_required
def receipt(request, pk):
    """The PDF receipt of a submitted proposal, in the reader's language and time zone."""
    proposal = _proposal(request, pk)
    if proposal.status == ProposalStatus.DRAFT:
        raise Http404(_("A draft has no receipt yet."))
    body = receipt_pdf(
        proposal=proposal,
        partners=joint.partners_of(proposal),
        sha256=services.receipt_digest(proposal),
    )
    audit.record_export(
        actor=request.user,
        action="calls.receipt_downloaded",
        obj=proposal,
        organisation=proposal.coordinator_id,
    )
    return download(body, "application/pdf", f"receipt-{proposal.reference}.pdf")
