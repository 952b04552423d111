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
    CallProposalSerializer,
    CallSummarySerializer,
    ProposalStartSerializer,
)
from clusterbridge.api.views.lists import faceted_list
from clusterbridge.calls.forms import CallFilterForm
from clusterbridge.calls.models import Call, CallLevel, CallType, Proposal
from clusterbridge.calls.queries import joint, lists
from clusterbridge.calls.queries.search import CALLS
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
