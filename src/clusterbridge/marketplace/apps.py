from django.apps import AppConfig


class MarketplaceConfig(AppConfig):
    name = "clusterbridge.marketplace"
    label = "marketplace"

    def ready(self) -> None:
        from clusterbridge.marketplace.receivers import (
            organisation_membership_removed,
            organisation_profile_changed,
        )
        from clusterbridge.organisations.signals import membership_removed, profile_changed

        profile_changed.connect(
            organisation_profile_changed, dispatch_uid="marketplace.organisation_profile_changed"
        )
        membership_removed.connect(
            organisation_membership_removed,
            dispatch_uid="marketplace.organisation_membership_removed",
        )
