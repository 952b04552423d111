from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from clusterbridge.partnerships import validators
from clusterbridge.partnerships.models import (
    DocumentCategory,
    DocumentVisibility,
    ForumPost,
    ForumThread,
    Partnership,
    PartnershipDocument,
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


class DocumentSerializer(serializers.ModelSerializer):
    """A document of a partnership's library; ``download`` is the API's permission-checked
    file address, ``url`` the web's."""

    partnership = serializers.SerializerMethodField()
    file_name = serializers.CharField(source="original_name")
    uploaded_by = serializers.CharField(source="uploaded_by.name", allow_null=True, default=None)
    url = serializers.SerializerMethodField()
    download = serializers.SerializerMethodField()

    class Meta:
        model = PartnershipDocument
        fields = [
            "id",
            "partnership",
            "title",
            "description",
            "category",
            "visibility",
            "dated_on",
            "file_name",
            "content_type",
            "size",
            "uploaded_by",
            "created_at",
            "url",
            "download",
        ]

    def _slug(self, obj) -> str:
        return self.context.get("slug") or obj.partnership.slug

    def get_partnership(self, obj) -> str:
        return self._slug(obj)

    def get_url(self, obj) -> str:
        return reverse("partnerships:document_file", kwargs={"slug": self._slug(obj), "pk": obj.pk})

    def get_download(self, obj) -> str:
        return reverse(
            "api:partnership_document_file", kwargs={"slug": self._slug(obj), "pk": obj.pk}
        )


class DocumentUploadSerializer(serializers.Serializer):
    """A new document, sent as multipart/form-data; the file is checked like every upload of
    the platform (real type from its content, size, archive and image bombs)."""

    title = serializers.CharField(max_length=validators.TITLE_LIMIT)
    category = serializers.ChoiceField(choices=DocumentCategory.choices)
    visibility = serializers.ChoiceField(
        choices=DocumentVisibility.choices, default=DocumentVisibility.MEMBERS
    )
    dated_on = serializers.DateField(required=False, allow_null=True, default=None)
    description = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        validators=[validators.validate_document_description],
    )
    file = serializers.FileField(validators=[validators.validate_document_file])
