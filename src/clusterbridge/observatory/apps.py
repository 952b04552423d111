from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObservatoryConfig(AppConfig):
    name = "clusterbridge.observatory"
    label = "observatory"
    verbose_name = _("Cluster observatory")

    def ready(self) -> None:
        from clusterbridge.observatory import receivers, signals
        from clusterbridge.organisations.signals import profile_changed

        signals.import_requested.connect(
            receivers.enqueue_import, dispatch_uid="observatory.enqueue_import"
        )
        profile_changed.connect(
            receivers.organisation_profile_changed,
            dispatch_uid="observatory.organisation_profile_changed",
        )
