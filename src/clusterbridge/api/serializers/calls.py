from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from clusterbridge.calls import validators, wording
from clusterbridge.calls.models import (
    Activity,
    Call,
    CallAgency,
    CallStage,
    Proposal,
    ProposalAttachment,
    ProposalPartner,
)


@extend_schema_field(serializers.ListField(child=serializers.CharField()))
class _Codes(serializers.Field):
    """A django-countries multiple field as a list of ISO codes."""

    def to_representation(self, value):
        return [str(country.code) for country in value]


class CallStageSerializer(serializers.ModelSerializer):
    class Meta:
        model = CallStage
        fields = ["number", "name", "deadline"]


class CallSummarySerializer(serializers.ModelSerializer):
    funders = serializers.CharField(source="funder_names")
    level = serializers.CharField()
    type = serializers.CharField(source="kind")
    poster = serializers.CharField(source="organisation.slug", allow_null=True, default=None)
    stages = CallStageSerializer(many=True, read_only=True)
    sectors = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = Call
        fields = [
            "id",
            "slug",
            "title",
            "programme",
            "funders",
            "poster",
            "level",
            "type",
            "is_joint",
            "next_deadline",
            "stages",
            "budget_eur",
            "funding_rate",
            "sectors",
            "url",
        ]


class CallAgencySerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.slug")
    name = serializers.CharField(source="organisation.name")
    beneficiary_kinds = serializers.ListField(child=serializers.CharField())
    countries = _Codes()
    regions = serializers.ListField(child=serializers.CharField())
    rules = serializers.SerializerMethodField()

    class Meta:
        model = CallAgency
        fields = [
            "id",
            "organisation",
            "name",
            "budget_eur",
            "beneficiary_kinds",
            "countries",
            "regions",
            "max_grant_eur",
            "funding_rate",
            "rules",
        ]

    def get_rules(self, obj) -> list[str]:
        """The agency's rules in words, in the request's language."""
        return [str(line) for line in wording.rules_in_words(obj)]


class CallDetailSerializer(CallSummarySerializer):
    status = serializers.CharField()
    eligible_kinds = serializers.ListField(child=serializers.CharField())
    eligible_countries = _Codes()
    ecosystems = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    technologies = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    activities = serializers.ListField(
        child=serializers.ChoiceField(choices=Activity.choices),
        help_text="Joint calls: the activities the proposals may plan (empty: every activity).",
    )
    submission_deadline = serializers.SerializerMethodField()
    accepts_proposals = serializers.SerializerMethodField()
    agencies = serializers.SerializerMethodField()

    class Meta(CallSummarySerializer.Meta):
        fields = [
            *CallSummarySerializer.Meta.fields,
            "status",
            "summary",
            "link",
            "eligible_kinds",
            "eligible_countries",
            "ecosystems",
            "technologies",
            "published_at",
            "submission_deadline",
            "accepts_proposals",
            "activities",
            "agencies",
        ]

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_submission_deadline(self, obj):
        """Joint calls: proposals are due at the first stage's deadline (null otherwise)."""
        return self.context.get("submission_deadline")

    def get_accepts_proposals(self, obj) -> bool:
        return self.context.get("accepts_proposals", False)

    @extend_schema_field(CallAgencySerializer(many=True))
    def get_agencies(self, obj):
        """Joint calls: the participating agencies with their own rules (empty otherwise)."""
        return CallAgencySerializer(self.context.get("agencies", []), many=True).data


class CallProposalSerializer(serializers.ModelSerializer):
    call = serializers.CharField(source="call.slug")
    coordinator = serializers.CharField(source="coordinator.slug")
    coordinator_name = serializers.CharField(source="coordinator.name")
    status = serializers.CharField()
    reference = serializers.CharField()
    url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = Proposal
        fields = [
            "id",
            "reference",
            "call",
            "title",
            "summary",
            "coordinator",
            "coordinator_name",
            "status",
            "version",
            "created_at",
            "updated_at",
            "submitted_at",
            "url",
        ]


class ProposalPartnerSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.slug")
    name = serializers.CharField(source="organisation.name")
    kind = serializers.CharField(source="organisation.kind")
    country = serializers.CharField(source="organisation.country.code")
    agency_name = serializers.CharField(source="agency.organisation.name")
    failures = serializers.SerializerMethodField()

    class Meta:
        model = ProposalPartner
        fields = [
            "id",
            "organisation",
            "name",
            "kind",
            "country",
            "agency",
            "agency_name",
            "budget_eur",
            "grant_eur",
            "failures",
        ]

    def get_failures(self, obj) -> list[str]:
        """The partner's failing rules of its agency, in words (empty: eligible)."""
        return [str(line) for line in self.context.get("failures", {}).get(obj.pk, [])]


class ProposalAttachmentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name")
    url = serializers.SerializerMethodField()

    class Meta:
        model = ProposalAttachment
        fields = ["id", "name", "content_type", "size", "sha256", "created_at", "url"]

    def get_url(self, obj) -> str:
        """The download in the API (the same permission check as the web's)."""
        return f"/api/v1/calls/proposals/{obj.proposal_id}/attachments/{obj.pk}/"


class _Organisation(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class ProposalDetailSerializer(CallProposalSerializer):
    partners = serializers.SerializerMethodField()
    targeted_clusters = serializers.SerializerMethodField()
    smes_involved = serializers.IntegerField()
    sme_organisations = serializers.SerializerMethodField()
    activities = serializers.ListField(child=serializers.ChoiceField(choices=Activity.choices))
    attachments = serializers.SerializerMethodField()
    eligible = serializers.SerializerMethodField()
    failures = serializers.SerializerMethodField()
    receipt_url = serializers.SerializerMethodField()
    submitted_sha256 = serializers.SerializerMethodField()

    class Meta(CallProposalSerializer.Meta):
        fields = [
            *CallProposalSerializer.Meta.fields,
            "partners",
            "targeted_clusters",
            "smes_involved",
            "sme_organisations",
            "activities",
            "attachments",
            "eligible",
            "failures",
            "receipt_url",
            "submitted_sha256",
        ]

    @extend_schema_field(ProposalPartnerSerializer(many=True))
    def get_partners(self, obj):
        return ProposalPartnerSerializer(
            self.context["partners"], many=True, context=self.context
        ).data

    @extend_schema_field(_Organisation(many=True))
    def get_targeted_clusters(self, obj):
        """Other cluster organisations the proposal reaches (not partners)."""
        return [{"slug": o.slug, "name": o.name} for o in self.context["content"].targeted_clusters]

    @extend_schema_field(_Organisation(many=True))
    def get_sme_organisations(self, obj):
        """The SMEs involved that are on the platform."""
        return [{"slug": o.slug, "name": o.name} for o in self.context["content"].sme_organisations]

    @extend_schema_field(ProposalAttachmentSerializer(many=True))
    def get_attachments(self, obj):
        return ProposalAttachmentSerializer(self.context["attachments"], many=True).data

    def get_eligible(self, obj) -> bool:
        """Every partner passes its agency's rules (a draft may then be submitted)."""
        return not self.context["all_failures"]

    def get_failures(self, obj) -> list[str]:
        """Every failing rule of the proposal in words, in the request's language."""
        return [str(line) for line in self.context["all_failures"]]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_receipt_url(self, obj):
        """The PDF receipt of a submitted proposal (null for a draft)."""
        return None if obj.submitted_at is None else f"/calls/proposals/{obj.pk}/receipt.pdf"

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_submitted_sha256(self, obj):
        """SHA-256 of the submitted version's snapshot, as on the receipt (null for a draft)."""
        return self.context.get("sha256")


class PartnerWriteSerializer(serializers.Serializer):
    """The web's "Add or change a partner" form: an organisation already in the consortium
    gets the new agency and amounts."""

    organisation = serializers.SlugField(help_text="Slug of a published organisation.")
    agency = serializers.IntegerField(help_text="Id of one of the call's agencies.")
    budget_eur = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)
    grant_eur = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)


class ContentWriteSerializer(serializers.Serializer):
    """What the proposal reaches; the lists replace the current ones."""

    targeted_clusters = serializers.ListField(
        child=serializers.SlugField(),
        required=False,
        default=list,
        max_length=validators.MAX_TARGETED_CLUSTERS,
        help_text="Slugs of other published cluster organisations (not partners).",
    )
    smes_involved = serializers.IntegerField(
        min_value=0, max_value=validators.MAX_SMES_INVOLVED, help_text="How many SMEs."
    )
    sme_organisations = serializers.ListField(
        child=serializers.SlugField(),
        required=False,
        default=list,
        max_length=validators.MAX_SME_ORGANISATIONS,
        help_text="Slugs of published SMEs on the platform (at most smes_involved).",
    )
    activities = serializers.ListField(
        child=serializers.ChoiceField(choices=Activity.choices),
        required=False,
        default=list,
        help_text="Among the activities the call accepts.",
    )


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text=f"PDF or office document, at most "
        f"{validators.ATTACHMENT_MAX_BYTES // (1024 * 1024)} MB."
    )


