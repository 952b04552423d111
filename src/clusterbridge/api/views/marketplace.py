from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from clusterbridge.api.exceptions import error_response
from clusterbridge.api.serializers.marketplace import (
    OpportunitySerializer,
    OpportunityWriteSerializer,
)
from clusterbridge.api.views.organisations import ERROR, FACET
from clusterbridge.marketplace.forms.search import SearchForm
from clusterbridge.marketplace.models import Opportunity
from clusterbridge.marketplace.queries import search
from clusterbridge.marketplace.services import opportunities
from clusterbridge.organisations.models import Organisation

FILTERS = [
    OpenApiParameter("q", str, description="Text search over titles, summaries, references."),
    *[
        OpenApiParameter(name, str, many=True, explode=True, description=description)
        for name, description in (
            ("kind", "Kind of opportunity, e.g. technology_offer."),
            ("sector", "Cluster category code."),
            ("technology", "Key enabling technology code."),
            ("country", "Country of the posting organisation (ISO alpha-2)."),
            ("organisation_kind", "Kind of the posting organisation."),
        )
    ],
    OpenApiParameter("within", str, enum=list(search.WITHIN), description="Posted within N days."),
    OpenApiParameter("sort", str, enum=list(search.SORTS)),
    OpenApiParameter("page", int),
    OpenApiParameter("page_size", int),
]
DETAIL = Opportunity.objects.select_related("organisation").prefetch_related(
    "sectors", "technologies"
)


class OpportunityListView(GenericAPIView):
    serializer_class = OpportunitySerializer
    queryset = Opportunity.objects.none()
    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema(
        parameters=FILTERS,
        responses={
            200: inline_serializer(
                "OpportunityPage",
                fields={
                    "count": serializers.IntegerField(),
                    "next": serializers.URLField(allow_null=True),
                    "previous": serializers.URLField(allow_null=True),
                    "facets": FACET,
                    "results": OpportunitySerializer(many=True),
                },
            ),
            400: ERROR,
            404: ERROR,
        },
        summary="Search published opportunities with the marketplace's filters and facets",
    )
    def get(self, request):
        params = request.query_params.copy()
        params.pop("page_size", None)
        form = SearchForm(params)
        if not form.is_valid():
            return error_response(" ".join(form.error_list()), details=form.errors.get_json_data())
        results, facets = search.run(form.to_query())
        page = self.paginate_queryset(results)
        response = self.get_paginated_response(self.get_serializer(page, many=True).data)
        response.data["facets"] = [
            {"name": f.name, "label": f.label, "values": [v.__dict__ for v in f.values]}
            for f in facets
        ]
        return response

    @extend_schema(
        request=OpportunityWriteSerializer,
        responses={201: OpportunitySerializer, 400: ERROR, 401: ERROR, 403: ERROR},
        summary="Post an opportunity for your organisation (members allowed to post)",
    )
    def post(self, request):
        if not isinstance(request.data, dict):
            return error_response("The request body must be a JSON object.")
        serializer = OpportunityWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        slug = data.pop("organisation", None)
        publish = data.pop("publish", False)
        if not slug:
            return error_response("organisation: give the slug of the organisation you post for.")
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            return error_response(f"organisation: no organisation “{slug}”.")
        if not request.user.has_perm("marketplace.post_for_organisation", organisation):
            raise PermissionDenied(f"You may not post for {organisation.name}.")
        created = opportunities.create_opportunity(
            actor=request.user, organisation=organisation, data=data, publish=publish
        )
        return Response(self.get_serializer(DETAIL.get(pk=created.pk)).data, status=201)


class OpportunityDetailView(GenericAPIView):
    serializer_class = OpportunitySerializer
    queryset = DETAIL
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_object(self):
        opportunity = DETAIL.filter(reference=self.kwargs["reference"]).first()
        if opportunity is None or not self.request.user.has_perm(
            "marketplace.view_opportunity", opportunity
        ):
            raise NotFound("No opportunity with this reference.")
        return opportunity

    @extend_schema(responses={200: OpportunitySerializer, 404: ERROR})
    def get(self, request, reference: str):
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(
        request=OpportunityWriteSerializer,
        responses={200: OpportunitySerializer, 400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR},
        summary="Update an opportunity of your organisation",
    )
    def patch(self, request, reference: str):
        opportunity = self.get_object()
        if not request.user.has_perm("marketplace.change_opportunity", opportunity):
            raise PermissionDenied("Only members who post for this organisation may change it.")
        if not isinstance(request.data, dict):
            return error_response("The request body must be a JSON object.")
        serializer = OpportunityWriteSerializer(
            instance=opportunity, data=request.data, partial=True
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("organisation", None)
        data.pop("publish", None)
        opportunities.update_opportunity(opportunity=opportunity, actor=request.user, data=data)
        return Response(self.get_serializer(DETAIL.get(pk=opportunity.pk)).data)
