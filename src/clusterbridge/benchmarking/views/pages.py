"""Benchmarking pages: entry, assessment editing and review, report (HTML, PDF), labels."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from clusterbridge.benchmarking.forms.labels import LabelFilterForm, WithdrawLabelForm
from clusterbridge.benchmarking.models import (
    Assessment,
    Evidence,
    Label,
    LabelDecision,
    LabelLevel,
)
from clusterbridge.benchmarking.pdf import build_pdf
from clusterbridge.benchmarking.queries import labels as label_queries
from clusterbridge.benchmarking.queries import reports
from clusterbridge.benchmarking.services import assessments as services
from clusterbridge.benchmarking.services.labels import award_label, withdraw_label
from clusterbridge.benchmarking.texts import label_reasons
from clusterbridge.common.csv import csv_download
from clusterbridge.common.downloads import download, private_file
from clusterbridge.common.feedback import flash_error
from clusterbridge.common.forms import ids_by_prefix
from clusterbridge.common.views import object_or_404
from clusterbridge.indicators import labels as label_rules
from clusterbridge.organisations.models import Membership, Organisation

ASSESSMENTS = Assessment.objects.select_related("organisation", "indicator_set")


def index(request):
    """The organisation's benchmarking area: own organisations' benchmarks and labels;
    for assessors, the review queue."""
    context: dict = {"is_assessor": False}
    if request.user.is_authenticated:
        admin_orgs = list(
            Organisation.objects.filter(
                memberships__user=request.user, memberships__role=Membership.Role.ADMIN
            ).order_by("name")
        )
        own = {
            a.organisation_id: a
            for a in ASSESSMENTS.filter(organisation__in=admin_orgs).order_by("created_at")
        }
        today = timezone.localdate()
        current = {
            label.organisation_id: label
            for label in label_queries.current_labels(today).filter(organisation__in=admin_orgs)
        }
        context["organisations"] = [
            {
                "organisation": org,
                "latest": own.get(org.pk),
                "label": current.get(org.pk),
                # The rule is "administrator of a cluster organisation"; these are the user's
                # administered organisations, so asking the rule per row would cost a query each.
                "can_start": org.kind == "cluster",
            }
            for org in admin_orgs
        ]
        context["is_assessor"] = request.user.has_perm("benchmarking.assessor_queue")
        if context["is_assessor"]:
            context["queue"] = list(
                ASSESSMENTS.filter(status=Assessment.Status.SUBMITTED)
                .exclude(organisation__memberships__user=request.user)
                .order_by("submitted_at")
            )
    return render(request, "benchmarking/index.html", context)


@login_required
@require_POST
def start(request, slug: str):
    organisation = object_or_404(
        request, Organisation.objects.all(), "benchmarking.start_assessment", slug=slug
    )
    try:
        assessment = services.start_assessment(organisation=organisation, actor=request.user)
    except ValidationError as exc:
        flash_error(request, exc)
        return redirect("benchmarking:index")
    return redirect(assessment)


def _assessment_context(request, assessment: Assessment) -> dict:
    dimensions = reports.dimensions_with_answers(assessment)
    return {
        "assessment": assessment,
        "dimensions": dimensions,
        "scores": reports.compute_scores(dimensions),
        "can_edit": assessment.is_editable
        and request.user.has_perm("benchmarking.edit_assessment", assessment),
        "can_review": assessment.status == Assessment.Status.SUBMITTED
        and request.user.has_perm("benchmarking.review_assessment", assessment),
    }


@login_required
def assessment_view(request, pk: int):
    assessment = object_or_404(request, ASSESSMENTS, "benchmarking.view_assessment", pk=pk)
    context = _assessment_context(request, assessment)
    if request.method == "POST":
        if not context["can_edit"]:
            messages.error(request, _("This benchmark cannot be changed now."))
            return redirect(assessment)
        try:
            services.save_form(
                assessment=assessment,
                raw_by_indicator=ids_by_prefix(request.POST, "answer-"),
                areas=[request.POST.get(f"improvement_area_{i}", "") for i in (1, 2, 3)],
                actor=request.user,
            )
        except ValidationError as exc:
            flash_error(request, exc)
        else:
            messages.success(request, _("Your answers are saved."))
        return redirect(assessment)
    return render(request, "benchmarking/assessment.html", context)


@login_required
@require_POST
def autosave(request, pk: int, indicator_id: int):
    """htmx autosave of one answer: answers a small status fragment."""
    assessment = object_or_404(request, ASSESSMENTS, "benchmarking.edit_assessment", pk=pk)
    try:
        answer = services.save_answer(
            assessment=assessment,
            indicator_id=indicator_id,
            raw=request.POST.get(f"answer-{indicator_id}", ""),
            actor=request.user,
        )
    except ValidationError as exc:
        return render(
            request, "benchmarking/_saved.html", {"error": " ".join(exc.messages)}, status=400
        )
    # The page's current score follows every autosave (an htmx out-of-band swap).
    scores = reports.compute_scores(reports.dimensions_with_answers(assessment))
    return render(request, "benchmarking/_saved.html", {"answer": answer, "scores": scores})


@login_required
@require_POST
def upload_evidence(request, pk: int, indicator_id: int):
    assessment = object_or_404(request, ASSESSMENTS, "benchmarking.edit_assessment", pk=pk)
    try:
        services.add_evidence(
            assessment=assessment,
            indicator_id=indicator_id,
            upload=request.FILES.get("file"),
            actor=request.user,
        )
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("Evidence attached."))
    return redirect(assessment.get_absolute_url() + f"#indicator-{indicator_id}")


EVIDENCE_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".csv": "text/csv",
}


@login_required
def evidence_file(request, pk: int, evidence_id: int):
    """Download a piece of evidence: whoever may see the benchmark (its organisation's members,
    assessors, staff); anyone else gets a 404. Evidence is never served from a public URL."""
    assessment = object_or_404(request, ASSESSMENTS, "benchmarking.view_assessment", pk=pk)
    evidence = Evidence.objects.filter(pk=evidence_id, answer__assessment=assessment).first()
    if evidence is None:
        raise Http404(_("No such evidence."))
    return private_file(
        evidence.file,
        content_type=EVIDENCE_TYPES.get(
            Path(evidence.name).suffix.lower(), "application/octet-stream"
        ),
        filename=evidence.name,
        missing_message=_("The file of this evidence is missing."),
    )


@login_required
@require_POST
def submit(request, pk: int):
    assessment = object_or_404(request, ASSESSMENTS, "benchmarking.edit_assessment", pk=pk)
    try:
        services.submit_assessment(assessment=assessment, actor=request.user)
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("Submitted: an assessor will review your benchmark."))
    return redirect(assessment)


REVIEW_DONE = {
    "validate": gettext_lazy("Benchmark validated."),
    "changes": gettext_lazy("Changes requested from the organisation."),
    "second": gettext_lazy("Confirmed as second assessor."),
}


@login_required
@require_POST
def review(request, pk: int):
    assessment = object_or_404(request, ASSESSMENTS, "benchmarking.review_assessment", pk=pk)
    action = request.POST.get("action", "")
    try:
        services.review(
            assessment=assessment,
            assessor=request.user,
            action=action,
            comments=ids_by_prefix(request.POST, "comment-"),
            audited=request.POST.get("audited") == "on",
            note=request.POST.get("note", ""),
        )
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, str(REVIEW_DONE[action]))
    return redirect(assessment)


def _report_data(assessment: Assessment) -> dict:
    dimensions = reports.dimensions_with_answers(assessment)
    scores = reports.compute_scores(dimensions)
    comparison = reports.peer_comparison(assessment)
    return {
        "assessment": assessment,
        "dimensions": dimensions,
        "scores": scores,
        "comparison": comparison,
        "chart_data": reports.chart_data(dimensions, scores, comparison),
    }


@login_required
def report(request, pk: int):
    assessment = object_or_404(request, ASSESSMENTS, "benchmarking.view_assessment", pk=pk)
    context = _report_data(assessment)
    if assessment.status == Assessment.Status.VALIDATED:
        facts = label_queries.assessment_facts(assessment)
        previous = label_queries.previous_validated_on(assessment)
        context["eligibility"] = [
            {
                "level": decision.level.value,
                "level_label": LabelLevel(decision.level.value).label,
                "eligible": decision.eligible,
                # The rules explain in English (a plain package): shown in the reader's language.
                "reasons": label_reasons(decision.reasons),
            }
            for decision in (
                label_rules.decide(label_rules.Level(level), facts, previous)
                for level in LabelLevel.values
            )
        ]
        context["can_award"] = request.user.has_perm("benchmarking.award_label", assessment)
        context["is_assessor"] = request.user.has_perm("benchmarking.assessor_queue")
    context["decisions"] = LabelDecision.objects.filter(assessment=assessment).select_related(
        "decided_by"
    )
    return render(request, "benchmarking/report.html", context)


@login_required
def report_pdf(request, pk: int):
    assessment = object_or_404(request, ASSESSMENTS, "benchmarking.view_assessment", pk=pk)
    data = _report_data(assessment)
    pdf = build_pdf(
        assessment=assessment,
        dimensions=data["dimensions"],
        scores=data["scores"],
        comparison=data["comparison"],
    )
    return download(pdf, "application/pdf", f"benchmark-{assessment.pk}.pdf")


@login_required
@require_POST
def request_label(request, pk: int):
    assessment = object_or_404(request, ASSESSMENTS, "benchmarking.award_label", pk=pk)
    try:
        label = award_label(
            assessment=assessment, level=request.POST.get("level", ""), actor=request.user
        )
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(
            request, _("%(level)s label awarded.") % {"level": label.get_level_display()}
        )
    return redirect("benchmarking:report", pk=assessment.pk)


@login_required
def label_decisions(request, slug: str):
    """Who decided what about the organisation's labels, and why (staff, assessors and the
    organisation's administrators)."""
    organisation = object_or_404(
        request, Organisation.objects.all(), "benchmarking.view_label_decisions", slug=slug
    )
    active = label_queries.active_label_of(organisation)
    return render(
        request,
        "benchmarking/label_decisions.html",
        {
            "organisation": organisation,
            "decisions": label_queries.decision_history(organisation),
            "active_label": active,
            "can_withdraw": active is not None
            and request.user.has_perm("benchmarking.withdraw_label", active),
        },
    )


