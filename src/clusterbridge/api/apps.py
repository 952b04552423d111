from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "clusterbridge.api"
    label = "api"
