"""Shared helpers for the scheduler tests (no Django, no database)."""

from __future__ import annotations

from typing import Any

import pytest


def instance_json(
    *,
    slots: int = 3,
    locations: list[int] | None = None,
    participants: list[dict[str, Any]] | None = None,
    meetings: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A small exchange-format instance: slots s1.. 30 minutes apart, tables t1.."""
    return {
        "slots": [
            {
                "id": f"s{k + 1}",
                "start": f"2026-05-20T{9 + k // 2:02d}:{30 * (k % 2):02d}:00",
                "minutes": 25,
            }
            for k in range(slots)
        ],
        "locations": [{"id": f"t{k + 1}", "seats": n} for k, n in enumerate(locations or [2])],
        "participants": participants
        if participants is not None
        else [{"id": "a"}, {"id": "b"}, {"id": "c"}],
        "meetings": meetings if meetings is not None else [],
    }


@pytest.fixture
def make_instance():
    return instance_json


def pytest_configure(config: pytest.Config) -> None:
    # Registered here (the scheduler's tests own it); --strict-markers needs every marker known.
    config.addinivalue_line(
        "markers", "slow: scheduler test of several seconds on a large generated event"
    )


# The project-wide tests/conftest.py has autouse fixtures that configure Django settings and
# clear Django's cache. The scheduler is a plain Python package and its tests need neither, so
# these same-named fixtures override them for this directory: the suite then runs with or
# without pytest-django (``pytest -p no:django tests/scheduling``).
@pytest.fixture(autouse=True)
def _test_settings() -> None:
    return None


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    return None
