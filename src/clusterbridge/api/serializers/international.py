from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from clusterbridge.international.models import Arrangement, CountryPage, Gateway


class CountryPageSummarySerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code")
    sectors = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = CountryPage
        fields = [
            "slug",
            "country",
            "name",
            "priority",
            "sectors",
            "capital",
            "latitude",
            "longitude",
            "url",
        ]


class ArrangementSerializer(serializers.ModelSerializer):
    document_url = serializers.SerializerMethodField()

    class Meta:
        model = Arrangement
        fields = ["id", "title", "counterpart", "signed_on", "scope", "document_url"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_document_url(self, arrangement) -> str | None:
        if not arrangement.document:
            return None
        return reverse(
            "international:document",
            kwargs={"slug": self.context["page"].slug, "pk": arrangement.pk},
        )


class GatewaySerializer(serializers.ModelSerializer):
    class Meta:
        model = Gateway
        fields = ["id", "name", "url", "description", "contact_email"]


class CountryPageDetailSerializer(CountryPageSummarySerializer):
    arrangements = serializers.SerializerMethodField()
    gateways = serializers.SerializerMethodField()

    class Meta(CountryPageSummarySerializer.Meta):
        fields = [*CountryPageSummarySerializer.Meta.fields, "summary", "arrangements", "gateways"]

    @extend_schema_field(ArrangementSerializer(many=True))
    def get_arrangements(self, page):
        return ArrangementSerializer(
            self.context["arrangements"], many=True, context={"page": page}
        ).data

    @extend_schema_field(GatewaySerializer(many=True))
    def get_gateways(self, page):
        return GatewaySerializer(self.context["gateways"], many=True).data
