"""The observatory's public pages: the map, a region, a category, the comparison, datasets.

Every page reads its filters from the URL (shareable), answers 400 with the reasons for bad
ones, and shows its charts and map with a table beside them (the page works without JavaScript).
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from clusterbridge.clusterstats.reports import MIN_COMPARED
from clusterbridge.common import hub
from clusterbridge.observatory import exports, pdf, reference
from clusterbridge.observatory.forms.filters import (
    LEVEL_LABELS,
    MEASURE_LABELS,
    ORDER_LABELS,
    CompareForm,
    FilterForm,
    MapForm,
    ScoreboardForm,
)
from clusterbridge.observatory.legend import Figures, format_value, legend_for, star_names
from clusterbridge.observatory.models import Dataset
from clusterbridge.observatory.queries import datasets as dataset_queries
from clusterbridge.observatory.queries import organisations as organisation_queries
from clusterbridge.observatory.queries import statistics
from clusterbridge.observatory.validators import skip_reason
from clusterbridge.observatory.views import display
from clusterbridge.taxonomy.models import ClusterCategory, NutsRegion
from clusterbridge.taxonomy.models.taxonomies import ISO_TO_NUTS_COUNTRY

EXPORT_FORMATS = ("csv", "json")
ORGANISATIONS_PER_PAGE = 25
TREND_CATEGORIES = 5


def _bad_request(request, form, template="observatory/errors.html"):
    """The reasons a query is refused; with no statistics at all, the empty observatory."""
    errors = form.error_list()
    if dataset_queries.default_dataset() is None:
        return render(request, "observatory/empty.html", {}, status=200)
    return render(request, template, {"errors": errors}, status=400)


def _common(request, dataset: Dataset, year: int, reference_code: str) -> dict:
    return {
        "no_star": _("no star"),
        "dataset": dataset,
        "datasets": list(dataset_queries.usable().only("slug", "name", "is_demo", "years")),
        "year": year,
        "reference": reference_code,
        "countries": statistics.reference_countries(dataset),
        "attribution": reference.ATTRIBUTION,
    }


def _query(**params) -> str:
    return urlencode({k: v for k, v in params.items() if v not in (None, "")}, doseq=True)


def _value_rows(rows, measure, legend, links):
    """The map's rows: the one measure shown and the stars (formatting every figure of every
    region, as ``display.cell`` does, would cost more than the queries)."""
    values = []
    figures = Figures()
    for row in rows:
        value, stars = row.value(measure), row.indicator.stars
        values.append(
            {
                "row": row,
                "stars": stars,
                "marks": "★" * stars,
                "star_names": star_names(row.indicator) if stars else "",
                "region_url": links.region(row.region_code),
                "value": value,
                "text": format_value(value, measure, figures),
                "class": legend.class_of(value),
            }
        )
    return values


def _map_state(request):
    """(form, context) of the map page and its data: one set of rules for both."""
    form = MapForm(request.GET)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    dataset = data["dataset"]
    categories = statistics.dataset_categories(dataset)
    # By default the first traded category (emerging industries overlap the traded ones).
    category = data["category"] or next(
        (c for c in categories if c.kind == "traded"), categories[0] if categories else None
    )
    if category is None or category not in categories:
        form.add_error(
            "category",
            _("The dataset has no figures for “%(value)s”.")
            % {"value": category.display_name if category else "—"},
        )
        return form, None
    measure = data["measure"]
    if measure == "productivity" and not dataset.has_productivity:
        form.add_error("measure", _("This dataset has no wages or value added."))
        return form, None
    rows = statistics.map_rows(
        dataset, category=category, year=data["year"], reference=data["reference"]
    )
    legend = legend_for(measure, [row.value(measure) for row in rows])
    querystring = _query(
        dataset=dataset.slug,
        category=category.code,
        measure=measure,
        year=data["year"],
        reference=data["reference"],
    )
    values = _value_rows(rows, measure, legend, display.Links(querystring))
    values.sort(key=lambda v: (v["value"] is None, -(v["value"] or 0), v["row"].region_code))
    context = {
        **_common(request, dataset, data["year"], data["reference"]),
        "categories": categories,
        "category": category,
        "measure": measure,
        "measures": [
            (code, label)
            for code, label in MEASURE_LABELS.items()
            if code != "productivity" or dataset.has_productivity
        ],
        "measure_label": MEASURE_LABELS[measure],
        "legend": legend,
        "values": values,
        "querystring": querystring,
    }
    return form, context


def index(request):
    form, context = _map_state(request)
    if context is None:
        return _bad_request(request, form)
    return render(request, "observatory/index.html", context)


def map_data(request):
    """The values of the map for its script: region code → class, shown value, stars."""
    form, context = _map_state(request)
    if context is None:
        return JsonResponse({"error": "invalid_filter", "messages": form.error_list()}, status=400)
    regions = {
        v["row"].region_code: {"c": v["class"], "v": v["text"], "s": v["row"].indicator.stars}
        for v in context["values"]
    }
    return JsonResponse(
        {
            "measure": context["measure"],
            "palette": context["legend"].palette,
            "regions": regions,
        }
    )


def _export_meta(dataset: Dataset, **extra) -> dict:
    return {"dataset": exports.dataset_dict(dataset), **extra}


def map_export(request, fmt: str):
    if fmt not in EXPORT_FORMATS:
        raise Http404("No such format.")
    form, context = _map_state(request)
    if context is None:
        return JsonResponse({"error": "invalid_filter", "messages": form.error_list()}, status=400)
    dataset = context["dataset"]
    rows = [
        exports.indicator_row(v["row"], dataset, context["reference"]) for v in context["values"]
    ]
    return exports.response(
        rows,
        exports.INDICATOR_COLUMNS,
        fmt=fmt,
        filename=f"observatory-{context['category'].code}-{context['year']}",
        meta=_export_meta(dataset, category=context["category"].code, year=context["year"]),
    )


# -- regions ------------------------------------------------------------------------------------


def _region(code: str) -> NutsRegion:
    region = NutsRegion.objects.filter(code=code.upper()).select_related("parent").first()
    if region is None:
        raise Http404("No such region.")
    return region


def _region_state(request, code: str):
    region = _region(code)
    form = FilterForm(request.GET)
    if not form.is_valid():
        return region, form, None
    data = form.cleaned_data
    dataset, year = data["dataset"], data["year"]
    rows = statistics.portfolio(dataset, region=region, year=year, reference=data["reference"])
    return (
        region,
        form,
        {"dataset": dataset, "year": year, "reference": data["reference"], "rows": rows},
    )


def region_view(request, code: str):
    region, form, state = _region_state(request, code)
    if state is None:
        return _bad_request(request, form)
    dataset, year = state["dataset"], state["year"]
    rows = state["rows"]
    totals = statistics.region_total(dataset, region)
    top = [row.category_code for row in rows if row.indicator.employment][:TREND_CATEGORIES]
    trends = statistics.region_trends(dataset, region, top)
    names = {row.category_code: row.category.display_name for row in rows}
    figures = Figures()
    trend_table = [
        {
            "year": y,
            "total": figures(total, "employment"),
            "categories": [figures(dict(trends[c]).get(y), "employment") for c in top],
        }
        for y, total in totals
    ]
    chart = {
        "labels": [str(y) for y, _ in totals],
        "series": [
            {"label": _("All activities"), "data": [v for _, v in totals]},
            *[{"label": names[c], "data": [v for _, v in trends[c]]} for c in top],
        ],
        "yLabel": _("Persons employed"),
    }
    children = list(NutsRegion.objects.filter(parent=region).order_by("code"))
    siblings = list(
        NutsRegion.objects.filter(parent=region.parent_id, level=region.level)
        .exclude(pk=region.pk)
        .order_by("code")
    )
    area = reference.area_of(region.code)
    starred = [row for row in rows if row.indicator.stars]
    context = {
        **_common(request, dataset, year, state["reference"]),
        "region": region,
        "portfolio": display.rows(rows, display.Links(_query(dataset=dataset.slug, year=year))),
        "children": children,
        "siblings": siblings,
        "rows": rows,
        "starred_count": len(starred),
        "total": dict(totals).get(year),
        "growth": statistics.growth(totals),
        "trend_table": trend_table,
        "trend_names": [names[c] for c in top],
        "chart": chart,
        "groups": organisation_queries.located_in(region),
        "organisation_count": organisation_queries.count_in_region(region),
        "region_sections": hub.region_sections(request, region, area),
        "querystring": _query(dataset=dataset.slug, year=year, reference=state["reference"]),
        "compare_querystring": _query(dataset=dataset.slug, year=year, region=[region.code]),
        "directory_querystring": _directory_query(region),
    }
    return render(request, "observatory/region.html", context)


NUTS_TO_ISO_COUNTRY = {nuts: iso for iso, nuts in ISO_TO_NUTS_COUNTRY.items()}


def _directory_query(region: NutsRegion) -> str:
    """The directory's filters for the organisations of a region."""
    if region.level == 2:
        return _query(region=region.code)
    return _query(country=NUTS_TO_ISO_COUNTRY.get(region.country_code, region.country_code))


