from django.urls import path

from clusterbridge.api.views import marketplace

urlpatterns = [
    path("opportunities/", marketplace.OpportunityListView.as_view(), name="opportunities"),
    path(
        "opportunities/<str:reference>/",
        marketplace.OpportunityDetailView.as_view(),
        name="opportunity",
    ),
]
