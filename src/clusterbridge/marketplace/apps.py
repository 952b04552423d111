from django.apps import AppConfig


class MarketplaceConfig(AppConfig):
    name = "clusterbridge.marketplace"
    label = "marketplace"
