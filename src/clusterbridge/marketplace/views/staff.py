"""Staff: act on reports and unpublish opportunities with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterbridge.common.feedback import flash_error
from clusterbridge.common.views import object_or_404
from clusterbridge.marketplace.models import Opportunity, Report
from clusterbridge.marketplace.services import messaging, opportunities


def _staff_only(request) -> None:
    if not request.user.has_perm("marketplace.handle_reports"):
        raise Http404("No such page.")


@login_required
def reports_view(request):
    _staff_only(request)
    reports = Report.objects.filter(status=Report.Status.OPEN).select_related(
        "reporter", "reported_user", "opportunity"
    )
    return render(request, "marketplace/staff_reports.html", {"reports": reports})


@login_required
@require_POST
def resolve_view(request, pk: int):
    _staff_only(request)
    report = Report.objects.filter(pk=pk).first()
    if report is None:
        raise Http404("No such report.")
    try:
        messaging.resolve_report(
            report=report,
            actor=request.user,
            action=request.POST.get("action", ""),
            note=request.POST.get("note", ""),
        )
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("The report is resolved."))
    return redirect("marketplace:reports")


@login_required
@require_POST
def unpublish_view(request, reference: str):
    opportunity = object_or_404(
        request, Opportunity.objects.all(), "marketplace.moderate_opportunity", reference=reference
    )
    try:
        opportunities.unpublish_opportunity(
            opportunity=opportunity, actor=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("The opportunity is unpublished; the poster was told why."))
    return redirect(opportunity)
