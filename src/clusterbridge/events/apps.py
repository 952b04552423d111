from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "clusterbridge.events"
    label = "events"
