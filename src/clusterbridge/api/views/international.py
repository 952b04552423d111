"""Country pages in the API: the index (the page's filters and facets) and a published page
with its arrangements and gateways; drafts are a 404 to everyone but staff."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from clusterbridge.api.schema import ERROR, PAGE_PARAMETERS, faceted_page, form_parameters
from clusterbridge.api.serializers.international import (
    CountryPageDetailSerializer,
    CountryPageSummarySerializer,
)
from clusterbridge.api.views.lists import faceted_list
from clusterbridge.international import validators
from clusterbridge.international.forms import CountryFilterForm
from clusterbridge.international.models import CountryPage, Priority
from clusterbridge.international.queries import pages as page_queries
from clusterbridge.international.queries.search import COUNTRIES

FILTER_PARAMETERS = [
    *form_parameters(
        CountryFilterForm,
        {
            "q": "Not used (the index has no text search).",
            "priority": "Priority status.",
            "sector": "Cluster category code (see /taxonomies/sectors/).",
            "sort": "Sort order.",
        },
        enums={"priority": Priority.values, "sort": list(COUNTRIES.sort_labels)},
    ),
    *PAGE_PARAMETERS,
]


class CountryPageListView(GenericAPIView):
    serializer_class = CountryPageSummarySerializer
    queryset = CountryPage.objects.none()

    @extend_schema(
        parameters=FILTER_PARAMETERS,
        responses={
            200: faceted_page("CountryPagePage", CountryPageSummarySerializer),
            400: ERROR,
            404: ERROR,
        },
        summary="Published country pages with the index's filters and facets",
        operation_id="countries_list",
    )
    def get(self, request):
        return faceted_list(self, CountryFilterForm, COUNTRIES.run)


class CountryPageDetailView(GenericAPIView):
    serializer_class = CountryPageDetailSerializer
    queryset = CountryPage.objects.none()

    @extend_schema(
        responses={200: CountryPageDetailSerializer, 404: ERROR},
        summary="A country page: priority, sectors, arrangements and gateways",
        operation_id="countries_retrieve",
    )
    def get(self, request, slug: str):
        page = page_queries.country_pages().filter(slug=slug).first()
        if page is None or not request.user.has_perm("international.view_country_page", page):
            raise NotFound(str(validators.NO_COUNTRY_PAGE))
        context = {
            "arrangements": list(page_queries.arrangements_of(page)),
            "gateways": list(page_queries.gateways_of(page)),
        }
        return Response(CountryPageDetailSerializer(page, context=context).data)
