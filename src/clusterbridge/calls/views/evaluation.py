"""Evaluation pages: the poster's criteria, the agencies' reviewer assignments and consensus,
the reviewer's declaration and score sheet, the ranking with the funding decision, and its
CSV export. Every object is fetched through its permission (404 when it may not be seen)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterbridge.calls.forms.evaluation import (
    CriterionForm,
    DecisionForm,
    DeclarationForm,
    ReviewerForm,
    ScoreSheetForm,
)
from clusterbridge.calls.models import (
    Call,
    EvaluationCriterion,
    FundingDecision,
    Proposal,
    ReviewAssignment,
    ReviewState,
)
from clusterbridge.calls.queries import evaluation as queries
from clusterbridge.calls.queries import joint
from clusterbridge.calls.services import evaluation as services
from clusterbridge.common.csv import csv_download
from clusterbridge.common.feedback import flash_error, form_error
from clusterbridge.common.views import object_or_404

RANKING_PAGE = 100


def _call(request, slug, permission) -> Call:
    return object_or_404(request, Call.objects.filter(is_joint=True), permission, slug=slug)


def _decision(call: Call) -> FundingDecision | None:
    return FundingDecision.objects.filter(call=call).select_related("decided_by").first()


# --- The poster's criteria ------------------------------------------------------------------


@login_required
def criteria(request, slug):
    call = _call(request, slug, "calls.change_call")
    form = CriterionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_criterion(actor=request.user, call=call, **form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("The criterion is added."))
            return redirect("calls:criteria", slug=call.slug)
    items = queries.criteria_of(call)
    return render(
        request,
        "calls/criteria.html",
        {
            "call": call,
            "form": form,
            "criteria": items,
            "total_weight": sum(c.weight for c in items),
            "started": queries.evaluation_started(call),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def remove_criterion(request, slug, pk):
    call = _call(request, slug, "calls.change_call")
    criterion = EvaluationCriterion.objects.filter(call=call, pk=pk).select_related("call").first()
    if criterion is not None:
        try:
            services.remove_criterion(actor=request.user, criterion=criterion)
        except ValidationError as exc:
            flash_error(request, exc)
        else:
            messages.success(request, _("The criterion is removed."))
    return redirect("calls:criteria", slug=call.slug)


@login_required
@require_POST
def conflict_rule(request, slug):
    call = _call(request, slug, "calls.change_call")
    try:
        services.set_conflict_rule(
            actor=request.user,
            call=call,
            exclude_same_country=request.POST.get("exclude_same_country") == "on",
        )
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("The reviewers' conflict rule is saved."))
    return redirect("calls:criteria", slug=call.slug)


# --- The agencies' pages ------------------------------------------------------------------------


@login_required
def ranking(request, slug):
    """The call's submitted proposals by consensus score, and the funding decision."""
    call = _call(request, slug, "calls.manage_evaluation")
    decision = _decision(call)
    can_decide = request.user.has_perm("calls.decide_funding", call) and decision is None
    form = DecisionForm(request.POST or None) if can_decide else None
    if request.method == "POST":
        if form is None:
            return redirect("calls:evaluation", slug=call.slug)
        if form.is_valid():
            try:
                services.decide_funding(actor=request.user, call=call, **form.cleaned_data)
            except ValidationError as exc:
                form_error(form, exc)
            else:
                messages.success(
                    request, _("The funding is decided; the applicants are told the result.")
                )
                return redirect("calls:evaluation", slug=call.slug)
    page = Paginator(queries.ranking(call), RANKING_PAGE).get_page(request.GET.get("page"))
    agencies = joint.agencies_of(call)
    requested = joint.requested_by_agency(call)
    granted = queries.granted_by_agency(call) if decision else {}
    return render(
        request,
        "calls/evaluation.html",
        {
            "call": call,
            "page": page,
            "proposals": page.object_list,
            "decision": decision,
            "form": form,
            "criteria": queries.criteria_of(call),
            "agency_rows": [
                (a, requested.get(a.pk, 0), granted.get(a.pk, 0) if decision else None)
                for a in agencies
            ],
            "waiting": queries.waiting_for_consensus(call),
            "submission_deadline": joint.submission_deadline(call),
        },
        status=400 if request.method == "POST" else 200,
    )


