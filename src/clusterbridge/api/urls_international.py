from django.urls import path

from clusterbridge.api.views import international

urlpatterns = [
    path("countries/", international.CountryPageListView.as_view(), name="country_pages"),
    path(
        "countries/<slug:slug>/",
        international.CountryPageDetailView.as_view(),
        name="country_page",
    ),
]
