"""Partnerships in the API: the public list (the page's filters and facets) and detail,
success stories, and the reserved forum's threads for the partnership's people — anyone else
gets a 404 for every reserved object."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from clusterbridge.api.schema import (
    COUNTRY_CODES,
    ERROR,
    PAGE_PARAMETERS,
    faceted_page,
    form_parameters,
)
from clusterbridge.api.serializers.partnerships import (
    PartnershipDetailSerializer,
    PartnershipSummarySerializer,
    PostSerializer,
    StorySerializer,
    ThreadSerializer,
)
from clusterbridge.api.views.lists import faceted_list
from clusterbridge.partnerships.forms import PartnershipFilterForm
from clusterbridge.partnerships.models import (
    ForumPost,
    ForumThread,
    Partnership,
    PartnershipKind,
    SuccessStory,
)
from clusterbridge.partnerships.queries import lists
from clusterbridge.partnerships.queries.search import PARTNERSHIPS

FILTER_PARAMETERS = [
    *form_parameters(
        PartnershipFilterForm,
        {
            "q": "Text search over names, programmes and objectives.",
            "type": "Type of partnership.",
            "sector": "Cluster category code (see /taxonomies/sectors/).",
            "target_country": "ISO 3166-1 alpha-2 code of a target third country.",
            "member_country": "ISO 3166-1 alpha-2 code of a member organisation's country.",
            "sort": "Sort order.",
        },
        enums={
            "type": PartnershipKind.values,
            "target_country": COUNTRY_CODES,
            "member_country": COUNTRY_CODES,
            "sort": list(PARTNERSHIPS.sort_labels),
        },
    ),
    *PAGE_PARAMETERS,
]


class PartnershipListView(GenericAPIView):
    serializer_class = PartnershipSummarySerializer
    queryset = Partnership.objects.none()

    @extend_schema(
        parameters=FILTER_PARAMETERS,
        responses={
            200: faceted_page("PartnershipPage", PartnershipSummarySerializer),
            400: ERROR,
            404: ERROR,
        },
        summary="Search published partnerships with the list's filters and facets",
        operation_id="partnerships_list",
    )
    def get(self, request):
        return faceted_list(self, PartnershipFilterForm, PARTNERSHIPS.run)


def _partnership(request, slug: str, permission: str) -> Partnership:
    partnership = lists.partnership_pages().filter(slug=slug).first()
    if partnership is None or not request.user.has_perm(permission, partnership):
        raise NotFound(_("No partnership with this identifier."))
    return partnership


class PartnershipDetailView(GenericAPIView):
    serializer_class = PartnershipDetailSerializer
    queryset = Partnership.objects.none()

    @extend_schema(
        responses={200: PartnershipDetailSerializer, 404: ERROR},
        summary="A partnership: members, success stories (published ones are public)",
    )
    def get(self, request, slug: str):
        partnership = _partnership(request, slug, "partnerships.view_partnership")
        context = {
            "members": list(lists.members(partnership)),
            "stories": list(lists.stories_of(partnership)) if partnership.is_published else [],
        }
        return Response(PartnershipDetailSerializer(partnership, context=context).data)


class StoryListView(GenericAPIView):
    serializer_class = StorySerializer
    queryset = SuccessStory.objects.none()

    @extend_schema(
        parameters=PAGE_PARAMETERS,
        responses={200: StorySerializer(many=True), 404: ERROR},
        summary="Success stories of all published partnerships, newest first",
    )
    def get(self, request):
        page = self.paginate_queryset(lists.public_stories())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class ThreadListView(GenericAPIView):
    serializer_class = ThreadSerializer
    permission_classes = [IsAuthenticated]
    queryset = ForumThread.objects.none()

    @extend_schema(
        parameters=PAGE_PARAMETERS,
        responses={200: ThreadSerializer(many=True), 401: ERROR, 404: ERROR},
        summary="The reserved forum's threads (the partnership's people and staff)",
    )
    def get(self, request, slug: str):
        partnership = _partnership(request, slug, "partnerships.view_forum")
        page = self.paginate_queryset(lists.threads_of(partnership))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class PostListView(GenericAPIView):
    serializer_class = PostSerializer
    permission_classes = [IsAuthenticated]
    queryset = ForumPost.objects.none()

    @extend_schema(
        parameters=PAGE_PARAMETERS,
        responses={200: PostSerializer(many=True), 401: ERROR, 404: ERROR},
        summary="The posts of a reserved forum thread, oldest first (plain text)",
    )
    def get(self, request, slug: str, pk: int):
        thread = (
            ForumThread.objects.select_related("partnership")
            .filter(pk=pk, partnership__slug=slug)
            .first()
        )
        if thread is None or not request.user.has_perm("partnerships.view_forum", thread):
            raise NotFound(_("No thread with this identifier."))
        page = self.paginate_queryset(lists.posts_of(thread))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
