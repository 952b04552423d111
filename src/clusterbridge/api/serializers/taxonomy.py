from rest_framework import serializers

from clusterbridge.taxonomy.models import (
    ClusterCategory,
    IndustrialEcosystem,
    NutsRegion,
    Technology,
)


class ClusterCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = ClusterCategory
        fields = ["code", "kind", "name"]


class EcosystemSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndustrialEcosystem
        fields = ["code", "name"]


class TechnologySerializer(serializers.ModelSerializer):
    class Meta:
        model = Technology
        fields = ["code", "name"]


class NutsRegionSerializer(serializers.ModelSerializer):
    # Countries (level 0) have no parent.
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = NutsRegion
        fields = ["code", "level", "name", "country_code", "parent"]


class CountrySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(max_length=256, trim_whitespace=False)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()
