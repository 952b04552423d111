from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "clusterbridge.notifications"
    label = "notifications"
