"""The directory's text index (common.search.textindex): FTS5 trigram on SQLite, a partial
trigram GIN index on PostgreSQL, over the published organisations' ``search_document``."""

from django.db import migrations

from clusterbridge.common.search.textindex import TextIndex

INDEX = TextIndex(table="organisations_organisation", column="search_document", where=("status", "published"))


class Migration(migrations.Migration):
    dependencies = [("organisations", "0002_excellence_label")]

    operations = [INDEX.operation()]
