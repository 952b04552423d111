"""Indexes for the text search, one per database (docs/marketplace.md, "Search").

SQLite: an FTS5 table with the trigram tokenizer over the *published* opportunities'
``search_document`` (an external-content table: it stores only the index), kept up to date by
triggers, so every write path — services, bulk inserts, ``update()`` — keeps it right.
PostgreSQL: a partial GIN trigram index on the same column, which plain ``LIKE '%term%'`` uses.
Other databases get neither and search with a table scan.
"""

from django.db import migrations

FTS = "marketplace_opportunity_fts"
TABLE = "marketplace_opportunity"
DELETE_OLD = (
    f"INSERT INTO {FTS}({FTS}, rowid, search_document) "
    "SELECT 'delete', old.id, old.search_document WHERE old.status = 'published';"
)
INSERT_NEW = (
    f"INSERT INTO {FTS}(rowid, search_document) "
    "SELECT new.id, new.search_document WHERE new.status = 'published';"
)
SQLITE_FORWARD = [
    f"CREATE VIRTUAL TABLE {FTS} USING fts5("
    f"search_document, content='{TABLE}', content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER {FTS}_insert AFTER INSERT ON {TABLE} BEGIN {INSERT_NEW} END",
    f"CREATE TRIGGER {FTS}_delete AFTER DELETE ON {TABLE} BEGIN {DELETE_OLD} END",
    # One trigger for both steps, so the old entry is always removed before the new one is added.
    f"CREATE TRIGGER {FTS}_update AFTER UPDATE OF status, search_document ON {TABLE} "
    f"BEGIN {DELETE_OLD} {INSERT_NEW} END",
    f"INSERT INTO {FTS}(rowid, search_document) "
    f"SELECT id, search_document FROM {TABLE} WHERE status = 'published'",
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {FTS}_insert",
    f"DROP TRIGGER IF EXISTS {FTS}_delete",
    f"DROP TRIGGER IF EXISTS {FTS}_update",
    f"DROP TABLE IF EXISTS {FTS}",
]
POSTGRES_FORWARD = [
    # pg_trgm is a trusted extension: the database owner may create it.
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_search_trgm ON {TABLE} "
    # fastupdate off: no pending list for every search to scan; posts are written rarely.
    "USING gin (search_document gin_trgm_ops) WITH (fastupdate = off) "
    "WHERE status = 'published'",
]
POSTGRES_BACKWARD = [f"DROP INDEX IF EXISTS {TABLE}_search_trgm"]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
