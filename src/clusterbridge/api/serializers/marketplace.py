from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django_countries import countries
from rest_framework import serializers

from clusterbridge.common.languages import CONTENT_LANGUAGE_CODES
from clusterbridge.marketplace.models import (
    DevelopmentStage,
    IprStatus,
    Opportunity,
    OpportunityKind,
)
from clusterbridge.marketplace.validators import (
    DESCRIPTION_MAX,
    clean_keywords,
    validate_deadline,
    validate_description,
    validate_opportunity,
    validate_partnership_types,
)
from clusterbridge.taxonomy.models import ClusterCategory, Technology


def _django(validator, *args, **kwargs):
    try:
        return validator(*args, **kwargs)
    except DjangoValidationError as exc:
        raise serializers.ValidationError(exc.messages) from exc


class OpportunitySerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    country = serializers.CharField(source="country.code", read_only=True)
    sectors = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    technologies = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    target_countries = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Opportunity
        fields = [
            "reference",
            "kind",
            "status",
            "title",
            "summary",
            "description",
            "description_language",
            "organisation",
            "country",
            "sectors",
            "technologies",
            "keywords",
            "target_countries",
            "partnership_types",
            "development_stage",
            "ipr_status",
            "deadline",
            "published_at",
            "expires_at",
            "url",
        ]

    def get_target_countries(self, obj) -> list[str]:
        return [c.code for c in obj.target_countries]

    def get_url(self, obj) -> str:
        return obj.get_absolute_url()


class OpportunityWriteSerializer(serializers.Serializer):
    organisation = serializers.SlugField(
        required=False, help_text="Slug of the organisation you post for (create only)."
    )
    publish = serializers.BooleanField(required=False, default=False)
    kind = serializers.ChoiceField(choices=OpportunityKind.choices)
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(max_length=500)
    description = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        validators=[validate_description],
        help_text=f"At most {DESCRIPTION_MAX:,} characters.",
    )
    description_language = serializers.ChoiceField(
        choices=CONTENT_LANGUAGE_CODES,
        required=False,
        allow_blank=True,
        default="",
        help_text="ISO 639-1 code of the language the texts are written in.",
    )
    sectors = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=ClusterCategory.objects.all(), required=False
    )
    technologies = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Technology.objects.all(), required=False
    )
    keywords = serializers.ListField(child=serializers.CharField(), required=False)
    target_countries = serializers.ListField(
        child=serializers.ChoiceField(choices=list(countries)), required=False
    )
    partnership_types = serializers.ListField(child=serializers.CharField(), required=False)
    development_stage = serializers.ChoiceField(
        choices=DevelopmentStage.choices, required=False, allow_blank=True
    )
    ipr_status = serializers.ChoiceField(
        choices=IprStatus.choices, required=False, allow_blank=True
    )
    deadline = serializers.DateField(required=False, allow_null=True)

    def validate_keywords(self, value):
        return _django(clean_keywords, value)

    def validate_partnership_types(self, value):
        return _django(validate_partnership_types, value)

    def validate_deadline(self, value):
        _django(validate_deadline, value)
        return value

    def validate(self, attrs):
        merged = dict(attrs)
        if self.instance is not None:
            merged.setdefault("kind", self.instance.kind)
            for name in ("development_stage", "ipr_status"):
                merged.setdefault(name, getattr(self.instance, name))
        try:
            validate_opportunity(merged)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from exc
        return attrs
