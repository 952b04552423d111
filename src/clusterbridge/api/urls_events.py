from django.urls import path

from clusterbridge.api.views import events

urlpatterns = [
    path("events/", events.EventListView.as_view(), name="events"),
    path("events/<uslug:slug>/", events.EventDetailView.as_view(), name="event"),
    path("me/registrations/", events.MyRegistrationsView.as_view(), name="my_registrations"),
    path("me/requests/", events.MyRequestsView.as_view(), name="my_requests"),
    path("me/agenda/<uslug:slug>/", events.MyAgendaView.as_view(), name="my_agenda"),
]
