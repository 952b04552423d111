"""Partnerships in the API: the public list (the page's filters and facets) and detail,
success stories, the reserved forum's threads for the partnership's people, and the documents
library (public documents for whoever sees the partnership, members-only ones for its people)
— anyone else gets a 404 for every reserved object."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from clusterbridge.api.exceptions import error_response
from clusterbridge.api.parsers import MultiPartParser
from clusterbridge.api.schema import (
    COUNTRY_CODES,
    ERROR,
    PAGE_PARAMETERS,
    faceted_page,
    form_parameters,
)
from clusterbridge.api.serializers.partnerships import (
    DocumentSerializer,
    DocumentUploadSerializer,
    PartnershipDetailSerializer,
    PartnershipSummarySerializer,
    PostSerializer,
    StorySerializer,
    ThreadSerializer,
)
from clusterbridge.api.views.lists import faceted_list
from clusterbridge.common.downloads import private_file
from clusterbridge.partnerships import validators
from clusterbridge.partnerships.forms import DocumentFilterForm, PartnershipFilterForm
from clusterbridge.partnerships.models import (
    DocumentCategory,
    ForumPost,
    ForumThread,
    Partnership,
    PartnershipDocument,
    PartnershipKind,
    SuccessStory,
)
from clusterbridge.partnerships.queries import lists
from clusterbridge.partnerships.queries.search import PARTNERSHIPS
from clusterbridge.partnerships.services import documents as document_services

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


def _document(request, slug: str, pk: int) -> PartnershipDocument:
    document = (
        PartnershipDocument.objects.select_related("partnership", "uploaded_by")
        .filter(pk=pk, partnership__slug=slug)
        .first()
    )
    if document is None or not request.user.has_perm("partnerships.view_document", document):
        raise NotFound(str(validators.NO_DOCUMENT))
    return document


def _visible_partnership(request, slug: str) -> Partnership:
    partnership = lists.partnership_pages().filter(slug=slug).first()
    if partnership is None or not request.user.has_perm(
        "partnerships.view_partnership", partnership
    ):
        raise NotFound(str(validators.NO_PARTNERSHIP))
    return partnership


class DocumentListView(GenericAPIView):
    serializer_class = DocumentSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]
    parser_classes = [MultiPartParser]
    queryset = PartnershipDocument.objects.none()

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "category",
                str,
                description="Only documents of this category.",
                enum=DocumentCategory.values,
            ),
            *PAGE_PARAMETERS,
        ],
        responses={200: DocumentSerializer(many=True), 400: ERROR, 404: ERROR},
        summary="A partnership's documents: public ones for everyone who sees the "
        "partnership, members-only ones too for its people and staff; newest first",
    )
    def get(self, request, slug: str):
        partnership = _visible_partnership(request, slug)
        params = request.query_params.copy()
        form = DocumentFilterForm({"category": params.get("category", "")})
        if not form.is_valid():
            return error_response(
                " ".join(m for errors in form.errors.values() for m in errors),
                details=form.errors.get_json_data(),
            )
        reserved = request.user.has_perm("partnerships.view_reserved_documents", partnership)
        found = lists.documents_of(
            partnership, reserved=reserved, category=form.cleaned_data["category"] or None
        )
        page = self.paginate_queryset(found)
        return self.get_paginated_response(
            DocumentSerializer(page, many=True, context={"slug": partnership.slug}).data
        )

    @extend_schema(
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={201: DocumentSerializer, 400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR},
        summary="Add a document (the people of the member organisations, staff); "
        "multipart/form-data with the file in “file”",
    )
    def post(self, request, slug: str):
        partnership = _visible_partnership(request, slug)
        serializer = DocumentUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        # The service checks "partnerships.add_document" (403) and validates again (400).
        document = document_services.add_document(
            partnership=partnership, actor=request.user, upload=data.pop("file"), **data
        )
        return Response(
            DocumentSerializer(document, context={"slug": partnership.slug}).data, status=201
        )


class DocumentDetailView(GenericAPIView):
    serializer_class = DocumentSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]
    queryset = PartnershipDocument.objects.none()

    @extend_schema(
        responses={200: DocumentSerializer, 404: ERROR},
        summary="A document of a partnership (members-only ones: its people and staff)",
    )
    def get(self, request, slug: str, pk: int):
        return Response(self.get_serializer(_document(request, slug, pk)).data)

    @extend_schema(
        responses={204: None, 401: ERROR, 403: ERROR, 404: ERROR},
        summary="Delete a document (its uploader, the coordinator's administrators, staff)",
    )
    def delete(self, request, slug: str, pk: int):
        document = _document(request, slug, pk)
        document_services.delete_document(document=document, actor=request.user)
        return Response(status=204)


class DocumentFileView(GenericAPIView):
    queryset = PartnershipDocument.objects.none()

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The file, under its original name."
            ),
            404: ERROR,
        },
        summary="Download a document's file (members-only ones: its people and staff)",
    )
    def get(self, request, slug: str, pk: int):
        document = _document(request, slug, pk)
        return private_file(
            document.file,
            content_type=validators.SERVED_TYPE.get(document.content_type, document.content_type),
            filename=document.original_name,
            missing_message=str(validators.NO_DOCUMENT),
        )
