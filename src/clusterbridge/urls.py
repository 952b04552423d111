from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from clusterbridge.common.views import home

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
    # Uploaded logos; a reverse proxy should serve MEDIA_ROOT directly in production.
    path(
        f"{settings.MEDIA_URL.strip('/')}/<path:path>",
        serve,
        {"document_root": settings.MEDIA_ROOT},
    ),
]
