"""Cache versioning for read-side data (facet counts, map data, search results, rankings).

Each domain ("directory", "marketplace", …) has a version number in the cache. Keys of cached
data carry the domain's current number and ``FORMAT``; the services bump the number on commit
whenever published data changes (``bump_on_commit``), so every cached entry of the domain is
then stale at once, without listing keys. With a shared cache (REDIS_URL) every process sees
the bump immediately; with the default per-process memory cache other processes may serve old
entries until their timeout (60 s for the searches).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

# Part of every key: change it when what is cached changes shape (the Facet classes, the map
# payload, …), so that a shared cache never hands old pickles to new code.
FORMAT = "s1"

T = TypeVar("T")


def _version_key(domain: str) -> str:
    return f"{domain}:version"


def current(domain: str) -> int:
    return cache.get_or_set(_version_key(domain), 1, timeout=None)


def bump(domain: str) -> None:
    try:
        cache.incr(_version_key(domain))
    except ValueError:  # not in the cache (evicted, or a fresh cache)
        cache.set(_version_key(domain), 2, timeout=None)


def bump_on_commit(domain: str) -> None:
    """Bump once the surrounding transaction commits (at once outside a transaction)."""
    transaction.on_commit(lambda: bump(domain))


def digest(value: object) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()[:32]


def key(domain: str, kind: str, *parts: object) -> str:
    """``<domain>:<kind>:<FORMAT>:<version>:<parts…>``."""
    return ":".join([domain, kind, FORMAT, str(current(domain)), *(str(p) for p in parts)])


def cached(cache_key: str, compute: Callable[[], T], timeout: int) -> T:
    value = cache.get(cache_key)
    if value is None:
        value = compute()
        cache.set(cache_key, value, timeout=timeout)
    return value
