"""The client address: X-Forwarded-For only from trusted proxies, read from the right."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from clusterbridge.common.clientip import client_ip


def _ip(remote: str, forwarded: str | None = None) -> str | None:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote, **extra))


def test_without_trusted_proxies_the_header_is_ignored():
    assert _ip("198.51.100.7", "192.0.2.1") == "198.51.100.7"


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("10.0.0.2", "198.51.100.7", "198.51.100.7"),
        # The client's own additions stand to the left of what the proxy appended.
        ("10.0.0.2", "192.0.2.1, 198.51.100.7", "198.51.100.7"),
        # Two trusted proxies in a row are both skipped.
        ("10.0.0.2", "198.51.100.7, 10.0.0.3", "198.51.100.7"),
        # A request that did not come through a trusted proxy: its header is not believed.
        ("203.0.113.9", "192.0.2.1", "203.0.113.9"),
        # From the proxy but without the header (its own health check).
        ("10.0.0.2", None, "10.0.0.2"),
        ("10.0.0.2", "2001:db8::1", "2001:db8::1"),
        ("10.0.0.2", "[2001:db8::1]:443", "2001:db8::1"),
        ("10.0.0.2", "not-an-address", "10.0.0.2"),
        ("::ffff:10.0.0.2", "198.51.100.7", "198.51.100.7"),
    ],
)
def test_behind_trusted_proxies(settings, remote, forwarded, expected):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert _ip(remote, forwarded) == expected


def test_no_usable_connection_address():
    assert _ip("") is None