def portfolio_export(request, code: str, fmt: str):
    if fmt not in EXPORT_FORMATS:
        raise Http404("No such format.")
    region, form, state = _region_state(request, code)
    if state is None:
        return JsonResponse({"error": "invalid_filter", "messages": form.error_list()}, status=400)
    dataset = state["dataset"]
    return exports.response(
        [exports.indicator_row(row, dataset, state["reference"]) for row in state["rows"]],
        exports.INDICATOR_COLUMNS,
        fmt=fmt,
        filename=f"portfolio-{region.code}-{state['year']}",
        meta=_export_meta(dataset, region=region.code, year=state["year"]),
    )


def factsheet(request, code: str):
    region, form, state = _region_state(request, code)
    if state is None:
        return _bad_request(request, form)
    dataset = state["dataset"]
    totals = statistics.region_total(dataset, region)
    body = pdf.factsheet(
        region=region,
        dataset=dataset,
        year=state["year"],
        rows=state["rows"],
        totals=totals,
        growth=statistics.growth(totals),
        organisation_count=organisation_queries.count_in_region(region),
        reference_name=state["reference"],
    )
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="factsheet-{region.code}-{state["year"]}.pdf"'
    )
    return response


# -- categories ---------------------------------------------------------------------------------


def _category_state(request, slug: str):
    category = ClusterCategory.objects.filter(code=slug).first()
    if category is None:
        raise Http404("No such category.")
    form = ScoreboardForm(request.GET)
    if not form.is_valid():
        return category, form, None
    data = form.cleaned_data
    if data["order"] == "productivity" and not data["dataset"].has_productivity:
        form.add_error("order", _("This dataset has no wages or value added."))
        return category, form, None
    rows = statistics.scoreboard(
        data["dataset"],
        category=category,
        year=data["year"],
        level=data["level"],
        order=data["order"],
        reference=data["reference"],
    )
    return category, form, {**data, "rows": rows}


