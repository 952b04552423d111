from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from clusterbridge.api.exceptions import error_response
from clusterbridge.api.schema import (
    COUNTRY_CODES,
    ERROR,
    PAGE_PARAMETERS,
    faceted_page,
    form_parameters,
)
from clusterbridge.api.serializers.organisations import (
    OrganisationDetailSerializer,
    OrganisationSummarySerializer,
    OrganisationUpdateSerializer,
)
from clusterbridge.api.views.lists import faceted_list
from clusterbridge.organisations.forms.directory import DirectoryFilterForm
from clusterbridge.organisations.models import Organisation, OrganisationKind, SizeBand
from clusterbridge.organisations.queries import directory
from clusterbridge.organisations.services.profiles import update_profile

FILTER_PARAMETERS = [
    # Documented from the directory's form, which validates them (choices from the database).
    *form_parameters(
        DirectoryFilterForm,
        {
            "q": "Full-text search over names, descriptions and keywords.",
            "kind": "Kind of organisation, e.g. cluster, sme, university.",
            "country": "ISO 3166-1 alpha-2 country code.",
            "region": "NUTS 2021 level-2 code.",
            "sector": "Cluster category code (see /taxonomies/sectors/).",
            "specialised": "Cluster category code: organisations in that sector whose NUTS-2 "
            "region is specialised in it (location quotient ≥ 2, cluster observatory).",
            "ecosystem": "Industrial ecosystem code.",
            "technology": "Key enabling technology code.",
            "size": "Member-size band: 0, 1-14, 15-49, 50-149, 150-499, 500+.",
            "label": "Currently valid excellence label: bronze, silver or gold.",
            "sort": "Sort order.",
        },
        enums={
            "kind": OrganisationKind.values,
            "country": COUNTRY_CODES,
            "size": SizeBand.values,
            "label": directory.LABEL_LEVELS,
            "sort": directory.SORTS,
        },
    ),
    *PAGE_PARAMETERS,
]


class OrganisationListView(GenericAPIView):
    serializer_class = OrganisationSummarySerializer
    queryset = Organisation.objects.none()

    @extend_schema(
        parameters=FILTER_PARAMETERS,
        responses={
            200: faceted_page("OrganisationPage", OrganisationSummarySerializer),
            400: ERROR,
            404: ERROR,
        },
        summary="Search published organisations with the directory's filters and facets",
        operation_id="organisations_list",
    )
    def get(self, request):
        return faceted_list(self, DirectoryFilterForm, directory.run)


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
            raise NotFound(_("No organisation with this identifier."))
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
                _("Only an administrator of this organisation may change its profile.")
            )
        if not isinstance(request.data, dict):
            return error_response(_("The request body must be a JSON object."))
        serializer = OrganisationUpdateSerializer(
            instance=organisation, data=request.data, partial=True
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        update_profile(organisation=organisation, actor=request.user, data=data)
        fresh = get_object_or_404(self.get_queryset(), pk=organisation.pk)
        return Response(self.get_serializer(fresh).data)
