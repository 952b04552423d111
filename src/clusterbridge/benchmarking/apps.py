from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def ensure_default_indicator_set(sender, **kwargs) -> None:
    """The default indicator set, when there is no set at all: loaded by the data migrations,
    and again after a database flush (which ends with post_migrate)."""
    from clusterbridge.benchmarking.models import Dimension, Indicator, IndicatorSet
    from clusterbridge.benchmarking.services.indicator_sets import (
        apply_default_translations,
        load_default_set,
    )

    if IndicatorSet.objects.exists():
        return
    load_default_set(IndicatorSet, Dimension, Indicator)
    apply_default_translations(Dimension, Indicator)


class BenchmarkingConfig(AppConfig):
    name = "clusterbridge.benchmarking"
    label = "benchmarking"
    verbose_name = _("Benchmarking and labels")

    def ready(self) -> None:
        post_migrate.connect(
            ensure_default_indicator_set,
            sender=self,
            dispatch_uid="benchmarking.ensure_default_indicator_set",
        )
