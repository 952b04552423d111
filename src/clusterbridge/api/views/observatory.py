"""The cluster observatory's API: datasets, series, a region's portfolio, a category's
scoreboard and the comparison of regions (public, read-only).

Query parameters are validated by the observatory's own filter forms (the pages use them too).
Codes that name nothing (a dataset, a year without figures, a region, a category, a reference
country) are a 404; malformed values a 400."""

from __future__ import annotations

from django.http import QueryDict
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from clusterbridge.api.exceptions import error_response
from clusterbridge.api.schema import ERROR, PAGE_PARAMETERS
from clusterbridge.api.serializers.observatory import (
    ComparedCategorySerializer,
    DatasetSerializer,
    IndicatorSerializer,
)
from clusterbridge.clusterstats.reports import MAX_COMPARED, MIN_COMPARED, SCOREBOARD_ORDERS
from clusterbridge.observatory.forms.filters import CompareForm, FilterForm, ScoreboardForm
from clusterbridge.observatory.models import Dataset, Statistic
from clusterbridge.observatory.queries import datasets as dataset_queries
from clusterbridge.observatory.queries import statistics
from clusterbridge.taxonomy.models import ClusterCategory, NutsRegion

# Errors of the filter forms that say "no such thing" rather than "malformed".
NOT_FOUND_CODES = {
    "unknown_dataset",
    "unknown_year",
    "unknown_reference",
    "unknown_category",
    "unknown_region",
    "no_data",
}
CODE = "^[A-Za-z]{2}[A-Za-z0-9]{0,3}$"
DATASET_PARAMETER = OpenApiParameter(
    "dataset",
    {"type": "string", "pattern": "^[-a-zA-Z0-9_]*$", "maxLength": 80},
    description="Dataset identifier (default: the dataset shown first).",
)
YEAR_PARAMETER = OpenApiParameter(
    "year",
    {"type": "integer", "minimum": 1950, "maximum": 2100},
    description="Year (default: the dataset's last).",
)
REFERENCE_PARAMETER = OpenApiParameter(
    "reference",
    {"type": "string", "pattern": "^([A-Za-z]{2})?$"},
    description="Reference area: a NUTS country code, or empty for every region of the dataset.",
)
INDICATOR_LIST = IndicatorSerializer(many=True)
DATASET_SUMMARY = inline_serializer(
    "ObservatoryDatasetRef",
    fields={
        "slug": serializers.CharField(),
        "name": serializers.CharField(),
        "version": serializers.IntegerField(),
        "demo_data": serializers.BooleanField(),
    },
)


def _dataset_ref(dataset: Dataset) -> dict:
    return {
        "slug": dataset.slug,
        "name": dataset.name,
        "version": dataset.version,
        "demo_data": dataset.is_demo,
    }


def _refused(form):
    codes = {error.code for errors in form.errors.as_data().values() for error in errors}
    message = " ".join(form.error_list())
    if codes & NOT_FOUND_CODES and not codes - NOT_FOUND_CODES:
        return error_response(message, code="not_found", status_code=status.HTTP_404_NOT_FOUND)
    return error_response(message, details=form.errors.get_json_data())


def _params(request, *drop: str) -> QueryDict:
    params = request.query_params.copy()
    for name in drop:
        params.pop(name, None)
    return params


class DatasetListView(GenericAPIView):
    serializer_class = DatasetSerializer
    queryset = Dataset.objects.none()

    @extend_schema(
        parameters=PAGE_PARAMETERS,
        responses={200: DatasetSerializer(many=True), 404: ERROR},
        summary="Datasets of regional cluster statistics (source, licence, version, series)",
    )
    def get(self, request):
        datasets = (
            dataset_queries.usable()
            .prefetch_related("series")
            .order_by("-is_default", "name", "pk")
        )
        page = self.paginate_queryset(datasets)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class DatasetDetailView(GenericAPIView):
    serializer_class = DatasetSerializer
    queryset = Dataset.objects.none()

    @extend_schema(responses={200: DatasetSerializer, 404: ERROR}, summary="One dataset")
    def get(self, request, slug: str):
        dataset = dataset_queries.usable().prefetch_related("series").filter(slug=slug).first()
        if dataset is None:
            raise NotFound(_("No dataset with this identifier."))
        return Response(self.get_serializer(dataset).data)


