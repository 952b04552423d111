"""Country pages: the public index (facets, map, CSV/JSON export), a country's page with what
other apps contribute, the arrangements' documents, and the staff's editing."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterbridge.common.csv import csv_download
from clusterbridge.common.downloads import private_file
from clusterbridge.common.feedback import flash_error, form_error
from clusterbridge.common.views import object_or_404
from clusterbridge.international.forms import (
    ArrangementForm,
    CountryFilterForm,
    CountryPageForm,
    GatewayForm,
)
from clusterbridge.international.models import Arrangement, Gateway, Priority
from clusterbridge.international.queries import pages as page_queries
from clusterbridge.international.queries.search import COUNTRIES
from clusterbridge.international.sections import country_sections
from clusterbridge.international.services import pages as services

VIEW = "international.view_country_page"
MANAGE = "international.manage_country_pages"
EXPORT_COLUMNS = [
    "country",
    "name",
    "priority",
    "sectors",
    "capital",
    "latitude",
    "longitude",
    "url",
]


def _filtered(request):
    form = CountryFilterForm(request.GET)
    return form, (form.to_query() if form.is_valid() else None)


def index(request):
    form, query = _filtered(request)
    if query is None:
        return render(
            request, "international/index.html", {"form": form, "errors": form.error_list()},
            status=400,
        )  # fmt: skip
    results, facets = COUNTRIES.run(query)
    page = Paginator(results, COUNTRIES.page_size).get_page(form.cleaned_data.get("page") or 1)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "facets": facets,
        "querystring": params.urlencode(),
        "priority_labels": json.dumps(
            {value: str(label) for value, label in Priority.choices}, ensure_ascii=False
        ),
        "can_manage": request.user.has_perm(MANAGE),
    }
    if context["can_manage"]:
        context["drafts"] = list(page_queries.all_pages().filter(status="draft"))
    return render(request, "international/index.html", context)


def map_data(request):
    form, query = _filtered(request)
    if query is None:
        return JsonResponse(
            {"error": _("Invalid filter"), "messages": form.error_list()}, status=400
        )
    return HttpResponse(COUNTRIES.map_json(query), content_type="application/json")


def _export_rows(request, query):
    found = COUNTRIES.search(query).prefetch_related("sectors")
    for p in found:
        yield {
            "country": p.country.code,
            "name": p.name,
            "priority": p.priority,
            "sectors": " ".join(s.code for s in p.sectors.all()),
            "capital": p.capital,
            "latitude": p.latitude,
            "longitude": p.longitude,
            "url": request.build_absolute_uri(p.get_absolute_url()),
        }


def export(request, fmt: str = "csv"):
    form, query = _filtered(request)
    if query is None:
        return HttpResponse(" ".join(form.error_list()), status=400, content_type="text/plain")
    rows = _export_rows(request, query)
    if fmt == "json":
        response = JsonResponse(
            {"countries": list(rows)}, json_dumps_params={"ensure_ascii": False}
        )
        response["Content-Disposition"] = 'attachment; filename="countries.json"'
        return response
    return csv_download(rows, EXPORT_COLUMNS, "countries.csv")


def detail(request, slug):
    page = object_or_404(request, page_queries.country_pages(), VIEW, slug=slug)
    can_manage = request.user.has_perm(MANAGE, page)
    context = {
        "country_page": page,
        "arrangements": list(page_queries.arrangements_of(page)),
        "gateways": list(page_queries.gateways_of(page)),
        "sections": country_sections(request, page.country.code),
        "can_manage": can_manage,
    }
    if can_manage:
        context["arrangement_form"] = ArrangementForm()
        context["gateway_form"] = GatewayForm()
    return render(request, "international/detail.html", context)


def document(request, slug, pk):
    """An arrangement's document: public with its page (a draft's is a 404 to non-staff)."""
    page = object_or_404(request, page_queries.country_pages(), VIEW, slug=slug)
    arrangement = Arrangement.objects.filter(page=page, pk=pk).first()
    if arrangement is None or not arrangement.document:
        raise Http404(_("No document for this arrangement."))
    return private_file(
        arrangement.document,
        content_type=arrangement.content_type,
        filename=arrangement.original_name,
        as_attachment=arrangement.content_type != "application/pdf",
        missing_message=_("The file of this document is missing."),
    )


def _staff_only(request):
    if not request.user.has_perm(MANAGE):
        raise Http404("No such page.")


def _managed(request, slug):
    return object_or_404(request, page_queries.country_pages(), MANAGE, slug=slug)


@login_required
def new_page(request):
    _staff_only(request)
    form = CountryPageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            page = services.create_page(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The country page is saved as a draft."))
            return redirect(page.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "international/page_form.html", {"form": form}, status=status)


@login_required
def edit_page(request, slug):
    page = _managed(request, slug)
    initial = {
        "name": page.name,
        "priority": page.priority,
        "summary": page.summary,
        "sectors": list(page.sectors.all()),
        "capital": page.capital,
        "latitude": page.latitude,
        "longitude": page.longitude,
    }
    form = CountryPageForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        sectors = data.pop("sectors")
        try:
            services.update_page(page=page, actor=request.user, sectors=sectors, **data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("The country page is saved."))
            return redirect(page.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(
        request, "international/page_form.html", {"form": form, "country_page": page},
        status=status,
    )  # fmt: skip


@require_POST
@login_required
def publish(request, slug):
    page = _managed(request, slug)
    publishing = request.POST.get("action") != "unpublish"
    try:
        if publishing:
            services.publish_page(page=page, actor=request.user)
        else:
            services.unpublish_page(page=page, actor=request.user)
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(
            request,
            _("The country page is published.")
            if publishing
            else _("The country page is back to draft."),
        )
    return redirect(page.get_absolute_url())


@require_POST
@login_required
def add_arrangement(request, slug):
    page = _managed(request, slug)
    form = ArrangementForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_arrangement(page=page, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("The arrangement is added."))
            return redirect(page.get_absolute_url())
    context = {
        "country_page": page,
        "arrangements": list(page_queries.arrangements_of(page)),
        "gateways": list(page_queries.gateways_of(page)),
        "sections": [],
        "can_manage": True,
        "arrangement_form": form,
        "gateway_form": GatewayForm(),
    }
    return render(request, "international/detail.html", context, status=400)


@require_POST
@login_required
def remove_arrangement(request, slug, pk):
    page = _managed(request, slug)
    arrangement = Arrangement.objects.filter(page=page, pk=pk).select_related("page").first()
    if arrangement is None:
        raise Http404("No such arrangement.")
    services.remove_arrangement(arrangement=arrangement, actor=request.user)
    messages.success(request, _("The arrangement is removed."))
    return redirect(page.get_absolute_url())


@require_POST
@login_required
def add_gateway(request, slug):
    page = _managed(request, slug)
    form = GatewayForm(request.POST)
    if form.is_valid():
        try:
            services.add_gateway(page=page, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("The gateway is added."))
            return redirect(page.get_absolute_url())
    context = {
        "country_page": page,
        "arrangements": list(page_queries.arrangements_of(page)),
        "gateways": list(page_queries.gateways_of(page)),
        "sections": [],
        "can_manage": True,
        "arrangement_form": ArrangementForm(),
        "gateway_form": form,
    }
    return render(request, "international/detail.html", context, status=400)


@require_POST
@login_required
def remove_gateway(request, slug, pk):
    page = _managed(request, slug)
    gateway = Gateway.objects.filter(page=page, pk=pk).select_related("page").first()
    if gateway is None:
        raise Http404("No such gateway.")
    services.remove_gateway(gateway=gateway, actor=request.user)
    messages.success(request, _("The gateway is removed."))
    return redirect(page.get_absolute_url())
