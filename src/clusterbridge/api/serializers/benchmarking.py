from __future__ import annotations

from rest_framework import serializers

from clusterbridge.benchmarking.models import Assessment, Label


class LabelSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name")
    slug = serializers.CharField(source="organisation.slug")
    country = serializers.CharField(source="organisation.country.code")

    class Meta:
        model = Label
        fields = ["organisation", "slug", "country", "level", "valid_from", "valid_until"]


class AssessmentSerializer(serializers.ModelSerializer):
    indicator_set_version = serializers.IntegerField(source="indicator_set.version")
    report_url = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = [
            "id",
            "status",
            "indicator_set_version",
            "submitted_at",
            "validated_on",
            "overall_score",
            "dimension_scores",
            "report_url",
        ]

    def get_report_url(self, obj) -> str:
        return f"/api/v1/assessments/{obj.pk}/report/"
