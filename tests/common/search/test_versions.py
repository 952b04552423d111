"""Cache versioning: per-domain numbers, keys with the format and the version, bump on commit."""

from __future__ import annotations

import pytest

from clusterbridge.common.search import versions

pytestmark = pytest.mark.django_db


def test_versions_start_at_one_and_bump_by_one_per_domain():
    assert versions.current("library") == 1
    versions.bump("library")
    versions.bump("library")
    assert versions.current("library") == 3
    assert versions.current("partnerships") == 1


def test_a_bump_without_a_number_in_the_cache_starts_at_two():
    versions.bump("calls")
    assert versions.current("calls") == 2


def test_keys_carry_domain_kind_format_version_and_parts():
    assert versions.key("library", "facets", "x", 7) == f"library:facets:{versions.FORMAT}:1:x:7"
    versions.bump("library")
    assert versions.key("library", "facets", "x", 7) == f"library:facets:{versions.FORMAT}:2:x:7"


def test_bump_on_commit_waits_for_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        versions.bump_on_commit("library")
    assert versions.current("library") == 1
    callbacks[0]()
    assert versions.current("library") == 2


def test_cached_computes_once_until_the_key_changes():
    calls = []

    def compute():
        calls.append(1)
        return ["value"]

    key = versions.key("library", "thing")
    assert versions.cached(key, compute, 60) == ["value"]
    assert versions.cached(key, compute, 60) == ["value"]
    assert len(calls) == 1
    versions.bump("library")
    assert versions.cached(versions.key("library", "thing"), compute, 60) == ["value"]
    assert len(calls) == 2


def test_digest_is_stable_and_short():
    assert versions.digest(("a", 1)) == versions.digest(("a", 1))
    assert versions.digest(("a", 1)) != versions.digest(("a", 2))
    assert len(versions.digest("x")) == 32
