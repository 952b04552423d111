"""Joint calls: the poster sets the participating agencies and publishes; cluster
organisations prepare proposals (partners, live eligibility) and submit them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterbridge.calls import wording
from clusterbridge.calls.forms import (
    ActivitiesForm,
    AgencyForm,
    AttachmentForm,
    ContentForm,
    DetailsForm,
    PartnerForm,
    ProposalForm,
)
from clusterbridge.calls.models import Call, CallAgency, Proposal, ProposalPartner
from clusterbridge.calls.queries import joint
from clusterbridge.calls.services import calls as call_services
from clusterbridge.calls.services import proposals as services
from clusterbridge.calls.views.evaluation import result_of
from clusterbridge.calls.views.pages import proposers
from clusterbridge.common.feedback import flash_error, form_error
from clusterbridge.common.views import object_or_404
from clusterbridge.organisations.models import Organisation


def _joint_call(request, slug, permission):
    return object_or_404(request, Call.objects.filter(is_joint=True), permission, slug=slug)


@login_required
def manage(request, slug):
    """The poster's page of a draft joint call: its agencies and their rules, publish."""
    call = _joint_call(request, slug, "calls.change_call")
    form = AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call_services.add_agency(actor=request.user, call=call, **form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("The agency is added with its rules."))
            return redirect("calls:manage", slug=call.slug)
    return render(
        request,
        "calls/manage.html",
        {
            "call": call,
            "form": form,
            "agencies": [(a, wording.rules_in_words(a)) for a in joint.agencies_of(call)],
            "min_agencies": call_services.MIN_AGENCIES,
            "activities_form": ActivitiesForm(initial={"activities": call.activities}),
            "activities": joint.activity_labels(call.activities),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def set_activities(request, slug):
    call = _joint_call(request, slug, "calls.change_call")
    form = ActivitiesForm(request.POST)
    if not form.is_valid():
        flash_error(request, ValidationError(_("Choose among the listed activities.")))
        return redirect("calls:manage", slug=call.slug)
    try:
        call_services.set_activities(
            actor=request.user, call=call, activities=form.cleaned_data["activities"]
        )
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("The activities the call accepts are saved."))
    return redirect("calls:manage", slug=call.slug)


@login_required
@require_POST
def remove_agency(request, slug, pk):
    call = _joint_call(request, slug, "calls.change_call")
    agency = CallAgency.objects.filter(call=call, pk=pk).select_related("organisation").first()
    if agency is None:
        return redirect("calls:manage", slug=call.slug)
    try:
        call_services.remove_agency(actor=request.user, agency=agency)
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("The agency is removed."))
    return redirect("calls:manage", slug=call.slug)


@login_required
@require_POST
def publish(request, slug):
    call = _joint_call(request, slug, "calls.change_call")
    try:
        call_services.publish_call(actor=request.user, call=call)
    except ValidationError as exc:
        flash_error(request, exc)
        return redirect("calls:manage", slug=call.slug)
    messages.success(request, _("The joint call is published: it takes proposals."))
    return redirect(call)


@login_required
def start(request, slug):
    call = object_or_404(request, Call.objects.filter(is_joint=True), "calls.view_call", slug=slug)
    mine = proposers(request.user)
    if not mine:
        return render(request, "calls/cannot_propose.html", {"call": call}, status=403)
    coordinators = Organisation.objects.filter(pk__in=[o.pk for o in mine]).order_by("name")
    form = ProposalForm(request.POST or None, coordinators=coordinators)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.start_proposal(actor=request.user, call=call, **form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("The proposal is started: add its partners."))
            return redirect(proposal)
    return render(
        request,
        "calls/proposal_start.html",
        {"call": call, "form": form, "submission_deadline": joint.submission_deadline(call)},
        status=400 if request.method == "POST" else 200,
    )


def _proposal(request, pk, permission="calls.view_proposal") -> Proposal:
    return object_or_404(
        request,
        Proposal.objects.select_related("call", "coordinator", "submitted_by"),
        permission,
        pk=pk,
    )


def _content_form(proposal, partners, data=None) -> ContentForm:
    return ContentForm(
        data,
        call=proposal.call,
        consortium_ids=[proposal.coordinator_id, *(p.organisation_id for p in partners)],
        initial={
            "targeted_clusters": list(proposal.targeted_clusters.values_list("pk", flat=True)),
            "smes_involved": proposal.smes_involved,
            "sme_organisations": list(proposal.sme_organisations.values_list("pk", flat=True)),
            "activities": proposal.activities,
        },
    )


