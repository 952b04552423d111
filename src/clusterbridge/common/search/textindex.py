"""An indexed substring search over a model's folded search text, for any model.

The text column holds folded text (``common.text.fold``) and a search matches the rows whose
text contains every folded term, whatever the database:

- **SQLite**: an FTS5 table ``<table>_fts`` with the ``trigram`` tokenizer over the indexed rows
  (an external-content table: it stores only the index), kept right by three triggers on every
  write path (services, ``bulk_create``, ``update()``, deletes). A term of three characters or
  more is a quoted phrase in one ``MATCH`` (a trigram phrase is a substring match, like
  ``LIKE '%term%'``); shorter terms stay ``LIKE`` filters. Needs SQLite ≥ 3.34.
- **PostgreSQL**: ``pg_trgm`` and a partial GIN trigram index ``<table>_search_trgm``, which
  plain ``LIKE '%term%'`` uses by itself.
- Other databases: ``LIKE`` with a table scan.

The index holds the rows where ``where`` holds (e.g. ``status = 'published'``), which must be
exactly the rows of the search's base queryset: on SQLite the match starts from the index, not
from the base, because the planner would otherwise walk the ``status`` index over every row.

A migration creates the index with ``TextIndex(...).operation()``. On SQLite a later migration
that *remakes* the table (most ``AlterField``/``AddField`` do) drops its triggers; every index
declared in a migration is therefore checked after ``migrate`` and, if its triggers are
missing, rebuilt (``heal``), so no migration has to remember it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connections, migrations
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_migrate

TRIGRAM = 3  # shorter terms cannot use a trigram index
_NAME = re.compile(r"[a-z_][a-z0-9_]*")

# Every index declared (in migrations and queries), by FTS table name: healed after migrate.
REGISTRY: dict[str, TextIndex] = {}


@dataclass(frozen=True)
class TextIndex:
    table: str
    column: str = "search_document"
    where: tuple[str, str] = ("status", "published")  # (column, value): the rows indexed

    def __post_init__(self):
        names = (self.table, self.column, self.where[0], self.where[1])
        if not all(_NAME.fullmatch(name) for name in names):
            raise ValueError(f"TextIndex takes plain SQL names, not {names!r}")
        REGISTRY.setdefault(self.fts, self)

    @property
    def fts(self) -> str:
        return f"{self.table}_fts"

    @property
    def trigram_index(self) -> str:
        return f"{self.table}_search_trgm"

    # -- DDL ------------------------------------------------------------------------------

    def sqlite_forward(self) -> list[str]:
        fts, table, column = self.fts, self.table, self.column
        where_column, where_value = self.where
        delete_old = (
            f"INSERT INTO {fts}({fts}, rowid, {column}) "
            f"SELECT 'delete', old.id, old.{column} WHERE old.{where_column} = '{where_value}';"
        )
        insert_new = (
            f"INSERT INTO {fts}(rowid, {column}) "
            f"SELECT new.id, new.{column} WHERE new.{where_column} = '{where_value}';"
        )
        return [
            f"CREATE VIRTUAL TABLE {fts} USING fts5("
            f"{column}, content='{table}', content_rowid='id', tokenize='trigram')",
            f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {insert_new} END",
            f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {delete_old} END",
            # One trigger for both steps: the old entry is always removed before the new is added.
            f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {where_column}, {column} ON {table} "
            f"BEGIN {delete_old} {insert_new} END",
            f"INSERT INTO {fts}(rowid, {column}) "
            f"SELECT id, {column} FROM {table} WHERE {where_column} = '{where_value}'",
        ]

    def sqlite_backward(self) -> list[str]:
        return [
            f"DROP TRIGGER IF EXISTS {self.fts}_insert",
            f"DROP TRIGGER IF EXISTS {self.fts}_delete",
            f"DROP TRIGGER IF EXISTS {self.fts}_update",
            f"DROP TABLE IF EXISTS {self.fts}",
        ]

    def postgres_forward(self) -> list[str]:
        where_column, where_value = self.where
        return [
            # pg_trgm is a trusted extension: the database owner may create it.
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            f"CREATE INDEX IF NOT EXISTS {self.trigram_index} ON {self.table} "
            # fastupdate off: no pending list for every search to scan.
            f"USING gin ({self.column} gin_trgm_ops) WITH (fastupdate = off) "
            f"WHERE {where_column} = '{where_value}'",
        ]

    def postgres_backward(self) -> list[str]:
        return [f"DROP INDEX IF EXISTS {self.trigram_index}"]

    def statements(self, vendor: str, *, forward: bool = True) -> list[str]:
        if vendor == "sqlite":
            return self.sqlite_forward() if forward else self.sqlite_backward()
        if vendor == "postgresql":
            return self.postgres_forward() if forward else self.postgres_backward()
        return []

    def operation(self) -> migrations.RunPython:
        """The migration operation that creates the index (and drops it when unapplied)."""

        def forward(apps, schema_editor):
            for sql in self.statements(schema_editor.connection.vendor):
                schema_editor.execute(sql)

        def backward(apps, schema_editor):
            for sql in self.statements(schema_editor.connection.vendor, forward=False):
                schema_editor.execute(sql)

        return migrations.RunPython(forward, backward)

    def heal(self, using: str = "default") -> bool:
        """SQLite: rebuild the index if its table exists but a trigger is missing (the content
        table was remade by a migration). Returns whether it rebuilt. Elsewhere nothing to do."""
        connection = connections[using]
        if connection.vendor != "sqlite":
            return False
        wanted = {self.fts, f"{self.fts}_insert", f"{self.fts}_delete", f"{self.fts}_update"}
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE name IN (%s, %s, %s, %s, %s)",
                [self.table, *sorted(wanted)],
            )
            present = {row[0] for row in cursor.fetchall()}
            if self.table not in present or self.fts not in present or wanted <= present:
                return False  # not created (or deliberately dropped), or intact
            for sql in [*self.sqlite_backward(), *self.sqlite_forward()]:
                cursor.execute(sql)
        return True

    # -- queries --------------------------------------------------------------------------

    def uses_index(self, terms: list[str], vendor: str) -> bool:
        """Whether the match starts from the FTS table (SQLite, a term of 3+ characters)."""
        return vendor == "sqlite" and any(len(term) >= TRIGRAM for term in terms)

    def match(self, queryset: QuerySet, terms: list[str]) -> QuerySet:
        """``queryset`` narrowed to the rows whose text contains every (folded) term."""
        if not terms:
            return queryset
        vendor = connections[queryset.db].vendor
        like = terms
        if self.uses_index(terms, vendor):
            indexed = [term for term in terms if len(term) >= TRIGRAM]
            like = [term for term in terms if len(term) < TRIGRAM]
            phrases = " ".join('"' + term.replace('"', '""') + '"' for term in indexed)
            # pk__in, not raw SQL naming the table: inside a subquery the table has an alias.
            queryset = queryset.filter(
                pk__in=RawSQL(f"SELECT rowid FROM {self.fts} WHERE {self.fts} MATCH %s", (phrases,))
            )
        for term in like:
            queryset = queryset.filter(**{f"{self.column}__contains": term})
        return queryset


def heal_all(sender=None, using: str = "default", **kwargs) -> None:
    for index in list(REGISTRY.values()):
        index.heal(using)


# Connected when the first index is declared, which is when the migrations are loaded: every
# ``migrate`` (and the test database set-up) then ends by healing the declared indexes.
post_migrate.connect(heal_all, dispatch_uid="common.search.heal_text_indexes")
