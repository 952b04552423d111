"""The text index of the public call list (FTS5 trigram on SQLite, pg_trgm on PostgreSQL),
over published calls' ``search_document``."""

from django.db import migrations

from clusterbridge.common.search.textindex import TextIndex

INDEX = TextIndex(table="calls_call", column="search_document", where=("status", "published"))


class Migration(migrations.Migration):
    dependencies = [("calls", "0001_initial")]

    operations = [INDEX.operation()]
