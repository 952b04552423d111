from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from clusterbridge.api.exceptions import error_response
from clusterbridge.api.serializers.organisations import (
    OrganisationDetailSerializer,
    OrganisationSummarySerializer,
    OrganisationUpdateSerializer,
)
from clusterbridge.organisations.forms.directory import DirectoryFilterForm
from clusterbridge.organisations.models import Organisation
from clusterbridge.organisations.queries import directory
from clusterbridge.organisations.services.profiles import update_profile

ERROR = inline_serializer(
    "Error",
    fields={
        "error": serializers.CharField(),
        "message": serializers.CharField(),
        "details": serializers.DictField(required=False),
    },
)
FACET = inline_serializer(
    "Facet",
    fields={
        "name": serializers.CharField(),
        "label": serializers.CharField(),
        "values": inline_serializer(
            "FacetValue",
            fields={
                "value": serializers.CharField(),
                "label": serializers.CharField(),
                "count": serializers.IntegerField(),
                "selected": serializers.BooleanField(),
            },
            many=True,
        ),
    },
    many=True,
)
FILTER_PARAMETERS = [
    OpenApiParameter(
        "q", str, description="Full-text search over names, descriptions and keywords."
    ),
    *[
        OpenApiParameter(name, str, many=True, explode=True, description=description)
        for name, description in (
            ("kind", "Kind of organisation, e.g. cluster, sme, university."),
            ("country", "ISO 3166-1 alpha-2 country code."),
            ("region", "NUTS 2021 level-2 code."),
            ("sector", "Cluster category code (see /taxonomies/sectors/)."),
            ("ecosystem", "Industrial ecosystem code."),
            ("technology", "Key enabling technology code."),
            ("size", "Member-size band: 0, 1-14, 15-49, 50-149, 150-499, 500+."),
            ("label", "Currently valid excellence label: bronze, silver or gold."),
        )
    ],
    OpenApiParameter("sort", str, enum=list(directory.SORTS), description="Sort order."),
    OpenApiParameter("page", int, description="Page number (from 1)."),
    OpenApiParameter("page_size", int, description="Results per page (at most 100)."),
]


class OrganisationListView(GenericAPIView):
    serializer_class = OrganisationSummarySerializer
    queryset = Organisation.objects.none()

    @extend_schema(
        parameters=FILTER_PARAMETERS,
        responses={
            200: inline_serializer(
                "OrganisationPage",
                fields={
                    "count": serializers.IntegerField(),
                    "next": serializers.URLField(allow_null=True),
                    "previous": serializers.URLField(allow_null=True),
                    "facets": FACET,
                    "results": OrganisationSummarySerializer(many=True),
                },
            ),
            400: ERROR,
            404: ERROR,
        },
        summary="Search published organisations with the directory's filters and facets",
        operation_id="organisations_list",
    )
    def get(self, request):
        params = request.query_params.copy()
        params.pop("page_size", None)  # validated by the paginator
        form = DirectoryFilterForm(params)
        if not form.is_valid():
            return error_response(" ".join(form.error_list()), details=form.errors.get_json_data())
        query = form.to_query()
        results = directory.with_list_relations(directory.search(query))
        page = self.paginate_queryset(results)
        response = self.get_paginated_response(self.get_serializer(page, many=True).data)
        response.data["facets"] = [
            {"name": f.name, "label": f.label, "values": [v.__dict__ for v in f.values]}
            for f in directory.cached_facets(query)
        ]
        return response


class OrganisationDetailView(GenericAPIView):
    serializer_class = OrganisationDetailSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]
    queryset = Organisation.objects.select_related("nuts_region").prefetch_related(
        "sectors", "ecosystems", "technologies"
    )
    lookup_field = "slug"

    def get_object(self):
        organisation = self.get_queryset().filter(slug=self.kwargs["slug"]).first()
        if organisation is None or not self.request.user.has_perm(
            "organisations.view_organisation", organisation
        ):
            raise NotFound("No organisation with this identifier.")
        return organisation

    @extend_schema(responses={200: OrganisationDetailSerializer, 404: ERROR})
    def get(self, request, slug: str):
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(
        request=OrganisationUpdateSerializer,
        responses={
            200: OrganisationDetailSerializer,
            400: ERROR,
            401: ERROR,
            403: ERROR,
            404: ERROR,
        },
        summary="Update your organisation's profile (organisation administrators)",
    )
    def patch(self, request, slug: str):
        organisation = self.get_object()
        if not request.user.has_perm("organisations.change_organisation", organisation):
            raise PermissionDenied(
                "Only an administrator of this organisation may change its profile."
            )
        if not isinstance(request.data, dict):
            return error_response("The request body must be a JSON object.")
        serializer = OrganisationUpdateSerializer(
            instance=organisation, data=request.data, partial=True
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        update_profile(organisation=organisation, actor=request.user, data=data)
        fresh = get_object_or_404(self.get_queryset(), pk=organisation.pk)
        return Response(self.get_serializer(fresh).data)
