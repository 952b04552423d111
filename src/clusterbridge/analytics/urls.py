from django.urls import path

from clusterbridge.analytics.views import audience

app_name = "analytics"

urlpatterns = [
    path("audience/", audience.audience_page, name="audience"),
    path("audience/<slug:table>.csv", audience.audience_csv, name="audience_csv"),
]
