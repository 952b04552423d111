from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "clusterbridge.analytics"
    label = "analytics"
    verbose_name = _("Analytics")

    def ready(self) -> None:
        import atexit

        from django.core.signals import request_finished

        from clusterbridge.analytics import counting

        # Written after the response is sent, and when a worker stops normally (gunicorn's
        # graceful restart, runserver's reload); see counting.py for a killed one.
        request_finished.connect(counting.flush_if_due, dispatch_uid="analytics.flush_if_due")
        atexit.register(counting.flush_quietly)
