from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.permissions import IsAuthenticated

from clusterbridge.api.exceptions import error_response
from clusterbridge.api.schema import form_parameters
from clusterbridge.api.serializers.events import (
    AgendaItemSerializer,
    EventDetailSerializer,
    EventSerializer,
    RegistrationSerializer,
    RequestSerializer,
)
from clusterbridge.events.forms import CalendarFilterForm
from clusterbridge.events.models import MeetingRequest, Registration
from clusterbridge.events.queries.agenda import agenda
from clusterbridge.events.queries.calendar import calendar


@extend_schema(parameters=form_parameters(CalendarFilterForm, {
    "when": "Upcoming (the default) or past events.", "kind": "Kind of event.",
    "country": "ISO 3166-1 alpha-2 country code.", "sector": "Cluster category code.",
}))  # fmt: skip
class EventListView(ListAPIView):
    """Published events, filtered like the public calendar (with the calendar's form)."""

    serializer_class = EventSerializer

    def get(self, request, *args, **kwargs):
        form = CalendarFilterForm(request.query_params)
        if not form.is_valid():
            return error_response(
                " ".join(m for errors in form.errors.values() for m in errors),
                details=form.errors.get_json_data(),
            )
        self.filters = form.filters()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return calendar(**getattr(self, "filters", {}))


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
            raise NotFound(_("You are not a participant of this event."))
        return agenda(reg) if reg.event.agenda_published_at else []
