"""Load the shipped taxonomies: NUTS 2021 levels 0–2, cluster categories, ecosystems, KETs."""

from django.db import migrations

from clusterbridge.taxonomy.reference import load_all


def load(apps, schema_editor):
    load_all(
        apps.get_model("taxonomy", "NutsRegion"),
        apps.get_model("taxonomy", "ClusterCategory"),
        apps.get_model("taxonomy", "IndustrialEcosystem"),
        apps.get_model("taxonomy", "Technology"),
    )


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
