from django.urls import path

from clusterbridge.notifications.views import inbox

app_name = "notifications"

urlpatterns = [
    path("", inbox.inbox_view, name="inbox"),
    path("read/", inbox.mark_read_view, name="mark_read"),
    path("settings/", inbox.settings_view, name="settings"),
]
