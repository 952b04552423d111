"""Fill the organisations' copy of their current label (``label_level``, ``label_valid_until``)
from the active labels; from now on the label services keep it up to date."""

from django.db import migrations


def fill(apps, schema_editor):
    Label = apps.get_model("benchmarking", "Label")
    Organisation = apps.get_model("organisations", "Organisation")
    for organisation_id, level, valid_until in Label.objects.filter(status="active").values_list(
        "organisation_id", "level", "valid_until"
    ):
        Organisation.objects.filter(pk=organisation_id).update(
            label_level=level, label_valid_until=valid_until
        )


def clear(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    Organisation.objects.exclude(label_level="").update(label_level="", label_valid_until=None)


class Migration(migrations.Migration):
    dependencies = [
        ("benchmarking", "0003_private_evidence_and_authors"),
        ("organisations", "0002_excellence_label"),
    ]

    operations = [migrations.RunPython(fill, clear)]
