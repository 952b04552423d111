"""Funding calls in the API: the public board (the list page's filters and facets), a call's
detail with the agencies and their rules of a joint call, and the proposals to a joint call —
those the caller may see, and starting one. Calls and proposals you may not see are 404."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from clusterbridge.api.exceptions import error_response
from clusterbridge.api.schema import ERROR, PAGE_PARAMETERS, faceted_page, form_parameters
from clusterbridge.api.serializers.calls import (
    CallDetailSerializer,
    CallFiguresSerializer,
    CallProposalSerializer,
    CallSummarySerializer,
    DeclarationSerializer,
    ProposalStartSerializer,
    RankedProposalSerializer,
    ReviewDetailSerializer,
    ReviewSerializer,
    ScoreSheetSerializer,
)
from clusterbridge.api.views.lists import faceted_list
from clusterbridge.calls.forms import CallFilterForm
from clusterbridge.calls.models import Call, CallLevel, CallType, Proposal, ReviewAssignment
from clusterbridge.calls.queries import evaluation as evaluation_queries
from clusterbridge.calls.queries import figures, joint, lists
from clusterbridge.calls.queries.search import CALLS
from clusterbridge.calls.services import evaluation as evaluation_services
from clusterbridge.calls.services import proposals as services
from clusterbridge.organisations.models import Organisation

FILTER_PARAMETERS = [
    *form_parameters(
        CallFilterForm,
        {
            "q": "Text search over titles, programmes, funders and summaries.",
            "deadline": "Deadline window: open, closing within 30 days, or closed.",
            "level": "Level of the call.",
            "type": "Type of call.",
            "sector": "Cluster category code (see /taxonomies/sectors/).",
            "ecosystem": "Industrial ecosystem code (see /taxonomies/ecosystems/).",
            "technology": "Key enabling technology code (see /taxonomies/technologies/).",
            "sort": "Sort order.",
        },
        enums={
            "level": CallLevel.values,
            "type": CallType.values,
            "sort": list(CALLS.sort_labels),
        },
    ),
    *PAGE_PARAMETERS,
]


class CallListView(GenericAPIView):
    serializer_class = CallSummarySerializer
    queryset = Call.objects.none()

    @extend_schema(
        parameters=FILTER_PARAMETERS,
        responses={
            200: faceted_page("CallPage", CallSummarySerializer),
            400: ERROR,
            404: ERROR,
        },
        summary="Search published funding calls with the board's filters and facets",
        operation_id="calls_list",
    )
    def get(self, request):
        return faceted_list(self, CallFilterForm, CALLS.run)


def _call(request, slug: str, *, joint_only: bool = False) -> Call:
    """The call by slug or id, if the caller may see it (a draft only its poster and staff)."""
    found = Q(slug=slug)
    if slug.isascii() and slug.isdigit() and int(slug) < 2**63:  # a bigint id
        found |= Q(pk=int(slug))
    calls = lists.visible_calls().filter(found)
    if joint_only:
        calls = calls.filter(is_joint=True)
    call = calls.order_by("pk").first()
    if call is None or not request.user.has_perm("calls.view_call", call):
        raise NotFound(_("No call with this identifier."))
    return call


class CallDetailView(GenericAPIView):
    serializer_class = CallDetailSerializer
    queryset = Call.objects.none()

    @extend_schema(
        responses={200: CallDetailSerializer, 404: ERROR},
        summary="A funding call by slug or id; a joint call with its agencies and their rules",
    )
    def get(self, request, slug: str):
        call = _call(request, slug)
        context = {}
        if call.is_joint:
            context = {
                "agencies": joint.agencies_of(call),
                "submission_deadline": joint.submission_deadline(call),
                "accepts_proposals": joint.accepts_proposals(call, timezone.now()),
            }
        return Response(CallDetailSerializer(call, context=context).data)


class ProposalListView(GenericAPIView):
    serializer_class = CallProposalSerializer
    permission_classes = [IsAuthenticated]
    queryset = Proposal.objects.none()

    @extend_schema(
        parameters=PAGE_PARAMETERS,
        responses={200: CallProposalSerializer(many=True), 401: ERROR, 404: ERROR},
        summary="The proposals to a joint call you may see (consortium, agencies, staff)",
    )
    def get(self, request, slug: str):
        call = _call(request, slug, joint_only=True)
        page = self.paginate_queryset(joint.visible_proposals(request.user, call))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request=ProposalStartSerializer,
        responses={201: CallProposalSerializer, 400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR},
        summary="Start a proposal to an open joint call (people of a published cluster)",
    )
    def post(self, request, slug: str):
        call = _call(request, slug, joint_only=True)
        if not isinstance(request.data, dict):
            return error_response(_("The request body must be a JSON object."))
        serializer = ProposalStartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        coordinator = Organisation.objects.filter(slug=data.pop("coordinator")).first()
        if coordinator is None:
            return error_response(_("coordinator: no organisation with this slug."))
        # The service checks "calls.start_proposal" (403) and that the call is open (400).
        proposal = services.start_proposal(
            actor=request.user, call=call, coordinator=coordinator, **data
        )
        return Response(self.get_serializer(proposal).data, status=201)


# --- Evaluation -----------------------------------------------------------------------------------


def _assignment(request, pk: int) -> ReviewAssignment:
    assignment = (
        ReviewAssignment.objects.filter(pk=pk)
        .select_related("proposal__call", "reviewer")
        .prefetch_related("scores")
        .first()
    )
    if assignment is None or not request.user.has_perm("calls.review", assignment):
        raise NotFound(_("No review with this identifier."))
    assignment._criteria = evaluation_queries.criteria_of(assignment.proposal.call_id)
    return assignment


class ReviewListView(GenericAPIView):
    serializer_class = ReviewSerializer
    permission_classes = [IsAuthenticated]
    queryset = ReviewAssignment.objects.none()

    @extend_schema(
        parameters=PAGE_PARAMETERS,
        responses={200: ReviewSerializer(many=True), 401: ERROR},
        summary="The proposals you are asked to review",
    )
    def get(self, request):
        page = self.paginate_queryset(evaluation_queries.assignments_of(request.user))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class ReviewDetailView(GenericAPIView):
    serializer_class = ReviewDetailSerializer
    permission_classes = [IsAuthenticated]
    queryset = ReviewAssignment.objects.none()

    @extend_schema(
        responses={200: ReviewDetailSerializer, 401: ERROR, 404: ERROR},
        summary="One of your reviews: the call's criteria and your scores",
    )
    def get(self, request, pk: int):
        return Response(ReviewDetailSerializer(_assignment(request, pk)).data)


def _body(request):
    if not isinstance(request.data, dict):
        return None
    return request.data


class ReviewDeclarationView(GenericAPIView):
    serializer_class = DeclarationSerializer
    permission_classes = [IsAuthenticated]
    queryset = ReviewAssignment.objects.none()

    @extend_schema(
        request=DeclarationSerializer,
        responses={200: ReviewDetailSerializer, 400: ERROR, 401: ERROR, 404: ERROR},
        summary="Declare whether you have a conflict of interest (before reading the proposal)",
    )
    def post(self, request, pk: int):
        assignment = _assignment(request, pk)
        if _body(request) is None:
            return error_response(_("The request body must be a JSON object."))
        serializer = DeclarationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        evaluation_services.declare_interest(
            actor=request.user, assignment=assignment, **serializer.validated_data
        )
        # A declared conflict ends the review: the caller no longer sees it.
        declined = not request.user.has_perm("calls.review", ReviewAssignment.objects.get(pk=pk))
        if declined:
            return Response(status=204)
        return Response(ReviewDetailSerializer(_assignment(request, pk)).data)


class ReviewScoresView(GenericAPIView):
    serializer_class = ScoreSheetSerializer
    permission_classes = [IsAuthenticated]
    queryset = ReviewAssignment.objects.none()

    @extend_schema(
        request=ScoreSheetSerializer,
        responses={200: ReviewDetailSerializer, 400: ERROR, 401: ERROR, 404: ERROR},
        summary="Save your scores (a draft), or submit them with submit=true (final)",
    )
    def put(self, request, pk: int):
        assignment = _assignment(request, pk)
        if _body(request) is None:
            return error_response(_("The request body must be a JSON object."))
        serializer = ScoreSheetSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        sheet = {}
        for line in data["scores"]:
            if line["criterion"] in sheet:
                return error_response(_("Each criterion is scored once."))
            sheet[line["criterion"]] = (line["score"], line["comment"])
        evaluation_services.save_review(
            actor=request.user,
            assignment=assignment,
            sheet=sheet,
            comment=data["comment"],
            submit=data["submit"],
        )
        return Response(ReviewDetailSerializer(_assignment(request, pk)).data)


class RankingView(GenericAPIView):
    serializer_class = RankedProposalSerializer
    permission_classes = [IsAuthenticated]
    queryset = Proposal.objects.none()

    @extend_schema(
        parameters=PAGE_PARAMETERS,
        responses={200: RankedProposalSerializer(many=True), 401: ERROR, 404: ERROR},
        summary="A joint call's submitted proposals by consensus score (the call's agencies)",
    )
    def get(self, request, slug: str):
        call = _call(request, slug, joint_only=True)
        if not request.user.has_perm("calls.manage_evaluation", call):
            raise NotFound(_("No call with this identifier."))
        page = self.paginate_queryset(evaluation_queries.ranking(call))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class FiguresView(GenericAPIView):
    serializer_class = CallFiguresSerializer
    queryset = Call.objects.none()

    @extend_schema(
        responses={200: CallFiguresSerializer, 404: ERROR},
        summary="A joint call's figures: proposals, organisations, budgets (once it is closed)",
    )
    def get(self, request, slug: str):
        call = _call(request, slug, joint_only=True)
        if not (
            figures.figures_public(call, timezone.now())
            or request.user.has_perm("calls.manage_evaluation", call)
        ):
            raise NotFound(_("The figures are public once the call is closed."))
        return Response(CallFiguresSerializer(figures.call_figures(call)).data)
