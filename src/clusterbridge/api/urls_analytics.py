from django.urls import path

from clusterbridge.api.views import analytics

urlpatterns = [
    path("analytics/audience/", analytics.AudienceView.as_view(), name="audience"),
]
