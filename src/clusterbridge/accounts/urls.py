from django.urls import path

from clusterbridge.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("privacy/", views.privacy_view, name="privacy"),
    path("privacy/export.json", views.export_view, name="export"),
    path("token/", views.token_view, name="token"),
    path("language/", views.language_view, name="language"),
]
