"""Funding calls in the API: the public board (the list page's filters and facets), a call's
detail with the agencies and their rules of a joint call, and the proposals to a joint call —
those the caller may see, and starting one. Calls and proposals you may not see are 404."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from clusterbridge.api.exceptions import error_response
from clusterbridge.api.parsers import MultiPartParser
from clusterbridge.api.schema import ERROR, PAGE_PARAMETERS, faceted_page, form_parameters
from clusterbridge.api.serializers.calls import (
    AttachmentUploadSerializer,
    CallDetailSerializer,
    CallFiguresSerializer,
    CallProposalSerializer,
    CallSummarySerializer,
    ContentWriteSerializer,
    DeclarationSerializer,
    PartnerWriteSerializer,
    ProposalAttachmentSerializer,
    ProposalDetailSerializer,
    ProposalStartSerializer,
    RankedProposalSerializer,
    ReviewDetailSerializer,
    ReviewSerializer,
    ScoreSheetSerializer,
)
from clusterbridge.api.views.lists import faceted_list
from clusterbridge.calls import wording
from clusterbridge.calls.forms import CallFilterForm
from clusterbridge.calls.models import (
    Call,
    CallAgency,
    CallLevel,
    CallType,
    Proposal,
    ProposalAttachment,
    ProposalPartner,
    ReviewAssignment,
)
from clusterbridge.calls.queries import evaluation as evaluation_queries
from clusterbridge.calls.queries import figures, joint, lists
from clusterbridge.calls.queries.search import CALLS
from clusterbridge.calls.services import evaluation as evaluation_services
from clusterbridge.calls.services import proposals as services
from clusterbridge.common import audit
from clusterbridge.common.downloads import private_file
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


# --- One proposal: detail, partners, content, attachments, submission ------------------------------


def _proposal(request, pk: int) -> Proposal:
    """The proposal if the caller may see it (its consortium; once submitted the call's
    agencies, its reviewers, staff); anyone else gets a 404."""
    proposal = (
        Proposal.objects.filter(pk=pk).select_related("call", "coordinator", "submitted_by").first()
    )
    if proposal is None or not request.user.has_perm("calls.view_proposal", proposal):
        raise NotFound(_("No proposal with this identifier."))
    return proposal


def _detail(proposal: Proposal, *, status: int = 200) -> Response:
    proposal = Proposal.objects.select_related("call", "coordinator").get(pk=proposal.pk)
    agencies = joint.agencies_of(proposal.call)
    partners = joint.partners_of(proposal)
    check = joint.check(proposal, partners=partners, agencies=agencies)
    names = {a.pk: a.organisation.name for a in agencies}
    context = {
        "partners": partners,
        "failures": {
            p.pk: [
                wording.failure(f, agency_name=names.get(p.agency_id, ""))
                for f in check.partners.get(p.pk, ())
            ]
            for p in partners
        },
        "all_failures": services.failures_in_words(proposal),
        "content": joint.content_of(proposal),
        "attachments": joint.attachments_of(proposal),
        "sha256": services.receipt_digest(proposal) if proposal.submitted_at else None,
    }
    return Response(ProposalDetailSerializer(proposal, context=context).data, status=status)


def _organisations(slugs, field: str) -> list[Organisation]:
    """Organisations by slug, in the order given; an unknown slug is a 400 naming it."""
    found = {o.slug: o for o in Organisation.objects.filter(slug__in=list(slugs))}
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        raise DjangoValidationError(
            _("{field}: no organisation with the slug “{slug}”.").format(
                field=field, slug=missing[0]
            )
        )
    return [found[slug] for slug in slugs]


class ProposalDetailView(GenericAPIView):
    serializer_class = ProposalDetailSerializer
    permission_classes = [IsAuthenticated]
    queryset = Proposal.objects.none()

    @extend_schema(
        responses={200: ProposalDetailSerializer, 401: ERROR, 404: ERROR},
        summary="A proposal with its partners, content, attachments and failing rules in words",
    )
    def get(self, request, pk: int):
        return _detail(_proposal(request, pk))


class ProposalPartnersView(GenericAPIView):
    serializer_class = PartnerWriteSerializer
    permission_classes = [IsAuthenticated]
    queryset = Proposal.objects.none()

    @extend_schema(
        request=PartnerWriteSerializer,
        responses={200: ProposalDetailSerializer, 400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR},
        summary="Add a partner to a draft's consortium, or change its agency and amounts "
        "(the coordinator's people)",
    )
    def put(self, request, pk: int):
        proposal = _proposal(request, pk)
        if _body(request) is None:
            return error_response(_("The request body must be a JSON object."))
        serializer = PartnerWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        (organisation,) = _organisations([data.pop("organisation")], "organisation")
        agency = (
            CallAgency.objects.filter(pk=data.pop("agency"), call_id=proposal.call_id)
            .select_related("organisation")
            .first()
        )
        if agency is None:
            return error_response(_("agency: this agency does not take part in the call."))
        # The service checks "calls.change_proposal" (403), the draft and the deadline (400).
        services.set_partner(
            actor=request.user, proposal=proposal, organisation=organisation, agency=agency, **data
        )
        return _detail(proposal)


class ProposalPartnerView(GenericAPIView):
    serializer_class = ProposalDetailSerializer
    permission_classes = [IsAuthenticated]
    queryset = Proposal.objects.none()

    @extend_schema(
        request=None,
        responses={204: None, 400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR},
        summary="Remove a partner from a draft's consortium (the coordinator's people)",
    )
    def delete(self, request, pk: int, partner_pk: int):
        proposal = _proposal(request, pk)
        partner = (
            ProposalPartner.objects.filter(pk=partner_pk, proposal=proposal)
            .select_related("organisation")
            .first()
        )
        if partner is None:
            raise NotFound(_("No partner with this identifier in the proposal."))
        services.remove_partner(actor=request.user, partner=partner)
        return Response(status=204)


class ProposalContentView(GenericAPIView):
    serializer_class = ContentWriteSerializer
    permission_classes = [IsAuthenticated]
    queryset = Proposal.objects.none()

    @extend_schema(
        request=ContentWriteSerializer,
        responses={200: ProposalDetailSerializer, 400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR},
        summary="Set a draft's targeted clusters, SMEs involved and activities",
    )
    def put(self, request, pk: int):
        proposal = _proposal(request, pk)
        if _body(request) is None:
            return error_response(_("The request body must be a JSON object."))
        serializer = ContentWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.update_content(
            actor=request.user,
            proposal=proposal,
            targeted_clusters=_organisations(data["targeted_clusters"], "targeted_clusters"),
            smes_involved=data["smes_involved"],
            sme_organisations=_organisations(data["sme_organisations"], "sme_organisations"),
            activities=data["activities"],
        )
        return _detail(proposal)


class ProposalSubmitView(GenericAPIView):
    serializer_class = ProposalDetailSerializer
    permission_classes = [IsAuthenticated]
    queryset = Proposal.objects.none()

    @extend_schema(
        request=None,
        responses={200: ProposalDetailSerializer, 400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR},
        summary="Submit a draft (final): refused after the deadline and while a rule fails",
    )
    def post(self, request, pk: int):
        proposal = _proposal(request, pk)
        services.submit_proposal(actor=request.user, proposal=proposal)
        return _detail(proposal)


class ProposalAttachmentsView(GenericAPIView):
    serializer_class = ProposalAttachmentSerializer
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]
    queryset = ProposalAttachment.objects.none()

    @extend_schema(
        responses={200: ProposalAttachmentSerializer(many=True), 401: ERROR, 404: ERROR},
        summary="A proposal's attachments",
    )
    def get(self, request, pk: int):
        proposal = _proposal(request, pk)
        return Response(
            ProposalAttachmentSerializer(joint.attachments_of(proposal), many=True).data
        )

    @extend_schema(
        request={"multipart/form-data": AttachmentUploadSerializer},
        responses={
            201: ProposalAttachmentSerializer,
            400: ERROR,
            401: ERROR,
            403: ERROR,
            404: ERROR,
        },
        summary="Attach a document to a draft (the coordinator's people); multipart/form-data "
        "with the file in “file”",
    )
    def post(self, request, pk: int):
        proposal = _proposal(request, pk)
        serializer = AttachmentUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        attachment = services.add_attachment(
            actor=request.user, proposal=proposal, upload=serializer.validated_data["file"]
        )
        return Response(ProposalAttachmentSerializer(attachment).data, status=201)


class ProposalAttachmentView(GenericAPIView):
    serializer_class = ProposalAttachmentSerializer
    permission_classes = [IsAuthenticated]
    queryset = ProposalAttachment.objects.none()

    def _attachment(self, request, pk: int, attachment_pk: int) -> ProposalAttachment:
        proposal = _proposal(request, pk)
        found = ProposalAttachment.objects.filter(pk=attachment_pk, proposal=proposal).first()
        if found is None:
            raise NotFound(_("No attachment with this identifier in the proposal."))
        found.proposal = proposal
        return found

    @extend_schema(
        responses={(200, "application/octet-stream"): bytes, 401: ERROR, 404: ERROR},
        summary="Download an attachment (whoever may see the proposal)",
    )
    def get(self, request, pk: int, attachment_pk: int):
        found = self._attachment(request, pk, attachment_pk)
        audit.record_export(
            actor=request.user,
            action="calls.attachment_downloaded",
            obj=found.proposal,
            organisation=found.proposal.coordinator_id,
            changes={"file": found.original_name},
        )
        return private_file(
            found.file,
            content_type=found.content_type,
            filename=found.original_name,
            missing_message=_("The file of this attachment is missing."),
        )

    @extend_schema(
        request=None,
        responses={204: None, 400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR},
        summary="Remove an attachment from a draft (the coordinator's people)",
    )
    def delete(self, request, pk: int, attachment_pk: int):
        found = self._attachment(request, pk, attachment_pk)
        services.remove_attachment(actor=request.user, attachment=found)
        return Response(status=204)


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