class SeriesView(GenericAPIView):
    serializer_class = IndicatorSerializer
    queryset = Statistic.objects.none()

    @extend_schema(
        parameters=[
            DATASET_PARAMETER,
            OpenApiParameter(
                "region",
                {"type": "string", "pattern": CODE},
                required=True,
                description="NUTS 2021 code (country, NUTS 1 or NUTS 2).",
            ),
            OpenApiParameter(
                "sector",
                {"type": "string", "pattern": "^[-a-z0-9]*$", "maxLength": 80},
                description="Cluster category code (see /taxonomies/sectors/); all when empty.",
            ),
            *PAGE_PARAMETERS,
        ],
        responses={200: IndicatorSerializer(many=True), 400: ERROR, 404: ERROR},
        summary="A region's figures and indicators, every year (one category or all)",
    )
    def get(self, request):
        form = FilterForm(_params(request, "region", "sector", "page", "page_size", "year"))
        if not form.is_valid():
            return _refused(form)
        dataset = form.cleaned_data["dataset"]
        code = (request.query_params.get("region") or "").strip().upper()
        if not code:
            return error_response(_("Give a region (NUTS code)."))
        region = NutsRegion.objects.filter(code=code).first()
        if region is None:
            raise NotFound(_("Unknown NUTS code “%(value)s”.") % {"value": code})
        rows = Statistic.objects.filter(
            dataset=dataset, region=region, category__isnull=False
        ).order_by("category__code", "year")
        sector = (request.query_params.get("sector") or "").strip()
        if sector:
            category = ClusterCategory.objects.filter(code=sector).first()
            if category is None:
                raise NotFound(_("Unknown cluster category “%(value)s”.") % {"value": sector})
            rows = rows.filter(category=category)
        page = self.paginate_queryset(rows.values_list("pk", flat=True))
        ordered = statistics.stored_rows(
            Statistic.objects.filter(pk__in=list(page)).order_by("category__code", "year")
        )
        response = self.get_paginated_response(self.get_serializer(ordered, many=True).data)
        response.data["dataset"] = _dataset_ref(dataset)
        return response


class PortfolioView(GenericAPIView):
    serializer_class = IndicatorSerializer
    queryset = Statistic.objects.none()

    @extend_schema(
        parameters=[DATASET_PARAMETER, YEAR_PARAMETER, REFERENCE_PARAMETER],
        responses={
            200: inline_serializer(
                "RegionPortfolio",
                fields={
                    "dataset": DATASET_SUMMARY,
                    "region": serializers.CharField(),
                    "region_name": serializers.CharField(),
                    "year": serializers.IntegerField(),
                    "reference": serializers.CharField(),
                    "categories": INDICATOR_LIST,
                },
            ),
            400: ERROR,
            404: ERROR,
        },
        summary="A region's portfolio: its categories with their stars, strongest first",
    )
    def get(self, request, code: str):
        region = NutsRegion.objects.filter(code=code.upper()).first()
        if region is None:
            raise NotFound(_("Unknown NUTS code “%(value)s”.") % {"value": code})
        form = FilterForm(_params(request))
        if not form.is_valid():
            return _refused(form)
        data = form.cleaned_data
        rows = statistics.portfolio(
            data["dataset"], region=region, year=data["year"], reference=data["reference"]
        )
        return Response(
            {
                "dataset": _dataset_ref(data["dataset"]),
                "region": region.code,
                "region_name": region.name,
                "year": data["year"],
                "reference": data["reference"],
                "categories": IndicatorSerializer(rows, many=True).data,
            }
        )