@login_required
def withdraw(request, pk: int):
    """Withdraw an active label with a required reason (staff and assessors)."""
    label = object_or_404(
        request, Label.objects.select_related("organisation"), "benchmarking.withdraw_label", pk=pk
    )
    history = reverse("benchmarking:label_decisions", kwargs={"slug": label.organisation.slug})
    if label.status != Label.Status.ACTIVE:
        messages.error(request, _("Only an active label can be withdrawn."))
        return redirect(history)
    form = WithdrawLabelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            withdraw_label(label=label, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("The %(level)s label of %(organisation)s was withdrawn.")
                % {"level": label.get_level_display(), "organisation": label.organisation.name},
            )
            return redirect(history)
    return render(
        request,
        "benchmarking/withdraw.html",
        {"label": label, "form": form, "errors": form.error_list()},
        status=400 if form.errors else 200,
    )


def _filtered_labels(request):
    form = LabelFilterForm(request.GET)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    return form, label_queries.public_labels(
        today=timezone.localdate(),
        levels=data["level"],
        countries=data["country"],
        text=data["q"],
    )


def labels_list(request):
    form, labels = _filtered_labels(request)
    if labels is None:
        return render(
            request,
            "benchmarking/labels.html",
            {"form": form, "errors": form.error_list()},
            status=400,
        )
    return render(
        request,
        "benchmarking/labels.html",
        {
            "form": form,
            "labels": labels,
            "querystring": request.GET.urlencode(),
            # Staff and assessors get links to each label's decisions and withdrawal.
            "can_manage": request.user.has_perm("benchmarking.withdraw_label"),
        },
    )


def labels_csv(request):
    form, labels = _filtered_labels(request)
    if labels is None:
        return HttpResponse(" ".join(form.error_list()), status=400, content_type="text/plain")
    rows = (
        {
            "name": label.organisation.name,
            "country": label.organisation.country.code,
            "label": label.level,
            "valid_from": label.valid_from.isoformat(),
            "valid_until": label.valid_until.isoformat(),
            "url": label.organisation.get_absolute_url(),
        }
        for label in labels.iterator(chunk_size=500)
    )
    return csv_download(
        rows,
        ["name", "country", "label", "valid_from", "valid_until", "url"],
        "labelled-organisations.csv",
    )
