from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "clusterbridge.organisations"
    label = "organisations"

    def ready(self) -> None:
        from clusterbridge.organisations import receivers, signals

        signals.profile_changed.connect(
            receivers.check_changed_website, dispatch_uid="organisations.check_changed_website"
        )
