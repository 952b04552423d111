from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "clusterbridge.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from clusterbridge.events import receivers, signals

        signals.schedule_run_created.connect(
            receivers.enqueue_schedule_run, dispatch_uid="events.enqueue_schedule_run"
        )
