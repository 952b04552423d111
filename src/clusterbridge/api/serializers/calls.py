from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from clusterbridge.calls import validators, wording
from clusterbridge.calls.models import Call, CallAgency, CallStage, Proposal


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
    clusters = serializers.IntegerField()
    smes = serializers.IntegerField()
    research = serializers.IntegerField()
    countries = serializers.ListField(child=serializers.CharField())
    decided = serializers.BooleanField()
    funded = serializers.IntegerField()
    success_rate = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    agencies = AgencyFiguresSerializer(many=True)
