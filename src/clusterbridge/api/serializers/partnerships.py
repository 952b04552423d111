from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from clusterbridge.partnerships.models import (
    ForumPost,
    ForumThread,
    Partnership,
    PartnershipMember,
    SuccessStory,
)


@extend_schema_field(serializers.ListField(child=serializers.CharField()))
class _Codes(serializers.Field):
    """A django-countries multiple field as a list of ISO codes."""

    def to_representation(self, value):
        return [str(country.code) for country in value]


class PartnershipSummarySerializer(serializers.ModelSerializer):
    type = serializers.CharField(source="kind")
    coordinator = serializers.CharField(source="coordinator.slug")
    coordinator_name = serializers.CharField(source="coordinator.name")
    sectors = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    target_countries = _Codes()
    url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = Partnership
        fields = [
            "slug",
            "name",
            "acronym",
            "type",
            "coordinator",
            "coordinator_name",
            "sectors",
            "target_countries",
            "url",
        ]


class MemberSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.slug")
    name = serializers.CharField(source="organisation.name")
    country = serializers.CharField(source="organisation.country.code")

    class Meta:
        model = PartnershipMember
        fields = ["organisation", "name", "country", "role"]


class StorySerializer(serializers.ModelSerializer):
    partnership = serializers.CharField(source="partnership.slug")
    country = serializers.CharField(source="country.code", allow_null=True)
    organisations = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = SuccessStory
        fields = [
            "id",
            "partnership",
            "title",
            "story",
            "result_type",
            "country",
            "happened_on",
            "organisations",
            "smes_involved",
        ]


class PartnershipDetailSerializer(PartnershipSummarySerializer):
    ecosystems = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    status = serializers.CharField()
    members = serializers.SerializerMethodField()
    stories = serializers.SerializerMethodField()

    class Meta(PartnershipSummarySerializer.Meta):
        fields = [
            *PartnershipSummarySerializer.Meta.fields,
            "status",
            "programme",
            "call",
            "starts_on",
            "ends_on",
            "budget_eur",
            "ecosystems",
            "objectives",
            "website",
            "members",
            "stories",
        ]

    def get_members(self, obj) -> list[dict]:
        return MemberSerializer(self.context["members"], many=True).data

    def get_stories(self, obj) -> list[dict]:
        return StorySerializer(self.context["stories"], many=True).data


class ThreadSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.name", allow_null=True, default=None)

    class Meta:
        model = ForumThread
        fields = ["id", "title", "author", "created_at", "last_post_at", "post_count"]


class PostSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.name", allow_null=True, default=None)

    class Meta:
        model = ForumPost
        fields = ["id", "author", "body", "created_at"]
