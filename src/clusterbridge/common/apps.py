from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "clusterbridge.common"
    label = "common"