class ScoreboardView(GenericAPIView):
    serializer_class = IndicatorSerializer
    queryset = Statistic.objects.none()

    @extend_schema(
        parameters=[
            DATASET_PARAMETER,
            YEAR_PARAMETER,
            REFERENCE_PARAMETER,
            OpenApiParameter(
                "level", str, enum=["0", "1", "2", ""], description="NUTS level (default 2)."
            ),
            OpenApiParameter(
                "order",
                str,
                enum=[*SCOREBOARD_ORDERS, ""],
                description="Ranked by (default: employment).",
            ),
        ],
        responses={
            200: inline_serializer(
                "CategoryScoreboard",
                fields={
                    "dataset": DATASET_SUMMARY,
                    "category": serializers.CharField(),
                    "category_name": serializers.CharField(),
                    "year": serializers.IntegerField(),
                    "level": serializers.IntegerField(),
                    "order": serializers.CharField(),
                    "reference": serializers.CharField(),
                    "regions": INDICATOR_LIST,
                },
            ),
            400: ERROR,
            404: ERROR,
        },
        summary="A category's scoreboard: the regions ranked",
    )
    def get(self, request, code: str):
        category = ClusterCategory.objects.filter(code=code).first()
        if category is None:
            raise NotFound(_("Unknown cluster category “%(value)s”.") % {"value": code})
        form = ScoreboardForm(_params(request, "page"))
        if not form.is_valid():
            return _refused(form)
        data = form.cleaned_data
        if data["order"] == "productivity" and not data["dataset"].has_productivity:
            return error_response(_("This dataset has no wages or value added."))
        rows = statistics.scoreboard(
            data["dataset"],
            category=category,
            year=data["year"],
            level=data["level"],
            order=data["order"],
            reference=data["reference"],
        )
        return Response(
            {
                "dataset": _dataset_ref(data["dataset"]),
                "category": category.code,
                "category_name": category.display_name,
                "year": data["year"],
                "level": data["level"],
                "order": data["order"],
                "reference": data["reference"],
                "regions": IndicatorSerializer(rows, many=True).data,
            }
        )


class CompareView(GenericAPIView):
    serializer_class = ComparedCategorySerializer
    queryset = Statistic.objects.none()

    @extend_schema(
        parameters=[
            DATASET_PARAMETER,
            YEAR_PARAMETER,
            OpenApiParameter(
                "regions",
                {
                    "type": "array",
                    "items": {"type": "string", "pattern": "^[A-Z]{2}[A-Z0-9]{0,3}$"},
                    "minItems": MIN_COMPARED,
                    "maxItems": MAX_COMPARED,
                    "uniqueItems": True,
                },
                required=True,
                explode=True,
                description="2–5 NUTS codes (repeat the parameter).",
            ),
        ],
        responses={
            200: inline_serializer(
                "RegionComparison",
                fields={
                    "dataset": DATASET_SUMMARY,
                    "year": serializers.IntegerField(),
                    "regions": serializers.ListField(child=serializers.CharField()),
                    "categories": ComparedCategorySerializer(many=True),
                },
            ),
            400: ERROR,
            404: ERROR,
        },
        summary="2–5 regions side by side, category by category",
    )
    def get(self, request):
        params = _params(request, "regions")
        params.setlist("region", request.query_params.getlist("regions"))
        form = CompareForm(params)
        if not form.is_valid():
            return _refused(form)
        data = form.cleaned_data
        regions = data["regions"]
        rows = statistics.comparison(data["dataset"], regions=regions, year=data["year"])
        categories = []
        for row in rows:
            cells = []
            for region, indicator in zip(regions, row.cells, strict=True):
                cells.append(
                    None
                    if indicator is None
                    else IndicatorSerializer(
                        statistics.Row(
                            indicator=indicator,
                            region_code=region.code,
                            region_name=region.name,
                            category_code=row.category.code,
                            category=row.category,
                        )
                    ).data
                )
            categories.append(
                {
                    "category": row.category.code,
                    "category_name": row.category.display_name,
                    "regions": cells,
                }
            )
        return Response(
            {
                "dataset": _dataset_ref(data["dataset"]),
                "year": data["year"],
                "regions": [r.code for r in regions],
                "categories": categories,
            }
        )
