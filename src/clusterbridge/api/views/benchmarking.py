from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from clusterbridge.api.exceptions import error_response
from clusterbridge.api.schema import ERROR, PAGE_PARAMETERS, form_parameters
from clusterbridge.api.serializers.benchmarking import AssessmentSerializer, LabelSerializer
from clusterbridge.benchmarking.forms.labels import LabelFilterForm
from clusterbridge.benchmarking.models import Assessment, Label
from clusterbridge.benchmarking.queries import labels as label_queries
from clusterbridge.benchmarking.queries import reports
from clusterbridge.organisations.models import Organisation


class LabelListView(GenericAPIView):
    serializer_class = LabelSerializer
    queryset = Label.objects.none()

    @extend_schema(
        parameters=[
            *form_parameters(
                LabelFilterForm,
                {
                    "q": "Part of the organisation's name.",
                    "level": "Label level.",
                    "country": "ISO code.",
                },
            ),
            *PAGE_PARAMETERS,
        ],
        responses={200: LabelSerializer(many=True), 400: ERROR, 404: ERROR},
        summary="Organisations holding a currently valid excellence label (public)",
    )
    def get(self, request):
        params = request.query_params.copy()
        for name in ("page", "page_size"):
            params.pop(name, None)
        form = LabelFilterForm(params)
        if not form.is_valid():
            return error_response(" ".join(form.error_list()), details=form.errors.get_json_data())
        data = form.cleaned_data
        labels = label_queries.public_labels(
            today=timezone.localdate(),
            levels=data["level"],
            countries=data["country"],
            text=data["q"],
        )
        page = self.paginate_queryset(labels)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class OrganisationAssessmentsView(GenericAPIView):
    serializer_class = AssessmentSerializer
    permission_classes = [IsAuthenticated]
    queryset = Assessment.objects.none()

    @extend_schema(
        responses={200: AssessmentSerializer(many=True), 401: ERROR, 404: ERROR},
        summary="Your organisation's benchmarks (members of the organisation)",
    )
    def get(self, request, slug: str):
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None or not request.user.has_perm(
            "benchmarking.list_assessments", organisation
        ):
            raise NotFound(_("No organisation with this identifier."))
        queryset = reports.assessments_for_organisation(organisation)
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class AssessmentReportView(GenericAPIView):
    serializer_class = AssessmentSerializer
    permission_classes = [IsAuthenticated]
    queryset = Assessment.objects.none()

    @extend_schema(
        responses={
            200: inline_serializer(
                "AssessmentReport",
                fields={
                    "assessment": AssessmentSerializer(),
                    "overall_score": serializers.FloatField(allow_null=True),
                    "dimensions": serializers.DictField(),
                    "percentiles": serializers.ListField(child=serializers.DictField()),
                },
            ),
            401: ERROR,
            404: ERROR,
        },
        summary="A benchmark's scores and peer percentiles",
    )
    def get(self, request, pk: int):
        assessment = (
            Assessment.objects.select_related("organisation", "indicator_set").filter(pk=pk).first()
        )
        if assessment is None or not request.user.has_perm(
            "benchmarking.view_assessment", assessment
        ):
            raise NotFound(_("No benchmark with this identifier."))
        dimensions = reports.dimensions_with_answers(assessment)
        scores = reports.compute_scores(dimensions)
        return Response(
            {
                "assessment": AssessmentSerializer(assessment).data,
                "overall_score": scores.overall,
                "dimensions": scores.dimensions,
                "percentiles": [
                    {
                        "indicator": c.code,
                        "value": c.value,
                        "percentile": c.percentile,
                        "peer_percentile": c.peer_percentile,
                        "population": c.population,
                        "peers": c.peers,
                    }
                    for c in reports.peer_comparison(assessment)
                ],
            }
        )
