"""Public directory: search with facets, map, export, organisation pages."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_countries import countries

from clusterbridge.common import hub
from clusterbridge.common.csv import csv_download
from clusterbridge.common.downloads import download
from clusterbridge.common.views import object_or_404
from clusterbridge.organisations.checklist import cluster_checklist
from clusterbridge.organisations.completeness import profile_completeness
from clusterbridge.organisations.forms.directory import DirectoryFilterForm
from clusterbridge.organisations.forms.profile import ContactForm
from clusterbridge.organisations.models import CooperationInterest, Organisation, OrganisationKind
from clusterbridge.organisations.queries import directory, links
from clusterbridge.organisations.queries.similar import similar_organisations
from clusterbridge.organisations.services.contact import send_contact_message
from clusterbridge.organisations.wording import reason_texts
from clusterbridge.taxonomy.models import NutsRegion
from clusterbridge.taxonomy.models.taxonomies import nuts_country_code

PAGE_SIZE = directory.DIRECTORY.page_size
EXPORT_COLUMNS = [
    "name",
    "acronym",
    "kind",
    "country",
    "region",
    "city",
    "latitude",
    "longitude",
    "website",
    "members_total",
    "year_founded",
    "sectors",
    "technologies",
    "url",
]


def _bad_filters(request, form: DirectoryFilterForm, template: str):
    return render(request, template, {"form": form, "errors": form.error_list()}, status=400)


def _member_of(query):
    """The cluster whose members the directory shows (``?member_of=<slug>``), or None."""
    return links.published_cluster(query.member_of) if query.member_of else None


def directory_view(request):
    form = DirectoryFilterForm(request.GET)
    template = "organisations/_results.html" if request.htmx else "organisations/directory.html"
    if not form.is_valid():
        return _bad_filters(request, form, template)
    query = form.to_query()
    results, facets = directory.run(query)
    page = Paginator(results, PAGE_SIZE).get_page(form.cleaned_data.get("page") or 1)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "query": query,
        "page": page,
        "facets": facets,
        "querystring": params.urlencode(),
        "sorts": directory.SORTS,
        "member_of": _member_of(query),
    }
    return render(request, template, context)


def map_view(request):
    form = DirectoryFilterForm(request.GET)
    if not form.is_valid():
        return _bad_filters(request, form, "organisations/map.html")
    context = {
        "form": form,
        "querystring": request.GET.urlencode(),
        "member_of": _member_of(form.to_query()),
    }
    return render(request, "organisations/map.html", context)


def map_data(request):
    form = DirectoryFilterForm(request.GET)
    if not form.is_valid():
        return JsonResponse(
            {"error": _("Invalid filter"), "messages": form.error_list()}, status=400
        )
    return HttpResponse(directory.map_json(form.to_query()), content_type="application/json")


def regions_view(request):
    """The NUTS level-2 regions of a country, for the profile form's region choices:
    {"regions": [[id, "DE11 Stuttgart"], …]}."""
    code = (request.GET.get("country") or "").upper()
    if code not in dict(countries):
        return JsonResponse(
            {"error": _("Unknown country code “{code}”.").format(code=code[:10])}, status=400
        )
    rows = NutsRegion.objects.filter(level=2, country_code=nuts_country_code(code)).order_by("code")
    return JsonResponse({"regions": [[r.pk, str(r)] for r in rows]})


def _export_rows(query):
    kinds = dict(OrganisationKind.choices)
    results = (
        directory.search(query)
        .select_related("nuts_region")
        .prefetch_related("sectors", "technologies")
    )
    for org in results.iterator(chunk_size=500):
        yield {
            "name": org.name,
            "acronym": org.acronym,
            "kind": str(kinds.get(org.kind, org.kind)),
            "country": org.country.code,
            "region": org.nuts_region.code if org.nuts_region else "",
            "city": org.city,
            "latitude": org.latitude,
            "longitude": org.longitude,
            "website": org.website,
            "members_total": org.members_total,
            "year_founded": org.year_founded,
            "sectors": "; ".join(s.name for s in org.sectors.all()),
            "technologies": "; ".join(t.name for t in org.technologies.all()),
            "url": org.get_absolute_url(),
        }


def export_view(request, fmt: str):
    form = DirectoryFilterForm(request.GET)
    if not form.is_valid():
        return JsonResponse(
            {"error": _("Invalid filter"), "messages": form.error_list()}, status=400
        )
    query = form.to_query()
    if fmt == "json":
        payload = json.dumps({"organisations": list(_export_rows(query))}, ensure_ascii=False)
        return download(payload, "application/json", "organisations.json")
    return csv_download(_export_rows(query), EXPORT_COLUMNS, "organisations.csv")


def detail_view(request, slug: str):
    organisation = object_or_404(
        request,
        Organisation.objects.select_related("nuts_region").prefetch_related(
            "sectors", "ecosystems", "technologies", "contacts"
        ),
        "organisations.view_organisation",
        slug=slug,
    )
    interests = dict(CooperationInterest.choices)
    can_edit = request.user.has_perm("organisations.change_organisation", organisation)
    context = {
        "organisation": organisation,
        "completeness": profile_completeness(organisation) if can_edit else None,
        "checklist": cluster_checklist(organisation) if organisation.kind == "cluster" else None,
        "similar": reason_texts(
            [(other, s.reasons) for other, s in similar_organisations(organisation)]
        )
        if organisation.is_published
        else [],
        "interests": [interests.get(i, i) for i in organisation.cooperation_interests],
        "contact_form": ContactForm(),
        "can_edit": can_edit,
        "can_see_history": request.user.has_perm("organisations.view_history", organisation),
        "can_manage_members": request.user.has_perm("organisations.manage_members", organisation),
        "can_manage_links": request.user.has_perm(
            "organisations.manage_member_links", organisation
        ),
        # Confirmed links between published profiles only (docs/member-links.md).
        "member_links": list(links.member_rows(organisation)) if organisation.has_members else [],
        "member_of": list(links.clusters_of(organisation)),
        # What other apps add to the profile (common.hub, <app>/profile_sections.py).
        "profile_sections": hub.profile_sections(request, organisation),
    }
    return render(request, "organisations/detail.html", context)


@login_required
@require_POST
def contact_view(request, slug: str):
    organisation = object_or_404(
        request, Organisation.objects.all(), "organisations.contact_organisation", slug=slug
    )
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            send_contact_message(
                organisation=organisation,
                sender=request.user,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Your message was sent to {organisation}.").format(
                    organisation=organisation.name
                ),
            )
            return redirect(organisation)
    else:
        messages.error(request, _("Please give a subject and a message."))
    return redirect(organisation)
