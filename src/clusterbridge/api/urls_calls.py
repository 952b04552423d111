from django.urls import path

from clusterbridge.api.views import calls

urlpatterns = [
    path("calls/", calls.CallListView.as_view(), name="calls"),
    path("calls/<uslug:slug>/", calls.CallDetailView.as_view(), name="call"),
    path(
        "calls/<uslug:slug>/proposals/",
        calls.ProposalListView.as_view(),
        name="call_proposals",
    ),
]
