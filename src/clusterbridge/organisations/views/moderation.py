"""Platform staff: the queue of submitted profiles."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from clusterbridge.organisations.checklist import cluster_checklist
from clusterbridge.organisations.forms.profile import SendBackForm
from clusterbridge.organisations.models import Organisation, ProfileStatus
from clusterbridge.organisations.services import profiles


@staff_member_required
def queue_view(request):
    submitted = (
        Organisation.objects.filter(status=ProfileStatus.SUBMITTED)
        .order_by("submitted_at", "id")
        .prefetch_related("sectors")
    )
    return render(request, "organisations/moderation_queue.html", {"submitted": submitted})


@staff_member_required
def review_view(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    form = SendBackForm(request.POST if request.POST.get("action") == "send_back" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "publish":
                profiles.publish(organisation=organisation, actor=request.user)
                messages.success(
                    request,
                    _("{organisation} is published.").format(organisation=organisation.name),
                )
                return redirect("organisations:moderation")
            if form.is_valid():
                profiles.send_back(
                    organisation=organisation,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                )
                messages.success(
                    request,
                    _("{organisation} was sent back with your reason.").format(
                        organisation=organisation.name
                    ),
                )
                return redirect("organisations:moderation")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    context = {
        "organisation": organisation,
        "form": form,
        "checklist": cluster_checklist(organisation) if organisation.kind == "cluster" else None,
        "history": organisation.history.select_related("actor")[:20],
    }
    return render(request, "organisations/moderation_review.html", context)
