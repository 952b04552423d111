from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
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
    ClusterMemberSerializer,
    MemberLinkProposeSerializer,
    MemberLinkSerializer,
    OrganisationDetailSerializer,
    OrganisationSummarySerializer,
    OrganisationUpdateSerializer,
)
from clusterbridge.api.views.lists import faceted_list
from clusterbridge.organisations.forms.directory import DirectoryFilterForm
from clusterbridge.organisations.models import MemberLink, Organisation, OrganisationKind, SizeBand
from clusterbridge.organisations.queries import directory, links, memberships
from clusterbridge.organisations.services import links as link_services
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
            "member_of": "Slug of a published cluster organisation: its confirmed member "
            "organisations only.",
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


# -- links between cluster organisations and their member organisations --------------------


def _visible_organisation(request, slug: str) -> Organisation:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None or not request.user.has_perm(
        "organisations.view_organisation", organisation
    ):
        raise NotFound(_("No organisation with this identifier."))
    return organisation


class ClusterMembersView(GenericAPIView):
    serializer_class = ClusterMemberSerializer
    queryset = MemberLink.objects.none()

    @extend_schema(
        parameters=PAGE_PARAMETERS,
        responses={200: ClusterMemberSerializer(many=True), 404: ERROR},
        summary="A cluster organisation's confirmed member organisations (public)",
    )
    def get(self, request, slug: str):
        cluster = _visible_organisation(request, slug)
        rows = links.member_rows(cluster).prefetch_related("member__sectors")
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class MemberOfView(GenericAPIView):
    serializer_class = OrganisationSummarySerializer
    queryset = Organisation.objects.none()

    @extend_schema(
        parameters=PAGE_PARAMETERS,
        responses={200: OrganisationSummarySerializer(many=True), 404: ERROR},
        summary="The cluster organisations an organisation is a confirmed member of (public)",
    )
    def get(self, request, slug: str):
        member = _visible_organisation(request, slug)
        clusters = directory.with_list_relations(links.clusters_of(member))
        page = self.paginate_queryset(clusters)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


def _link(request, pk: int) -> MemberLink:
    link = MemberLink.objects.select_related("cluster", "member").filter(pk=pk).first()
    if link is None or not request.user.has_perm("organisations.view_member_link", link):
        raise NotFound(_("No member link with this identifier."))
    return link


class MemberLinkListView(GenericAPIView):
    serializer_class = MemberLinkSerializer
    permission_classes = [IsAuthenticated]
    queryset = MemberLink.objects.none()

    @extend_schema(
        parameters=PAGE_PARAMETERS,
        responses={200: MemberLinkSerializer(many=True), 401: ERROR, 403: ERROR, 404: ERROR},
        summary="The member links of the organisations you administer, pending ones included",
    )
    def get(self, request):
        ids = memberships.organisation_ids_of(request.user, role=memberships.Role.ADMIN)
        page = self.paginate_queryset(links.links_of_any(ids))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request=MemberLinkProposeSerializer,
        responses={201: MemberLinkSerializer, 400: ERROR, 401: ERROR, 403: ERROR},
        summary="Propose a link between a cluster organisation and a member organisation "
        "(an administrator of either side; the other side confirms)",
    )
    def post(self, request):
        if not isinstance(request.data, dict):
            return error_response(_("The request body must be a JSON object."))
        serializer = MemberLinkProposeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        found = {}
        for role in ("cluster", "member"):
            organisation = Organisation.objects.filter(slug=serializer.validated_data[role]).first()
            if organisation is None or not request.user.has_perm(
                "organisations.view_organisation", organisation
            ):
                return error_response(
                    _("{field}: no published organisation with this slug.").format(field=role)
                )
            found[role] = organisation
        # The service checks who may propose (403) and the pair (400).
        link = link_services.propose_link(
            cluster=found["cluster"], member=found["member"], actor=request.user
        )
        return Response(self.get_serializer(link).data, status=201)


class MemberLinkDetailView(GenericAPIView):
    serializer_class = MemberLinkSerializer
    queryset = MemberLink.objects.none()

    @extend_schema(
        responses={200: MemberLinkSerializer, 404: ERROR},
        summary="A member link (confirmed public ones, or as an administrator of either side)",
    )
    def get(self, request, pk: int):
        return Response(self.get_serializer(_link(request, pk)).data)


class _MemberLinkActionView(GenericAPIView):
    serializer_class = MemberLinkSerializer
    permission_classes = [IsAuthenticated]
    queryset = MemberLink.objects.none()

    def _act(self, request, pk: int, service):
        link = _link(request, pk)
        # The service checks the permission (403) and the move (400).
        return Response(self.get_serializer(service(link=link, actor=request.user)).data)


ACTION_RESPONSES = {200: MemberLinkSerializer, 400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR}


class MemberLinkConfirmView(_MemberLinkActionView):
    @extend_schema(
        request=None,
        responses=ACTION_RESPONSES,
        summary="Confirm a proposed link (an administrator of the side that did not propose)",
    )
    def post(self, request, pk: int):
        return self._act(request, pk, link_services.confirm_link)


class MemberLinkDeclineView(_MemberLinkActionView):
    @extend_schema(
        request=None,
        responses=ACTION_RESPONSES,
        summary="Decline a proposed link (an administrator of the side that did not propose)",
    )
    def post(self, request, pk: int):
        return self._act(request, pk, link_services.decline_link)


class MemberLinkEndView(_MemberLinkActionView):
    @extend_schema(
        request=None,
        responses=ACTION_RESPONSES,
        summary="End a link or withdraw a proposal (an administrator of either side)",
    )
    def post(self, request, pk: int):
        return self._act(request, pk, link_services.end_link)