RANKING_COLUMNS = [
    "rank",
    "reference",
    "title",
    "coordinator",
    "score",
    "reviews_submitted",
    "status",
    "decision",
]


@login_required
def ranking_csv(request, slug):
    call = _call(request, slug, "calls.manage_evaluation")
    rows = (
        {
            "rank": p.rank or "",
            "reference": p.reference,
            "title": p.title,
            "coordinator": p.coordinator.name,
            "score": p.score if p.score is not None else "",
            "reviews_submitted": p.reviews_submitted,
            "status": p.status,
            "decision": p.decision_reason,
        }
        for p in queries.ranking(call)
    )
    return csv_download(rows, RANKING_COLUMNS, f"{call.slug}-evaluation.csv")


def _managed_proposal(request, pk) -> Proposal:
    proposal = object_or_404(
        request,
        Proposal.objects.select_related("call", "coordinator"),
        "calls.view_proposal",
        pk=pk,
    )
    if not request.user.has_perm("calls.manage_evaluation", proposal.call):
        raise Http404
    return proposal


@login_required
def proposal_evaluation(request, pk):
    """One proposal's reviewers, their scores and the consensus."""
    proposal = _managed_proposal(request, pk)
    call = proposal.call
    items = queries.criteria_of(call)
    reviews = queries.reviews_of(proposal)
    summary = queries.review_summary(reviews, items)
    decided = FundingDecision.objects.filter(call=call).exists()
    reviewer_form = ReviewerForm(prefix="reviewer")
    consensus_form = None
    if request.method == "POST" and not decided:
        if "reviewer-email" in request.POST:
            reviewer_form = ReviewerForm(request.POST, prefix="reviewer")
            if reviewer_form.is_valid():
                try:
                    services.assign_reviewer(
                        actor=request.user,
                        proposal=proposal,
                        reviewer=reviewer_form.cleaned_data["reviewer"],
                    )
                except ValidationError as exc:
                    form_error(reviewer_form, exc)
                else:
                    messages.success(request, _("The reviewer is assigned and told."))
                    return redirect("calls:proposal_evaluation", pk=proposal.pk)
        else:
            consensus_form = ScoreSheetForm(
                request.POST,
                criteria=items,
                text_label=_("Evaluation summary for the applicants"),
                text_required=True,
                prefix="consensus",
            )
            if consensus_form.is_valid():
                try:
                    services.set_consensus(
                        actor=request.user,
                        proposal=proposal,
                        sheet=consensus_form.sheet(),
                        summary=consensus_form.cleaned_data["text"],
                    )
                except ValidationError as exc:
                    form_error(consensus_form, exc)
                else:
                    messages.success(request, _("The consensus is saved."))
                    return redirect("calls:proposal_evaluation", pk=proposal.pk)
    if consensus_form is None:
        agreed = {s.criterion_id: s for s in proposal.consensus_scores.all()}
        initial = {"text": proposal.evaluation_summary}
        for c in items:
            if c.pk in agreed:
                initial[f"score_{c.pk}"] = agreed[c.pk].score
                initial[f"comment_{c.pk}"] = agreed[c.pk].comment
            elif c.pk in summary.averages:
                initial[f"score_{c.pk}"] = summary.averages[c.pk]
        consensus_form = ScoreSheetForm(
            initial=initial,
            criteria=items,
            text_label=_("Evaluation summary for the applicants"),
            text_required=True,
            prefix="consensus",
        )
    sheets = [(r, queries.scores_by_criterion(r)) for r in reviews]
    return render(
        request,
        "calls/proposal_evaluation.html",
        {
            "proposal": proposal,
            "call": call,
            "criteria": items,
            "summary": summary,
            "sheet_rows": [
                (c, [s.get(c.pk) for _r, s in sheets], summary.averages.get(c.pk)) for c in items
            ],
            "reviews": reviews,
            "reviewer_form": reviewer_form,
            "consensus_form": consensus_form,
            "decided": decided,
            "consortium": queries.consortium_of(proposal),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def remove_reviewer(request, pk, review_pk):
    proposal = _managed_proposal(request, pk)
    assignment = (
        ReviewAssignment.objects.filter(proposal=proposal, pk=review_pk)
        .select_related("proposal__call", "reviewer")
        .first()
    )
    if assignment is not None:
        try:
            services.remove_reviewer(actor=request.user, assignment=assignment)
        except ValidationError as exc:
            flash_error(request, exc)
        else:
            messages.success(request, _("The reviewer is removed."))
    return redirect("calls:proposal_evaluation", pk=proposal.pk)


# --- The reviewer's pages ---------------------------------------------------------------------


@login_required
def my_reviews(request):
    return render(
        request, "calls/reviews.html", {"assignments": list(queries.assignments_of(request.user))}
    )


@login_required
def review(request, pk):
    assignment = object_or_404(
        request,
        ReviewAssignment.objects.select_related(
            "proposal__call", "proposal__coordinator", "reviewer"
        ),
        "calls.review",
        pk=pk,
    )
    proposal = assignment.proposal
    items = queries.criteria_of(proposal.call)
    decided = FundingDecision.objects.filter(call_id=proposal.call_id).exists()
    declaration = sheet = None
    if assignment.declared_at is None:
        declaration = DeclarationForm(request.POST or None)
        if request.method == "POST" and declaration.is_valid():
            try:
                services.declare_interest(
                    actor=request.user,
                    assignment=assignment,
                    has_conflict=declaration.cleaned_data["has_conflict"],
                    note=declaration.cleaned_data["note"],
                )
            except ValidationError as exc:
                form_error(declaration, exc)
            else:
                if declaration.cleaned_data["has_conflict"]:
                    messages.success(request, _("Thank you: you no longer review this proposal."))
                    return redirect("calls:reviews")
                messages.success(request, _("Thank you: you may now read and score it."))
                return redirect("calls:review", pk=assignment.pk)
    elif assignment.state == ReviewState.ASSIGNED and not decided:
        scores = queries.scores_by_criterion(assignment)
        initial = {"text": assignment.comment}
        for c in items:
            if c.pk in scores:
                initial[f"score_{c.pk}"] = scores[c.pk].score
                initial[f"comment_{c.pk}"] = scores[c.pk].comment
        sheet = ScoreSheetForm(
            request.POST or None,
            initial=initial,
            criteria=items,
            text_label=_("Overall comment"),
        )
        if request.method == "POST" and sheet.is_valid():
            submit = "submit" in request.POST
            try:
                services.save_review(
                    actor=request.user,
                    assignment=assignment,
                    sheet=sheet.sheet(),
                    comment=sheet.cleaned_data["text"],
                    submit=submit,
                )
            except ValidationError as exc:
                form_error(sheet, exc)
            else:
                messages.success(
                    request,
                    _("The review is submitted.") if submit else _("The review is saved."),
                )
                return redirect("calls:review", pk=assignment.pk)
    partners = joint.partners_of(proposal) if assignment.declared_at is not None else []
    scores = queries.scores_by_criterion(assignment)
    return render(
        request,
        "calls/review.html",
        {
            "assignment": assignment,
            "proposal": proposal,
            "call": proposal.call,
            "criteria": items,
            "declaration": declaration,
            "sheet": sheet,
            "consortium": queries.consortium_of(proposal),
            "partners": partners,
            "content": joint.content_of(proposal) if assignment.declared_at else None,
            "attachments": joint.attachments_of(proposal) if assignment.declared_at else [],
            "score_rows": [(c, scores.get(c.pk)) for c in items],
            "exclude_same_country": proposal.call.exclude_same_country_reviewers,
        },
        status=400 if request.method == "POST" else 200,
    )


def result_of(proposal: Proposal) -> dict | None:
    """The evaluation result the consortium sees once the funding is decided."""
    if not proposal.rank:
        return None
    agreed = list(proposal.consensus_scores.select_related("criterion"))
    return {
        "scores": agreed,
        "count": Proposal.objects.filter(call_id=proposal.call_id).exclude(status="draft").count(),
    }
