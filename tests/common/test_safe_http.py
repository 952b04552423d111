"""Fetching user-typed URLs: internal addresses refused at every hop, redirects by hand."""

from __future__ import annotations

import http.server
import socket
import threading

import pytest

from clusterbridge.common import safe_http
from clusterbridge.common.safe_http import RefusedURL, is_public_address, request_status


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.0.0.2",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata (AWS, GCP, Azure)
        "100.100.100.200",  # Alibaba Cloud metadata, in the shared 100.64.0.0/10
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fe80::1%eth0",
        "fd00:ec2::254",  # AWS metadata over IPv6
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "2002:7f00:1::1",  # 6to4 wrapping 127.0.0.1
        "not an address",
    ],
)
def test_internal_and_special_addresses_are_not_public(address):
    assert is_public_address(address) is False


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_are_public(address):
    assert is_public_address(address) is True


def test_allowed_networks_are_an_explicit_exception(settings):
    settings.WEBSITE_CHECK_ALLOWED_NETWORKS = ["127.0.0.2/32"]
    assert is_public_address("127.0.0.2") is True
    assert is_public_address("127.0.0.1") is False


def test_a_name_with_one_internal_address_among_public_ones_is_refused(monkeypatch):
    def fake_getaddrinfo(host, port, *args, **kwargs):
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.5", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    with pytest.raises(RefusedURL, match=r"non-public address \(10\.0\.0\.5\)"):
        request_status("http://mixed.example.test/")


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.org/", "http://user:pass@example.org/", "http:///x"],
)
def test_other_schemes_credentials_and_missing_hosts_are_refused(url):
    with pytest.raises(RefusedURL):
        request_status(url)


class _Server:
    """A local HTTP server on 127.0.0.2 that records the requests it gets."""

    def __init__(self, routes: dict[str, tuple[int, dict[str, str]]], host="127.0.0.2"):
        server_self = self
        self.requests: list[tuple[str, str, str]] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self):
                server_self.requests.append((self.command, self.path, self.headers["Host"]))
                status, headers = routes.get(self.path, (404, {}))
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value.format(port=server_self.port))
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_HEAD = do_GET = _answer

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer((host, 0), Handler)
        self.port = self.httpd.server_address[1]
        self.url = f"http://{host}:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def site(settings):
    settings.WEBSITE_CHECK_ALLOWED_NETWORKS = ["127.0.0.2/32"]
    server = _Server(
        {
            "/": (200, {}),
            "/moved": (301, {"Location": "/"}),
            "/loop": (302, {"Location": "/loop"}),
            "/see-other": (303, {"Location": "/"}),
        }
    )
    yield server
    server.close()


def test_redirects_within_allowed_addresses_are_followed(site):
    assert request_status(f"{site.url}/moved", method="HEAD") == 200
    assert [r[:2] for r in site.requests] == [("HEAD", "/moved"), ("HEAD", "/")]


def test_a_303_turns_a_get_into_a_get_and_keeps_a_head(site):
    assert request_status(f"{site.url}/see-other", method="HEAD") == 200
    assert [r[0] for r in site.requests] == ["HEAD", "HEAD"]


def test_redirect_loops_stop_after_the_hop_limit(site):
    with pytest.raises(RefusedURL, match="more than 5 redirects"):
        request_status(f"{site.url}/loop")
    assert len(site.requests) == safe_http.MAX_REDIRECTS + 1


def test_the_connection_goes_to_the_checked_address_with_the_original_host(site, monkeypatch):
    resolved = []
    real_getaddrinfo = socket.getaddrinfo

    def fake_getaddrinfo(host, port, *args, **kwargs):
        resolved.append(host)
        if host == "www.example.test":
            return real_getaddrinfo("127.0.0.2", port, *args, **kwargs)
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    assert request_status(f"http://www.example.test:{site.port}/") == 200
    # The name is resolved once, for the check; the connection uses the checked address.
    assert resolved == ["www.example.test", "127.0.0.2"]
    assert site.requests == [("GET", "/", f"www.example.test:{site.port}")]
