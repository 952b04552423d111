"""Staff pages: importing a dataset (with the job's progress), the default dataset, removal."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterbridge.common.views import object_or_404
from clusterbridge.observatory.forms.imports import MEASURE_FILES, ImportForm
from clusterbridge.observatory.models import Dataset, ImportFormat, ImportJob
from clusterbridge.observatory.services import datasets as dataset_services
from clusterbridge.observatory.services.imports import request_import
from clusterbridge.observatory.validators import problem_message, skip_reason


def _staff_only(request) -> None:
    if not request.user.has_perm("observatory.import_dataset"):
        raise Http404("No such page.")


@login_required
def new_import(request):
    _staff_only(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = request_import(
                actor=request.user,
                slug=data["slug"],
                name=data["name"],
                source=data["source"],
                source_url=data["source_url"],
                licence=data["licence"],
                description=data["description"],
                source_code=data["source_code"],
                format=data["format"],
                files=data["files"],
                mapping=data.get("mapping") or "",
                mapping_upload=data.get("mapping_file"),
                filters=data["filters"],
                skip_unknown_regions=data["skip_unknown_regions"],
                make_default=data["make_default"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            return redirect(job)
    existing = {d.slug: d for d in Dataset.objects.only("slug", "name", "version")}
    return render(
        request,
        "observatory/import_form.html",
        {
            "form": form,
            "existing": existing.values(),
            "measure_fields": [form[f] for f, _m, _l in MEASURE_FILES],
            "plain_format": ImportFormat.PLAIN_CSV,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def import_job(request, pk: int):
    job = object_or_404(
        request,
        ImportJob.objects.select_related("created_by", "dataset"),
        "observatory.view_import",
        pk=pk,
    )
    context = {
        "job": job,
        "problems": [problem_message(p) for p in job.problems],
        "has_unknown_regions": any(p.get("code") == "unknown_region" for p in job.problems),
        "skipped": [(skip_reason(code), n) for code, n in sorted(job.skipped.items())],
    }
    template = "observatory/_import_status.html" if request.htmx else "observatory/import_job.html"
    return render(request, template, context)


def _dataset_for_staff(request, slug: str) -> Dataset:
    return object_or_404(request, Dataset.objects.all(), "observatory.manage_dataset", slug=slug)


@login_required
@require_POST
def make_default(request, slug: str):
    dataset = _dataset_for_staff(request, slug)
    dataset_services.make_default(dataset=dataset, actor=request.user)
    messages.success(request, _("“%(name)s” is now shown first.") % {"name": dataset.name})
    return redirect(dataset)


@login_required
@require_POST
def delete_dataset(request, slug: str):
    dataset = _dataset_for_staff(request, slug)
    name = dataset.name
    dataset_services.delete_dataset(dataset=dataset, actor=request.user)
    messages.success(request, _("The dataset “%(name)s” was removed.") % {"name": name})
    return redirect("observatory:datasets")
