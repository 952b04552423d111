"""The text index of the public partnership list (FTS5 trigram on SQLite, pg_trgm on
PostgreSQL), over published partnerships' ``search_document``."""

from django.db import migrations

from clusterbridge.common.search.textindex import TextIndex

INDEX = TextIndex(
    table="partnerships_partnership", column="search_document", where=("status", "published")
)


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]

    operations = [INDEX.operation()]
