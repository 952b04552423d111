from __future__ import annotations

from rest_framework import serializers


class CountryAudienceSerializer(serializers.Serializer):
    country = serializers.CharField(help_text='ISO 3166 code; "" when unknown.')
    sessions = serializers.IntegerField()
    share = serializers.DecimalField(
        max_digits=5, decimal_places=1, help_text="Percent of the period's sessions."
    )
    views = serializers.IntegerField()


class KeyCountSerializer(serializers.Serializer):
    key = serializers.CharField()
    views = serializers.IntegerField()


class DayAudienceSerializer(serializers.Serializer):
    day = serializers.DateField()
    views = serializers.IntegerField()
    sessions = serializers.IntegerField()


class AudienceSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    views = serializers.IntegerField()
    sessions = serializers.IntegerField()
    countries = CountryAudienceSerializer(many=True)
    pages = KeyCountSerializer(many=True)
    referrers = KeyCountSerializer(many=True)
    days = DayAudienceSerializer(many=True)

    def to_representation(self, instance):
        return {
            "start": instance.start,
            "end": instance.end,
            "views": instance.views,
            "sessions": instance.sessions,
            "countries": CountryAudienceSerializer(instance.countries, many=True).data,
            "pages": [{"key": k, "views": v} for k, v in instance.pages],
            "referrers": [{"key": k, "views": v} for k, v in instance.referrers],
            "days": [{"day": d, "views": v, "sessions": s} for d, v, s in instance.days],
        }
