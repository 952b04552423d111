"""The reusable text index: the same DDL the marketplace first had, matching through FTS5 on
SQLite, healing after a migration remade the table, and the directory's index following every
write path."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection

from clusterbridge.common.search import TextIndex
from clusterbridge.common.search.textindex import REGISTRY
from clusterbridge.common.text import search_terms
from clusterbridge.organisations.models import Organisation
from clusterbridge.organisations.queries.directory import TEXT_INDEX, DirectoryQuery, search
from clusterbridge.organisations.services import profiles
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 is SQLite's")

# The statements of marketplace migration 0002 as first written out by hand.
FTS, TABLE = "marketplace_opportunity_fts", "marketplace_opportunity"
DELETE_OLD = (
    f"INSERT INTO {FTS}({FTS}, rowid, search_document) "
    "SELECT 'delete', old.id, old.search_document WHERE old.status = 'published';"
)
INSERT_NEW = (
    f"INSERT INTO {FTS}(rowid, search_document) "
    "SELECT new.id, new.search_document WHERE new.status = 'published';"
)
ORIGINAL_SQLITE = [
    f"CREATE VIRTUAL TABLE {FTS} USING fts5("
    f"search_document, content='{TABLE}', content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER {FTS}_insert AFTER INSERT ON {TABLE} BEGIN {INSERT_NEW} END",
    f"CREATE TRIGGER {FTS}_delete AFTER DELETE ON {TABLE} BEGIN {DELETE_OLD} END",
    f"CREATE TRIGGER {FTS}_update AFTER UPDATE OF status, search_document ON {TABLE} "
    f"BEGIN {DELETE_OLD} {INSERT_NEW} END",
    f"INSERT INTO {FTS}(rowid, search_document) "
    f"SELECT id, search_document FROM {TABLE} WHERE status = 'published'",
]
ORIGINAL_POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_search_trgm ON {TABLE} "
    "USING gin (search_document gin_trgm_ops) WITH (fastupdate = off) "
    "WHERE status = 'published'",
]


def test_the_marketplace_migration_runs_the_statements_it_always_ran():
    migration = importlib.import_module("clusterbridge.marketplace.migrations.0002_search_indexes")
    assert migration.SQLITE_FORWARD == ORIGINAL_SQLITE
    assert migration.POSTGRES_FORWARD == ORIGINAL_POSTGRES
    assert [
        f"DROP TRIGGER IF EXISTS {FTS}_insert",
        f"DROP TRIGGER IF EXISTS {FTS}_delete",
        f"DROP TRIGGER IF EXISTS {FTS}_update",
        f"DROP TABLE IF EXISTS {FTS}",
    ] == migration.SQLITE_BACKWARD
    assert [f"DROP INDEX IF EXISTS {TABLE}_search_trgm"] == migration.POSTGRES_BACKWARD


def test_indexes_declared_by_migrations_are_registered_for_healing():
    importlib.import_module("clusterbridge.organisations.migrations.0003_search_index")
    assert {"marketplace_opportunity_fts", "organisations_organisation_fts"} <= set(REGISTRY)


def test_only_plain_names_are_accepted():
    with pytest.raises(ValueError, match="plain SQL names"):
        TextIndex(table="x; DROP TABLE y")
    with pytest.raises(ValueError, match="plain SQL names"):
        TextIndex(table="organisations_organisation", where=("status", "it's"))


def _sql(text: str) -> str:
    queryset = TEXT_INDEX.match(Organisation.objects.all(), search_terms(text))
    return str(queryset.query)


@sqlite_only
def test_terms_of_three_letters_or_more_go_through_one_match_shorter_ones_through_like():
    sql = _sql('laser "optics" ab')
    assert "organisations_organisation_fts MATCH" in sql
    assert sql.count("LIKE") == 1  # "ab"
    assert "MATCH" not in _sql("ab cd")


def test_terms_with_quotes_and_operators_are_plain_text():
    OrganisationFactory(name='The "Laser" OR Cluster')
    for text in ('"laser" or', "laser NOT", 'la"ser', "AND"):
        list(search(DirectoryQuery(text=text)))  # no syntax error
    assert [o.name for o in search(DirectoryQuery(text='"laser" or'))] == ['The "Laser" OR Cluster']


def found(text: str) -> list[str]:
    return [o.name for o in search(DirectoryQuery(text=text))]


def test_the_directory_index_follows_publication_edits_and_deletion(
    django_capture_on_commit_callbacks,
):
    org = OrganisationFactory(name="Basque Photonics Cluster", status="draft", published_at=None)
    admin = MembershipFactory(organisation=org).user
    assert found("photonics") == []
    Organisation.objects.filter(pk=org.pk).update(status="submitted")
    profiles.publish(organisation=org, actor=StaffFactory())
    assert found("basque photonics") == ["Basque Photonics Cluster"]
    org.refresh_from_db()
    profiles.update_profile(organisation=org, actor=admin, data={"name": "Basque Optics Cluster"})
    assert found("optics") == ["Basque Optics Cluster"]
    assert found("photonics") == []
    Organisation.objects.filter(pk=org.pk).update(status="returned")
    assert found("optics") == []
    Organisation.objects.filter(pk=org.pk).update(status="published")
    assert found("optics") == ["Basque Optics Cluster"]
    Organisation.objects.filter(pk=org.pk).delete()
    assert found("optics") == []


def _triggers() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
            [TEXT_INDEX.table],
        )
        return {row[0] for row in cursor.fetchall()}


@sqlite_only
def test_heal_rebuilds_an_index_whose_table_was_remade():
    OrganisationFactory(name="Alpha Laser Cluster")
    assert _triggers() == {f"{TEXT_INDEX.fts}_{x}" for x in ("insert", "delete", "update")}
    assert TEXT_INDEX.heal() is False  # intact
    with connection.cursor() as cursor:  # what a remake of the table leaves behind
        for name in sorted(_triggers()):
            cursor.execute(f"DROP TRIGGER {name}")
    Organisation.objects.filter(name="Alpha Laser Cluster").update(
        name="Alpha Maser Cluster", search_document="alpha maser cluster"
    )
    OrganisationFactory(name="Beta Laser Cluster")  # written while the triggers were missing
    assert found("laser") == ["Alpha Maser Cluster"]  # stale
    assert TEXT_INDEX.heal() is True
    assert len(_triggers()) == 3
    assert found("laser") == ["Beta Laser Cluster"]
    assert found("maser") == ["Alpha Maser Cluster"]
    assert TEXT_INDEX.heal() is False


@sqlite_only
def test_heal_does_not_recreate_an_index_that_was_dropped():
    index = TextIndex(table="organisations_organisation", column="search_document")
    with connection.cursor() as cursor:
        for sql in index.sqlite_backward():
            cursor.execute(sql)
    assert index.heal() is False
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = %s", [index.fts])
        assert cursor.fetchone() == (0,)
        for sql in index.sqlite_forward():
            cursor.execute(sql)