class ProposalStartSerializer(serializers.Serializer):
    """The web's "Prepare a proposal" form, with the same validators."""

    coordinator = serializers.SlugField(
        help_text="Slug of the published cluster organisation (yours) that submits it."
    )
    title = serializers.CharField(
        max_length=validators.TITLE_LIMIT, validators=[validators.validate_title]
    )
    summary = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        validators=[validators.validate_summary],
        help_text=f"At most {validators.SUMMARY_LIMIT:,} characters.",
    )


# --- Evaluation ----------------------------------------------------------------------------------


class CriterionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField()
    weight = serializers.DecimalField(max_digits=5, decimal_places=2)
    max_score = serializers.IntegerField()


class ScoreSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(help_text="The criterion's id.")
    score = serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        allow_null=True,
        required=False,
        default=None,
        help_text="From 0 to the criterion's max_score, in steps of 0.5; null: not scored yet.",
    )
    comment = serializers.CharField(
        required=False, allow_blank=True, default="", validators=[validators.validate_summary]
    )


class ReviewSerializer(serializers.Serializer):
    """A reviewer's assignment: the proposal it is about, the declaration, the scores."""

    id = serializers.IntegerField()
    proposal = serializers.IntegerField(source="proposal_id")
    reference = serializers.CharField(source="proposal.reference")
    title = serializers.CharField(source="proposal.title")
    call = serializers.CharField(source="proposal.call.slug")
    state = serializers.CharField()
    declared_at = serializers.DateTimeField(allow_null=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    comment = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, assignment) -> str:
        return f"/calls/reviews/{assignment.pk}/"


class ReviewDetailSerializer(ReviewSerializer):
    criteria = CriterionSerializer(many=True, source="_criteria")
    scores = serializers.SerializerMethodField()

    @extend_schema_field(ScoreSerializer(many=True))
    def get_scores(self, assignment):
        return [
            {"criterion": s.criterion_id, "score": str(s.score), "comment": s.comment}
            for s in assignment.scores.all()
        ]


class DeclarationSerializer(serializers.Serializer):
    has_conflict = serializers.BooleanField(
        help_text="true: you have a conflict of interest (the assignment is declined)."
    )
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        validators=[validators.validate_summary],
        help_text="What the conflict is (needed when has_conflict is true).",
    )


class ScoreSheetSerializer(serializers.Serializer):
    scores = ScoreSerializer(many=True)
    comment = serializers.CharField(
        required=False, allow_blank=True, default="", validators=[validators.validate_summary]
    )
    submit = serializers.BooleanField(
        default=False, help_text="true: submit the review (final; every criterion scored)."
    )


class RankedProposalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    title = serializers.CharField()
    coordinator = serializers.CharField(source="coordinator.slug")
    reviews_submitted = serializers.IntegerField()
    reviews_assigned = serializers.IntegerField()
    score = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    rank = serializers.IntegerField(allow_null=True)
    status = serializers.CharField()
    decision = serializers.CharField(source="decision_reason")


class AgencyFiguresSerializer(serializers.Serializer):
    name = serializers.CharField()
    budget_eur = serializers.DecimalField(max_digits=14, decimal_places=2)
    requested_eur = serializers.DecimalField(max_digits=14, decimal_places=2)
    granted_eur = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    oversubscription = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)


class CallFiguresSerializer(serializers.Serializer):
    proposals = serializers.IntegerField()
    organisations = serializers.IntegerField()
    clusters = serializers.IntegerField(
        help_text="Cluster organisations reached: the targeted clusters and the consortia's own."
    )
    targeted_clusters = serializers.IntegerField(
        help_text="Distinct targeted clusters of the submitted proposals."
    )
    smes = serializers.IntegerField(help_text="SMEs in the consortia.")
    smes_involved = serializers.IntegerField(
        help_text="SMEs the submitted proposals involve, summed."
    )
    research = serializers.IntegerField()
    countries = serializers.ListField(child=serializers.CharField())
    decided = serializers.BooleanField()
    funded = serializers.IntegerField()
    success_rate = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    agencies = AgencyFiguresSerializer(many=True)
