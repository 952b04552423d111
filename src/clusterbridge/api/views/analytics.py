"""Audience figures in the API (staff only; anyone else gets a 404)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from clusterbridge.analytics.forms import AudienceFilterForm
from clusterbridge.analytics.queries.audience import audience
from clusterbridge.api.exceptions import error_response
from clusterbridge.api.schema import ERROR
from clusterbridge.api.serializers.analytics import AudienceSerializer


class AudienceView(GenericAPIView):
    serializer_class = AudienceSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "start", str, description="First day (YYYY-MM-DD); default: 30 days ago."
            ),
            OpenApiParameter("end", str, description="Last day (YYYY-MM-DD); default: today."),
        ],
        responses={200: AudienceSerializer, 400: ERROR, 404: ERROR},
        summary="Audience by location, top pages, referring sites and days (staff)",
    )
    def get(self, request):
        if not request.user.has_perm("analytics.view_audience"):
            raise NotFound(_("Not found."))
        form = AudienceFilterForm(request.query_params)
        if not form.is_valid():
            return error_response(
                " ".join(str(e) for errors in form.errors.values() for e in errors),
                details=form.errors.get_json_data(),
            )
        found = audience(form.cleaned_data["start"], form.cleaned_data["end"])
        return Response(AudienceSerializer(found).data)
