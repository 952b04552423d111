"""Load the default indicator set (data/default_indicator_set.json) as published version 1."""

from django.db import migrations

from clusterbridge.benchmarking.services.indicator_sets import load_default_set


def load(apps, schema_editor):
    load_default_set(
        apps.get_model("benchmarking", "IndicatorSet"),
        apps.get_model("benchmarking", "Dimension"),
        apps.get_model("benchmarking", "Indicator"),
    )


class Migration(migrations.Migration):
    dependencies = [("benchmarking", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
