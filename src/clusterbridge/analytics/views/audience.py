"""Staff's audience page ("audience by location", top pages, referring sites, the daily
trend) and its CSV exports. Anyone else gets a 404."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_countries import countries

from clusterbridge.analytics.forms import AudienceFilterForm
from clusterbridge.analytics.queries.audience import audience
from clusterbridge.common.csv import csv_download

TABLES = ("countries", "pages", "referrers", "days")


def _staff_only(request) -> None:
    if not request.user.has_perm("analytics.view_audience"):
        raise Http404


def country_name(code: str) -> str:
    return str(countries.name(code) or code) if code else _("Unknown")


def audience_page(request):
    _staff_only(request)
    form = AudienceFilterForm(request.GET or None)
    if request.GET and not form.is_valid():
        return render(request, "analytics/audience.html", {"form": form}, status=400)
    if not request.GET:
        form = AudienceFilterForm({})
        form.is_valid()
    figures = audience(form.cleaned_data["start"], form.cleaned_data["end"])
    return render(
        request,
        "analytics/audience.html",
        {
            "form": form,
            "figures": figures,
            "countries": [(country_name(row.country), row) for row in figures.countries],
            "query": request.GET.urlencode(),
            "chart": {
                "labels": [day.isoformat() for day, _views, _sessions in figures.days],
                "views": [views for _day, views, _sessions in figures.days],
                "sessions": [sessions for _day, _views, sessions in figures.days],
                "names": {"views": _("Page views"), "sessions": _("Sessions")},
            },
        },
    )


def audience_csv(request, table: str):
    _staff_only(request)
    if table not in TABLES:
        raise Http404
    form = AudienceFilterForm(request.GET or {})
    if not form.is_valid():
        return render(request, "analytics/audience.html", {"form": form}, status=400)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    figures = audience(start, end, top=10_000)
    if table == "countries":
        columns = ["country", "country_name", "sessions", "share_percent", "views"]
        rows = [
            {
                "country": row.country,
                "country_name": country_name(row.country),
                "sessions": row.sessions,
                "share_percent": row.share,
                "views": row.views,
            }
            for row in figures.countries
        ]
    elif table == "pages":
        columns = ["page", "views"]
        rows = [{"page": key, "views": total} for key, total in figures.pages]
    elif table == "referrers":
        columns = ["site", "views"]
        rows = [{"site": key, "views": total} for key, total in figures.referrers]
    else:
        columns = ["day", "views", "sessions"]
        rows = [{"day": d.isoformat(), "views": v, "sessions": s} for d, v, s in figures.days]
    return csv_download(rows, columns, f"audience-{table}-{start}-{end}.csv")