def _proposal_page(request, proposal, form=None, status=200, details_form=None, content_form=None):
    agencies = joint.agencies_of(proposal.call)
    partners = joint.partners_of(proposal)
    check = joint.check(proposal, partners=partners, agencies=agencies)
    names = {a.pk: a.organisation.name for a in agencies}
    can_change = request.user.has_perm("calls.change_proposal", proposal)
    accepts = joint.accepts_proposals(proposal.call, timezone.now())
    if can_change and accepts:
        if form is None:
            form = PartnerForm(agencies=proposal.call.agencies.select_related("organisation"))
        if details_form is None:
            details_form = DetailsForm(
                initial={"title": proposal.title, "summary": proposal.summary},
                prefix="details",
            )
        if content_form is None:
            content_form = _content_form(proposal, partners)
    rows = [
        (
            partner,
            [
                wording.failure(f, agency_name=names.get(partner.agency_id, ""))
                for f in check.partners.get(partner.pk, ())
            ],
        )
        for partner in partners
    ]
    agency_failures = [
        wording.failure(f, agency_name=names.get(agency_id, ""))
        for agency_id, failures in check.agencies.items()
        for f in failures
    ]
    return render(
        request,
        "calls/proposal.html",
        {
            "proposal": proposal,
            "call": proposal.call,
            "rows": rows,
            "agency_failures": agency_failures,
            "eligible": bool(partners) and check.eligible,
            "can_change": can_change,
            "accepts_proposals": accepts,
            "editable": can_change and accepts,
            "content": joint.content_of(proposal),
            "attachments": joint.attachments_of(proposal),
            "details_form": details_form,
            "content_form": content_form,
            "attachment_form": AttachmentForm() if can_change and accepts else None,
            "versions": (
                joint.versions_of(proposal)
                if request.user.has_perm("calls.view_proposal_history", proposal)
                else None
            ),
            "receipt_sha256": (
                services.receipt_digest(proposal) if proposal.submitted_at else None
            ),
            "submission_deadline": joint.submission_deadline(proposal.call),
            "time_zone": timezone.get_current_timezone_name(),
            "form": form,
            "agencies": [(a, wording.rules_in_words(a)) for a in agencies],
            "result": result_of(proposal),
            "can_evaluate": request.user.has_perm("calls.manage_evaluation", proposal.call),
        },
        status=status,
    )


@login_required
def proposal(request, pk):
    return _proposal_page(request, _proposal(request, pk))


@login_required
@require_POST
def set_partner(request, pk):
    proposal = _proposal(request, pk)
    if not request.user.has_perm("calls.change_proposal", proposal):
        raise PermissionDenied(_("You cannot change this proposal."))
    form = PartnerForm(request.POST, agencies=proposal.call.agencies.select_related("organisation"))
    if form.is_valid():
        try:
            services.set_partner(actor=request.user, proposal=proposal, **form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("The partner is saved."))
            return redirect(proposal)
    return _proposal_page(request, proposal, form=form, status=400)


def _changeable(request, pk) -> Proposal:
    proposal = _proposal(request, pk)
    if not request.user.has_perm("calls.change_proposal", proposal):
        raise PermissionDenied(_("You cannot change this proposal."))
    return proposal


@login_required
@require_POST
def update_details(request, pk):
    proposal = _changeable(request, pk)
    form = DetailsForm(request.POST, prefix="details")
    if form.is_valid():
        try:
            services.update_details(actor=request.user, proposal=proposal, **form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("The title and summary are saved."))
            return redirect(proposal)
    return _proposal_page(request, proposal, details_form=form, status=400)


@login_required
@require_POST
def update_content(request, pk):
    proposal = _changeable(request, pk)
    form = _content_form(proposal, joint.partners_of(proposal), data=request.POST)
    if form.is_valid():
        try:
            services.update_content(actor=request.user, proposal=proposal, **form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("The proposal's content is saved."))
            return redirect(proposal.get_absolute_url() + "#content")
    return _proposal_page(request, proposal, content_form=form, status=400)


@login_required
@require_POST
def remove_partner(request, pk, partner_pk):
    proposal = _proposal(request, pk)
    partner = ProposalPartner.objects.filter(proposal=proposal, pk=partner_pk).first()
    if partner is not None:
        try:
            services.remove_partner(actor=request.user, partner=partner)
        except ValidationError as exc:
            flash_error(request, exc)
        else:
            messages.success(request, _("The partner is removed."))
    return redirect(proposal)


@login_required
@require_POST
def submit(request, pk):
    proposal = _proposal(request, pk)
    try:
        services.submit_proposal(actor=request.user, proposal=proposal)
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(
            request,
            _("The proposal is submitted. Reference: {reference}.").format(
                reference=proposal.reference
            ),
        )
    return redirect(proposal)
