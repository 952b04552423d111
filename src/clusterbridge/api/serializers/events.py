from __future__ import annotations

from rest_framework import serializers

from clusterbridge.events.models import Event, Meeting, MeetingRequest, Registration


class EventSerializer(serializers.ModelSerializer):
    organiser = serializers.CharField(source="organiser.name", read_only=True)
    country = serializers.CharField(read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Event
        fields = ["slug", "title", "kind", "format", "start", "end", "timezone", "venue", "city",
                  "country", "organiser", "capacity", "admission_policy", "url"]  # fmt: skip


class EventDetailSerializer(EventSerializer):
    # No ``online_url``: this is public, and every meeting's video link is derived from it
    # (Meeting.video_link). Admitted participants get their own links in ``me/agenda/``.
    class Meta(EventSerializer.Meta):
        fields = [*EventSerializer.Meta.fields, "description", "address", "latitude", "longitude",
                  "registration_deadline", "org_cap"]  # fmt: skip


class RegistrationSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Registration
        fields = ["id", "event", "status", "attendance", "created_at"]


class RequestSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    sender = serializers.CharField(source="sender.display_name", read_only=True)
    recipient = serializers.CharField(source="recipient.display_name", read_only=True)

    class Meta:
        model = MeetingRequest
        fields = ["id", "event", "sender", "recipient", "message", "status", "created_at"]


class AgendaItemSerializer(serializers.ModelSerializer):
    start = serializers.DateTimeField(source="slot.start")
    minutes = serializers.IntegerField(source="slot.minutes")
    table = serializers.IntegerField(source="table.number", allow_null=True, default=None)
    video_link = serializers.CharField()
    with_ = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = ["id", "start", "minutes", "table", "online", "video_link", "with_"]

    def get_with_(self, obj) -> list[str]:
        return [p.display_name for p in obj.others]
