from __future__ import annotations

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
from clusterbridge.api.serializers.marketplace import (
    OpportunitySerializer,
    OpportunityWriteSerializer,
)
from clusterbridge.api.views.lists import faceted_list
from clusterbridge.marketplace.forms.search import SearchForm
from clusterbridge.marketplace.models import Opportunity, OpportunityKind
from clusterbridge.marketplace.queries import search
from clusterbridge.marketplace.services import opportunities
from clusterbridge.organisations.models import Organisation, OrganisationKind

FILTERS = [
    # Documented from the marketplace's search form, which validates them.
    *form_parameters(
        SearchForm,
        {
            "q": "Text search over titles, summaries, references.",
            "kind": "Kind of opportunity, e.g. technology_offer.",
            "sector": "Cluster category code.",
            "technology": "Key enabling technology code.",
            "country": "Country of the posting organisation (ISO alpha-2).",
            "organisation_kind": "Kind of the posting organisation.",
            "within": "Posted within N days.",
            "sort": "Sort order.",
        },
        enums={
            "kind": OpportunityKind.values,
            "country": COUNTRY_CODES,
            "organisation_kind": OrganisationKind.values,
            "sort": search.SORTS,
        },
    ),
    *PAGE_PARAMETERS,
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
            200: faceted_page("OpportunityPage", OpportunitySerializer),
            400: ERROR,
            404: ERROR,
        },
        summary="Search published opportunities with the marketplace's filters and facets",
        operation_id="opportunities_list",
    )
    def get(self, request):
        return faceted_list(self, SearchForm, search.run)

    @extend_schema(
        request=OpportunityWriteSerializer,
        responses={201: OpportunitySerializer, 400: ERROR, 401: ERROR, 403: ERROR},
        summary="Post an opportunity for your organisation (members allowed to post)",
    )
    def post(self, request):
        if not isinstance(request.data, dict):
            return error_response(_("The request body must be a JSON object."))
        serializer = OpportunityWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        slug = data.pop("organisation", None)
        publish = data.pop("publish", False)
        if not slug:
            return error_response(
                _("organisation: give the slug of the organisation you post for.")
            )
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            return error_response(_("organisation: no organisation “%(slug)s”.") % {"slug": slug})
        if not request.user.has_perm("marketplace.post_for_organisation", organisation):
            raise PermissionDenied(
                _("You may not post for %(organisation)s.") % {"organisation": organisation.name}
            )
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
            raise NotFound(_("No opportunity with this reference."))
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
            raise PermissionDenied(_("Only members who post for this organisation may change it."))
        if not isinstance(request.data, dict):
            return error_response(_("The request body must be a JSON object."))
        serializer = OpportunityWriteSerializer(
            instance=opportunity, data=request.data, partial=True
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("organisation", None)
        data.pop("publish", None)
        opportunities.update_opportunity(opportunity=opportunity, actor=request.user, data=data)
        return Response(self.get_serializer(DETAIL.get(pk=opportunity.pk)).data)
