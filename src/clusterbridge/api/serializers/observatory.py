"""The observatory's API shapes: datasets with their series, and indicator rows."""

from __future__ import annotations

from rest_framework import serializers

from clusterbridge.observatory.models import Dataset, Series


class SeriesSerializer(serializers.ModelSerializer):
    class Meta:
        model = Series
        fields = [
            "measure",
            "unit",
            "source_code",
            "source_unit",
            "selection",
            "value_count",
            "flags",
        ]


class DatasetSerializer(serializers.ModelSerializer):
    series = SeriesSerializer(many=True, read_only=True)
    demo_data = serializers.BooleanField(source="is_demo", read_only=True)
    years = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    measures = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Dataset
        fields = [
            "slug",
            "name",
            "source",
            "source_url",
            "licence",
            "description",
            "basis",
            "mapping_name",
            "approximate_mapping",
            "version",
            "imported_at",
            "years",
            "measures",
            "region_count",
            "category_count",
            "cell_count",
            "is_default",
            "demo_data",
            "series",
        ]


class IndicatorSerializer(serializers.Serializer):
    """A region's figures and indicators in a category and year (``queries.statistics.Row``)."""

    region = serializers.CharField(source="region_code")
    region_name = serializers.CharField()
    category = serializers.CharField(source="category_code")
    category_name = serializers.SerializerMethodField()
    year = serializers.IntegerField(source="indicator.year")
    employment = serializers.FloatField(source="indicator.employment", allow_null=True)
    enterprises = serializers.FloatField(source="indicator.enterprises", allow_null=True)
    wages = serializers.FloatField(source="indicator.wages", allow_null=True)
    gva = serializers.FloatField(source="indicator.gva", allow_null=True)
    share = serializers.FloatField(source="indicator.share", allow_null=True)
    lq = serializers.FloatField(source="indicator.lq", allow_null=True)
    productivity = serializers.FloatField(source="indicator.productivity", allow_null=True)
    size_rank = serializers.IntegerField(source="indicator.size_rank", allow_null=True)
    stars = serializers.IntegerField(source="indicator.stars")
    size_star = serializers.BooleanField(source="indicator.size_star")
    specialisation_star = serializers.BooleanField(source="indicator.specialisation_star")
    focus_star = serializers.BooleanField(source="indicator.focus_star")
    productivity_star = serializers.BooleanField(source="indicator.productivity_star")
    flags = serializers.CharField()

    def get_category_name(self, row) -> str:
        return row.category.display_name if row.category else row.category_code


class ComparedCategorySerializer(serializers.Serializer):
    category = serializers.CharField(source="category.code")
    category_name = serializers.CharField(source="category.display_name")
    regions = IndicatorSerializer(many=True, allow_null=True)
