"""Taxonomy names in the reader's language: ``names`` {language: name}, filled for the existing
rows from the ``name_<language>`` columns of the shipped CSV files."""

from django.db import migrations, models

from clusterbridge.taxonomy.reference import load_names


def fill_names(apps, schema_editor):
    load_names(
        apps.get_model("taxonomy", "ClusterCategory"),
        apps.get_model("taxonomy", "IndustrialEcosystem"),
        apps.get_model("taxonomy", "Technology"),
    )


class Migration(migrations.Migration):

    dependencies = [
        ('taxonomy', '0002_load_reference_data'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='clustercategory',
            options={'ordering': ['kind', 'name'], 'verbose_name': 'cluster category', 'verbose_name_plural': 'cluster categories'},
        ),
        migrations.AlterModelOptions(
            name='industrialecosystem',
            options={'ordering': ['name'], 'verbose_name': 'industrial ecosystem', 'verbose_name_plural': 'industrial ecosystems'},
        ),
        migrations.AlterModelOptions(
            name='technology',
            options={'ordering': ['name'], 'verbose_name': 'key enabling technology', 'verbose_name_plural': 'key enabling technologies'},
        ),
        migrations.AddField(
            model_name='clustercategory',
            name='names',
            field=models.JSONField(blank=True, default=dict, help_text='By language code.', verbose_name='translated names'),
        ),
        migrations.AddField(
            model_name='industrialecosystem',
            name='names',
            field=models.JSONField(blank=True, default=dict, help_text='By language code.', verbose_name='translated names'),
        ),
        migrations.AddField(
            model_name='technology',
            name='names',
            field=models.JSONField(blank=True, default=dict, help_text='By language code.', verbose_name='translated names'),
        ),
        migrations.AlterField(
            model_name='clustercategory',
            name='name',
            field=models.CharField(help_text='The name in English.', max_length=120, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='industrialecosystem',
            name='name',
            field=models.CharField(help_text='The name in English.', max_length=120, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='technology',
            name='name',
            field=models.CharField(help_text='The name in English.', max_length=120, verbose_name='name'),
        ),
        migrations.RunPython(fill_names, migrations.RunPython.noop),
    ]
