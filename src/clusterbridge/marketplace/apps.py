from django.apps import AppConfig


class MarketplaceConfig(AppConfig):
    name = "clusterbridge.marketplace"
    label = "marketplace"

    def ready(self) -> None:
        from clusterbridge.marketplace.receivers import organisation_profile_changed
        from clusterbridge.organisations.signals import profile_changed

        profile_changed.connect(
            organisation_profile_changed, dispatch_uid="marketplace.organisation_profile_changed"
        )
