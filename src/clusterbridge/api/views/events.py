from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.permissions import IsAuthenticated

from clusterbridge.api.serializers.events import (
    AgendaItemSerializer,
    EventDetailSerializer,
    EventSerializer,
    RegistrationSerializer,
    RequestSerializer,
)
from clusterbridge.events.models import EventKind, MeetingRequest, Registration
from clusterbridge.events.queries.agenda import agenda
from clusterbridge.events.queries.calendar import calendar


@extend_schema(parameters=[
    OpenApiParameter("when", str, enum=["upcoming", "past"]),
    OpenApiParameter("kind", str, enum=list(EventKind.values)),
    OpenApiParameter("country", str), OpenApiParameter("sector", str),
])  # fmt: skip
class EventListView(ListAPIView):
    serializer_class = EventSerializer

    def get_queryset(self):
        p = self.request.query_params
        kind = p.get("kind", "")
        return calendar(
            when="past" if p.get("when") == "past" else "upcoming",
            kind=kind if kind in EventKind.values else "",
            country=p.get("country", "")[:2].upper(), sector=p.get("sector", "")[:100],
        )  # fmt: skip


class EventDetailView(RetrieveAPIView):
    serializer_class = EventDetailSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return calendar(when="upcoming") | calendar(when="past")


class MyRegistrationsView(ListAPIView):
    serializer_class = RegistrationSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return Registration.objects.filter(user=self.request.user).select_related("event")


class MyRequestsView(ListAPIView):
    serializer_class = RequestSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        user = self.request.user
        return (
            MeetingRequest.objects.filter(sender__user=user)
            | MeetingRequest.objects.filter(recipient__user=user)
        ).select_related("event", "sender__user", "sender__organisation", "recipient__user",
                         "recipient__organisation")  # fmt: skip


class MyAgendaView(ListAPIView):
    serializer_class = AgendaItemSerializer
    permission_classes = [IsAuthenticated]
    pagination_class = None

    def get_queryset(self):
        reg = (
            Registration.objects.filter(
                user=self.request.user, event__slug=self.kwargs["slug"], status="admitted"
            )
            .select_related("event")
            .first()
        )
        if reg is None:
            raise NotFound("You are not a participant of this event.")
        return agenda(reg) if reg.event.agenda_published_at else []