def category_view(request, slug: str):
    category, form, state = _category_state(request, slug)
    if state is None:
        return _bad_request(request, form)
    dataset, year = state["dataset"], state["year"]
    trend = statistics.category_trend(dataset, category)
    organisations = Paginator(
        organisation_queries.in_category(category, dataset=dataset, year=year),
        ORGANISATIONS_PER_PAGE,
    ).get_page(state.get("page") or 1)
    context = {
        **_common(request, dataset, year, state["reference"]),
        "category": category,
        "rows": display.rows(state["rows"], display.Links(_query(dataset=dataset.slug, year=year))),
        "level": state["level"],
        "levels": list(LEVEL_LABELS.items()),
        "order": state["order"],
        "orders": [
            (code, label)
            for code, label in ORDER_LABELS.items()
            if code != "productivity" or dataset.has_productivity
        ],
        "trend": [(y, format_value(v, "employment")) for y, v in trend],
        "growth": statistics.growth(trend),
        "chart": {
            "labels": [str(y) for y, _ in trend],
            "series": [{"label": category.display_name, "data": [v for _, v in trend]}],
            "yLabel": _("Persons employed"),
        },
        "organisations": organisations,
        "querystring": _query(
            dataset=dataset.slug,
            year=year,
            level=state["level"],
            order=state["order"],
            reference=state["reference"],
        ),
    }
    return render(request, "observatory/category.html", context)


def scoreboard_export(request, slug: str, fmt: str):
    if fmt not in EXPORT_FORMATS:
        raise Http404("No such format.")
    category, form, state = _category_state(request, slug)
    if state is None:
        return JsonResponse({"error": "invalid_filter", "messages": form.error_list()}, status=400)
    dataset = state["dataset"]
    return exports.response(
        [exports.indicator_row(row, dataset, state["reference"]) for row in state["rows"]],
        exports.INDICATOR_COLUMNS,
        fmt=fmt,
        filename=f"scoreboard-{category.code}-{state['year']}",
        meta=_export_meta(dataset, category=category.code, year=state["year"]),
    )


# -- comparison ---------------------------------------------------------------------------------

COMPARE_CHART_CATEGORIES = 12


def _compare_state(request):
    form = CompareForm(request.GET)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    rows = statistics.comparison(data["dataset"], regions=data["regions"], year=data["year"])
    return form, {**data, "rows": rows}


