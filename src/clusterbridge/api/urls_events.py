from django.urls import path

from clusterbridge.api.views import events

urlpatterns = [
    path("events/", events.EventListView.as_view(), name="events"),
    path("events/<slug:slug>/", events.EventDetailView.as_view(), name="event"),
    path("me/registrations/", events.MyRegistrationsView.as_view(), name="my_registrations"),
    path("me/requests/", events.MyRequestsView.as_view(), name="my_requests"),
    path("me/agenda/<slug:slug>/", events.MyAgendaView.as_view(), name="my_agenda"),
]
