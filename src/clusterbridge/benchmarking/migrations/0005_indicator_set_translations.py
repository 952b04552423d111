"""Indicator-set texts in several languages (``translations`` of dimensions and indicators),
the French and German texts of the default set, and translatable field names."""

import clusterbridge.benchmarking.models.assessments
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from clusterbridge.benchmarking.services.indicator_sets import apply_default_translations


def translate_default_set(apps, schema_editor):
    apply_default_translations(
        apps.get_model("benchmarking", "Dimension"), apps.get_model("benchmarking", "Indicator")
    )


class Migration(migrations.Migration):

    dependencies = [
        ('benchmarking', '0004_organisation_label_copies'),
        ('organisations', '0002_excellence_label'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='answer',
            options={'ordering': ['indicator__dimension__position', 'indicator__position', 'id'], 'verbose_name': 'answer', 'verbose_name_plural': 'answers'},
        ),
        migrations.AlterModelOptions(
            name='assessment',
            options={'ordering': ['-created_at', '-id'], 'verbose_name': 'benchmark', 'verbose_name_plural': 'benchmarks'},
        ),
        migrations.AlterModelOptions(
            name='assessor',
            options={'verbose_name': 'assessor', 'verbose_name_plural': 'assessors'},
        ),
        migrations.AlterModelOptions(
            name='dimension',
            options={'ordering': ['position', 'id'], 'verbose_name': 'dimension', 'verbose_name_plural': 'dimensions'},
        ),
        migrations.AlterModelOptions(
            name='evidence',
            options={'ordering': ['id'], 'verbose_name': 'evidence', 'verbose_name_plural': 'evidence'},
        ),
        migrations.AlterModelOptions(
            name='indicator',
            options={'ordering': ['dimension__position', 'position', 'id'], 'verbose_name': 'indicator', 'verbose_name_plural': 'indicators'},
        ),
        migrations.AlterModelOptions(
            name='indicatorset',
            options={'ordering': ['-version'], 'verbose_name': 'indicator set', 'verbose_name_plural': 'indicator sets'},
        ),
        migrations.AlterModelOptions(
            name='label',
            options={'ordering': ['-valid_from', '-id'], 'verbose_name': 'label', 'verbose_name_plural': 'labels'},
        ),
        migrations.AlterModelOptions(
            name='labeldecision',
            options={'ordering': ['-decided_at', '-id'], 'verbose_name': 'label decision', 'verbose_name_plural': 'label decisions'},
        ),
        migrations.AddField(
            model_name='dimension',
            name='translations',
            field=models.JSONField(blank=True, default=dict, help_text='Texts in other languages, by language code: {"fr": {"name": "…", "description": "…"}}. A missing text is shown in English.', verbose_name='translations'),
        ),
        migrations.AddField(
            model_name='indicator',
            name='translations',
            field=models.JSONField(blank=True, default=dict, help_text='Texts in other languages, by language code: {"fr": {"name": "…", "description": "…"}}. A missing text is shown in English.', verbose_name='translations'),
        ),
        migrations.AlterField(
            model_name='answer',
            name='answered_by',
            field=models.ForeignKey(blank=True, help_text='Who last saved the answer.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='answered by'),
        ),
        migrations.AlterField(
            model_name='answer',
            name='assessment',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='benchmarking.assessment', verbose_name='benchmark'),
        ),
        migrations.AlterField(
            model_name='answer',
            name='assessor_comment',
            field=models.TextField(blank=True, verbose_name='assessor comment'),
        ),
        migrations.AlterField(
            model_name='answer',
            name='commented_by',
            field=models.ForeignKey(blank=True, help_text='The assessor who wrote the comment.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='commented by'),
        ),
        migrations.AlterField(
            model_name='answer',
            name='indicator',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='answers', to='benchmarking.indicator', verbose_name='indicator'),
        ),
        migrations.AlterField(
            model_name='answer',
            name='number',
            field=models.FloatField(blank=True, null=True, verbose_name='number'),
        ),
        migrations.AlterField(
            model_name='answer',
            name='rating',
            field=models.CharField(blank=True, max_length=6, verbose_name='rating'),
        ),
        migrations.AlterField(
            model_name='answer',
            name='value',
            field=models.CharField(blank=True, max_length=2000, verbose_name='value'),
        ),
        migrations.AlterField(
            model_name='assessment',
            name='audited',
            field=models.BooleanField(default=False, help_text='The assessor audited on site.', verbose_name='audited'),
        ),
        migrations.AlterField(
            model_name='assessment',
            name='dimension_scores',
            field=models.JSONField(blank=True, default=dict, verbose_name='dimension scores'),
        ),
        migrations.AlterField(
            model_name='assessment',
            name='improvement_area_1',
            field=models.CharField(blank=True, max_length=300, verbose_name='improvement area 1'),
        ),
        migrations.AlterField(
            model_name='assessment',
            name='improvement_area_2',
            field=models.CharField(blank=True, max_length=300, verbose_name='improvement area 2'),
        ),
        migrations.AlterField(
            model_name='assessment',
            name='improvement_area_3',
            field=models.CharField(blank=True, max_length=300, verbose_name='improvement area 3'),
        ),
        migrations.AlterField(
            model_name='assessment',
            name='indicator_set',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assessments', to='benchmarking.indicatorset', verbose_name='indicator set'),
        ),
        migrations.AlterField(
            model_name='assessment',
            name='is_demo',
            field=models.BooleanField(default=False, verbose_name='demo data'),
        ),
        migrations.AlterField(
            model_name='assessment',
            name='organisation',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='assessments', to='organisations.organisation', verbose_name='organisation'),
        ),
        migrations.AlterField(
            model_name='assessment',
            name='overall_score',
            field=models.FloatField(blank=True, null=True, verbose_name='overall score'),
        ),
        migrations.AlterField(
            model_name='assessment',
            name='review_note',
            field=models.TextField(blank=True, verbose_name='review note'),
        ),
        migrations.AlterField(
            model_name='assessment',
            name='second_assessor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='second assessor'),
        ),
        migrations.AlterField(
            model_name='assessment',
            name='second_assessor_former',
            field=models.BooleanField(default=False, help_text='Confirmed by a second assessor whose account was deleted.', verbose_name='confirmed by a former second assessor'),
        ),
        migrations.AlterField(
            model_name='assessment',
            name='started_by',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='started by'),
        ),
        migrations.AlterField(
            model_name='assessment',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted for review'), ('changes_requested', 'Changes requested'), ('validated', 'Validated')], db_index=True, default='draft', max_length=20, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='assessment',
            name='submitted_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='submitted at'),
        ),
        migrations.AlterField(
            model_name='assessment',
            name='validated_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='validated by'),
        ),
        migrations.AlterField(
            model_name='assessment',
            name='validated_by_former',
            field=models.BooleanField(default=False, help_text='Validated by an assessor whose account was deleted.', verbose_name='validated by a former assessor'),
        ),
        migrations.AlterField(
            model_name='assessment',
            name='validated_on',
            field=models.DateField(blank=True, db_index=True, null=True, verbose_name='validated on'),
        ),
        migrations.AlterField(
            model_name='assessor',
            name='active',
            field=models.BooleanField(default=True, verbose_name='active'),
        ),
        migrations.AlterField(
            model_name='assessor',
            name='is_demo',
            field=models.BooleanField(default=False, verbose_name='demo data'),
        ),
        migrations.AlterField(
            model_name='assessor',
            name='user',
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='assessor', to=settings.AUTH_USER_MODEL, verbose_name='user'),
        ),
        migrations.AlterField(
            model_name='dimension',
            name='code',
            field=models.SlugField(max_length=40, verbose_name='code'),
        ),
        migrations.AlterField(
            model_name='dimension',
            name='description',
            field=models.TextField(blank=True, help_text='In English.', verbose_name='description'),
        ),
        migrations.AlterField(
            model_name='dimension',
            name='indicator_set',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='dimensions', to='benchmarking.indicatorset', verbose_name='indicator set'),
        ),
        migrations.AlterField(
            model_name='dimension',
            name='name',
            field=models.CharField(help_text='In English.', max_length=120, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='dimension',
            name='position',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='position'),
        ),
        migrations.AlterField(
            model_name='evidence',
            name='answer',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='evidence', to='benchmarking.answer', verbose_name='answer'),
        ),
        migrations.AlterField(
            model_name='evidence',
            name='file',
            field=models.FileField(max_length=200, upload_to=clusterbridge.benchmarking.models.assessments.evidence_path, verbose_name='file'),
        ),
        migrations.AlterField(
            model_name='evidence',
            name='name',
            field=models.CharField(help_text="The uploader's original file name.", max_length=200, verbose_name='file name'),
        ),
        migrations.AlterField(
            model_name='evidence',
            name='uploaded_by',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by'),
        ),
        migrations.AlterField(
            model_name='indicator',
            name='answer_type',
            field=models.CharField(choices=[('number', 'Number'), ('percentage', 'Percentage'), ('choice', 'Choice'), ('yes_no', 'Yes / no'), ('text', 'Text'), ('date', 'Date')], max_length=12, verbose_name='answer type'),
        ),
        migrations.AlterField(
            model_name='indicator',
            name='choices',
            field=models.JSONField(blank=True, default=list, verbose_name='choices'),
        ),
        migrations.AlterField(
            model_name='indicator',
            name='code',
            field=models.SlugField(help_text='Stable across versions: peer comparison matches on it.', max_length=40, verbose_name='code'),
        ),
        migrations.AlterField(
            model_name='indicator',
            name='dimension',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='indicators', to='benchmarking.dimension', verbose_name='dimension'),
        ),
        migrations.AlterField(
            model_name='indicator',
            name='evidence_required',
            field=models.BooleanField(default=False, verbose_name='evidence required'),
        ),
        migrations.AlterField(
            model_name='indicator',
            name='green_at',
            field=models.FloatField(blank=True, null=True, verbose_name='green from'),
        ),
        migrations.AlterField(
            model_name='indicator',
            name='help_text',
            field=models.TextField(blank=True, help_text='In English.', verbose_name='help text'),
        ),
        migrations.AlterField(
            model_name='indicator',
            name='higher_is_better',
            field=models.BooleanField(default=True, verbose_name='higher is better'),
        ),
        migrations.AlterField(
            model_name='indicator',
            name='max_value',
            field=models.FloatField(blank=True, null=True, verbose_name='maximum value'),
        ),
        migrations.AlterField(
            model_name='indicator',
            name='min_value',
            field=models.FloatField(blank=True, null=True, verbose_name='minimum value'),
        ),
        migrations.AlterField(
            model_name='indicator',
            name='minimum_requirement',
            field=models.BooleanField(default=False, verbose_name='minimum requirement'),
        ),
        migrations.AlterField(
            model_name='indicator',
            name='name',
            field=models.CharField(help_text='In English.', max_length=200, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='indicator',
            name='position',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='position'),
        ),
        migrations.AlterField(
            model_name='indicator',
            name='required',
            field=models.BooleanField(default=True, verbose_name='required'),
        ),
        migrations.AlterField(
            model_name='indicator',
            name='unit',
            field=models.CharField(blank=True, help_text='In English.', max_length=40, verbose_name='unit'),
        ),
        migrations.AlterField(
            model_name='indicator',
            name='yellow_at',
            field=models.FloatField(blank=True, null=True, verbose_name='yellow from'),
        ),
        migrations.AlterField(
            model_name='indicatorset',
            name='name',
            field=models.CharField(max_length=200, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='indicatorset',
            name='published_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='published at'),
        ),
        migrations.AlterField(
            model_name='indicatorset',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft (editable)'), ('published', 'Published (in use)'), ('retired', 'Retired (kept for old assessments)')], default='draft', max_length=10, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='indicatorset',
            name='version',
            field=models.PositiveIntegerField(verbose_name='version'),
        ),
        migrations.AlterField(
            model_name='label',
            name='assessment',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='labels', to='benchmarking.assessment', verbose_name='benchmark'),
        ),
        migrations.AlterField(
            model_name='label',
            name='is_demo',
            field=models.BooleanField(default=False, verbose_name='demo data'),
        ),
        migrations.AlterField(
            model_name='label',
            name='level',
            field=models.CharField(choices=[('bronze', 'Bronze'), ('silver', 'Silver'), ('gold', 'Gold')], max_length=6, verbose_name='level'),
        ),
        migrations.AlterField(
            model_name='label',
            name='organisation',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='excellence_labels', to='organisations.organisation', verbose_name='organisation'),
        ),
        migrations.AlterField(
            model_name='label',
            name='reminder_sent_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='reminder sent at'),
        ),
        migrations.AlterField(
            model_name='label',
            name='status',
            field=models.CharField(choices=[('active', 'Active'), ('superseded', 'Superseded by a newer label'), ('expired', 'Expired'), ('withdrawn', 'Withdrawn')], default='active', max_length=10, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='label',
            name='valid_from',
            field=models.DateField(verbose_name='valid from'),
        ),
        migrations.AlterField(
            model_name='label',
            name='valid_until',
            field=models.DateField(db_index=True, verbose_name='valid until'),
        ),
        migrations.AlterField(
            model_name='labeldecision',
            name='assessment',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='label_decisions', to='benchmarking.assessment', verbose_name='benchmark'),
        ),
        migrations.AlterField(
            model_name='labeldecision',
            name='decided_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='decided at'),
        ),
        migrations.AlterField(
            model_name='labeldecision',
            name='decided_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='decided by'),
        ),
        migrations.AlterField(
            model_name='labeldecision',
            name='decided_by_former',
            field=models.CharField(blank=True, max_length=60, verbose_name='decided by (former account)'),
        ),
        migrations.AlterField(
            model_name='labeldecision',
            name='is_demo',
            field=models.BooleanField(default=False, verbose_name='demo data'),
        ),
        migrations.AlterField(
            model_name='labeldecision',
            name='kind',
            field=models.CharField(choices=[('awarded', 'Awarded'), ('renewed', 'Renewed'), ('refused', 'Refused'), ('expired', 'Expired'), ('withdrawn', 'Withdrawn')], max_length=10, verbose_name='decision'),
        ),
        migrations.AlterField(
            model_name='labeldecision',
            name='label',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='decisions', to='benchmarking.label', verbose_name='label'),
        ),
        migrations.AlterField(
            model_name='labeldecision',
            name='level',
            field=models.CharField(choices=[('bronze', 'Bronze'), ('silver', 'Silver'), ('gold', 'Gold')], max_length=6, verbose_name='level'),
        ),
        migrations.AlterField(
            model_name='labeldecision',
            name='organisation',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='label_decisions', to='organisations.organisation', verbose_name='organisation'),
        ),
        migrations.AlterField(
            model_name='labeldecision',
            name='reason',
            field=models.TextField(verbose_name='reason'),
        ),
        migrations.RunPython(translate_default_set, migrations.RunPython.noop),
    ]