def compare_view(request):
    form, state = _compare_state(request)
    if state is None:
        # The form to pick regions: empty, or started with one region (the link of a region
        # page); otherwise the reasons the regions given cannot be compared.
        if _starting_comparison(request, form) and dataset_queries.default_dataset() is not None:
            return render(request, "observatory/compare.html", _compare_context(request, form))
        return _bad_request(request, form, "observatory/errors.html")
    dataset, regions = state["dataset"], state["regions"]
    chart_rows = state["rows"][:COMPARE_CHART_CATEGORIES]
    chart = {
        "labels": [row.category.display_name for row in chart_rows],
        "series": [
            {
                "label": f"{region.code} {region.name}",
                "data": [
                    None if cells[i] is None or cells[i].lq is None else round(cells[i].lq, 3)
                    for cells in (row.cells for row in chart_rows)
                ],
            }
            for i, region in enumerate(regions)
        ],
        "yLabel": _("Location quotient"),
    }
    figures = Figures()
    context = {
        **_compare_context(request, form, dataset=dataset, year=state["year"]),
        "regions": regions,
        "rows": [
            {"category": row.category, "cells": [display.cell(c, figures) for c in row.cells]}
            for row in state["rows"]
        ],
        "category_links": display.Links(_query(dataset=dataset.slug, year=state["year"])),
        "chart": chart,
        "querystring": _query(
            dataset=dataset.slug, year=state["year"], region=[r.code for r in regions]
        ),
    }
    return render(request, "observatory/compare.html", context)


def _chosen_regions(request) -> list[str]:
    return [code.strip().upper() for code in request.GET.getlist("region") if code.strip()]


def _starting_comparison(request, form) -> bool:
    """No region yet, or fewer than two and nothing else wrong: the form, not an error."""
    if len(_chosen_regions(request)) >= MIN_COMPARED:
        return False
    return not form.errors or (
        len(form.errors) == 1 and form.has_error(NON_FIELD_ERRORS, "region_count")
    )


def _compare_context(request, form, *, dataset=None, year=None) -> dict:
    cleaned = getattr(form, "cleaned_data", {})
    dataset = dataset or cleaned.get("dataset") or dataset_queries.default_dataset()
    if not isinstance(dataset, Dataset):
        dataset = dataset_queries.default_dataset()
    year = year or cleaned.get("year") or dataset.last_year
    chosen = _chosen_regions(request)
    return {
        **_common(request, dataset, year, ""),
        "form": form,
        "errors": [],
        "chosen": chosen,
        "all_regions": list(NutsRegion.objects.order_by("code").values_list("code", "name")),
        "rows": [],
        "regions": [],
        "chart": None,
    }


def compare_export(request, fmt: str):
    if fmt not in EXPORT_FORMATS:
        raise Http404("No such format.")
    form, state = _compare_state(request)
    if state is None:
        return JsonResponse({"error": "invalid_filter", "messages": form.error_list()}, status=400)
    dataset, regions = state["dataset"], state["regions"]
    lines = []
    for row in state["rows"]:
        for region, indicator in zip(regions, row.cells, strict=True):
            if indicator is None:
                continue
            lines.append(
                exports.indicator_row(
                    statistics.Row(
                        indicator=indicator,
                        region_code=region.code,
                        region_name=region.name,
                        category_code=row.category.code,
                        category=row.category,
                    ),
                    dataset,
                    "",
                )
            )
    return exports.response(
        lines,
        exports.INDICATOR_COLUMNS,
        fmt=fmt,
        filename=f"comparison-{'-'.join(r.code for r in regions)}-{state['year']}",
        meta=_export_meta(dataset, regions=[r.code for r in regions], year=state["year"]),
    )


# -- datasets -----------------------------------------------------------------------------------


def datasets_view(request):
    context = {
        "datasets": dataset_queries.listed(),
        "can_import": request.user.has_perm("observatory.import_dataset"),
        "imports": dataset_queries.recent_imports()
        if request.user.has_perm("observatory.import_dataset")
        else [],
    }
    return render(request, "observatory/datasets.html", context)


def dataset_view(request, slug: str):
    dataset = Dataset.objects.filter(slug=slug).select_related("imported_by").first()
    if dataset is None or not dataset.cell_count:
        raise Http404("No such dataset.")
    context = {
        "dataset": dataset,
        "series": list(dataset.series.all()),
        "skipped": [(skip_reason(code), n) for code, n in sorted(dataset.skipped.items())],
        "can_manage": request.user.has_perm("observatory.manage_dataset", dataset),
        "thresholds": json.dumps(dataset.thresholds),
    }
    return render(request, "observatory/dataset.html", context)
