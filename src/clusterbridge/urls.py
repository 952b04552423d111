from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from clusterbridge.common.views import audit_log_view, home, page_view, public_media

urlpatterns = [
    path("", home, name="home"),
    path("pages/<str:slug>/", page_view, name="page"),
    path("staff/audit/", audit_log_view, name="audit_log"),
    path("staff/analytics/", include("clusterbridge.analytics.urls")),
    path("", include("clusterbridge.organisations.urls")),
    path("notifications/", include("clusterbridge.notifications.urls")),
    path("events/", include("clusterbridge.events.urls")),
    path("marketplace/", include("clusterbridge.marketplace.urls")),
    path("benchmarking/", include("clusterbridge.benchmarking.urls")),
    path("observatory/", include("clusterbridge.observatory.urls")),
    path("partnerships/", include("clusterbridge.partnerships.urls")),
    path("calls/", include("clusterbridge.calls.urls")),
    path("international/", include("clusterbridge.international.urls")),
    path("accounts/", include("allauth.urls")),
    path("me/", include("clusterbridge.accounts.urls")),
    path("api/v1/", include("clusterbridge.api.urls")),
    path("admin/", admin.site.urls),
    # Translations of the JavaScript strings (gettext() in static/js), in the active language.
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    # Only public uploads (logos) are served as files; event images, attachments and evidence
    # go through views that check permission. In production a reverse proxy may serve this
    # folder directly, and must not serve the rest of MEDIA_ROOT.
    path(f"{settings.MEDIA_URL.strip('/')}/<str:folder>/<path:path>", public_media),
]
