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
