from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from clusterbridge.common.views import home, public_media

urlpatterns = [
    path("", home, name="home"),
    path("", include("clusterbridge.organisations.urls")),
    path("notifications/", include("clusterbridge.notifications.urls")),
    path("events/", include("clusterbridge.events.urls")),
    path("marketplace/", include("clusterbridge.marketplace.urls")),
    path("benchmarking/", include("clusterbridge.benchmarking.urls")),
    path("accounts/", include("allauth.urls")),
    path("me/", include("clusterbridge.accounts.urls")),
    path("api/v1/", include("clusterbridge.api.urls")),
    path("admin/", admin.site.urls),
    # Only public uploads (logos, event images) are served as files; attachments and evidence
    # go through views that check permission. In production a reverse proxy may serve these
    # folders directly, and must not serve the rest of MEDIA_ROOT.
    path(f"{settings.MEDIA_URL.strip('/')}/<str:folder>/<path:path>", public_media),
]
