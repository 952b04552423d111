"""The website check fetches what users typed: no internal address, at any redirect hop."""

from __future__ import annotations

import http.server
import socket
import threading

import pytest

from clusterbridge.organisations.tasks import check_website, website_answers
from tests.factories import OrganisationFactory

METADATA = "169.254.169.254"


class _Site:
    """A local server that records requests; ``routes`` maps a path to (status, Location)."""

    def __init__(self, host: str, routes: dict[str, tuple[int, str | None]]):
        hits = self.hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self):
                hits.append(self.path)
                status, location = routes.get(self.path, (404, None))
                self.send_response(status)
                if location:
                    self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_HEAD = do_GET = _answer

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer((host, 0), Handler)
        self.url = f"http://{host}:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def loopback_site():
    """A server on 127.0.0.1 that would answer 200: what an attacker wants to reach."""
    site = _Site("127.0.0.1", {"/": (200, None), "/admin": (200, None)})
    yield site
    site.close()


@pytest.fixture
def connections(monkeypatch):
    """Every address a connection is opened to."""
    opened: list[str] = []
    real = socket.create_connection

    def recording(address, *args, **kwargs):
        opened.append(address[0])
        if address[0] == METADATA:  # never wait for the real thing
            raise OSError("test: metadata service unreachable")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", recording)
    return opened


def test_a_loopback_address_is_refused_without_connecting(loopback_site, connections):
    assert website_answers(f"{loopback_site.url}/admin", timeout=2) is False
    assert (
        website_answers(loopback_site.url.replace("127.0.0.1", "localhost") + "/", timeout=2)
        is False
    )
    assert loopback_site.hits == []
    assert connections == []


def test_the_metadata_address_is_refused_without_connecting(connections):
    assert website_answers(f"http://{METADATA}/latest/meta-data/", timeout=2) is False
    assert connections == []


@pytest.fixture
def public_looking_site(settings, loopback_site):
    """A site on 127.0.0.2 standing in for a public one, redirecting to internal addresses."""
    settings.WEBSITE_CHECK_ALLOWED_NETWORKS = ["127.0.0.2/32"]
    site = _Site(
        "127.0.0.2",
        {
            "/": (200, None),
            "/to-loopback": (302, f"{loopback_site.url}/admin"),
            "/to-metadata": (301, f"http://{METADATA}/latest/meta-data/iam/"),
        },
    )
    yield site
    site.close()


def test_the_allowed_site_itself_answers(public_looking_site):
    assert website_answers(f"{public_looking_site.url}/", timeout=2) is True


def test_a_redirect_to_loopback_is_not_followed(public_looking_site, loopback_site, connections):
    assert website_answers(f"{public_looking_site.url}/to-loopback", timeout=2) is False
    assert loopback_site.hits == []
    assert set(connections) == {"127.0.0.2"}


def test_a_redirect_to_the_metadata_service_is_not_followed(public_looking_site, connections):
    assert website_answers(f"{public_looking_site.url}/to-metadata", timeout=2) is False
    assert METADATA not in connections
    assert public_looking_site.hits == ["/to-metadata"]  # HEAD refused at the redirect: no GET


@pytest.mark.django_db
def test_the_task_marks_an_internal_website_inactive(loopback_site, connections):
    org = OrganisationFactory(website=f"{loopback_site.url}/")
    assert check_website.enqueue(organisation_id=org.pk).return_value is False
    org.refresh_from_db()
    assert org.website_active is False
    assert loopback_site.hits == []
