from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "clusterbridge.demo"
    label = "demo"
