from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "clusterbridge.organisations"
    label = "organisations"
