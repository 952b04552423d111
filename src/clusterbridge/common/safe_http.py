"""Requests to addresses that users typed (e.g. an organisation's website), without SSRF.

A URL a user typed must never make the server talk to itself, to the internal network or to a
cloud metadata service. So, at every hop:

- only http and https, without credentials in the URL;
- the host name is resolved and *every* address it resolves to must be public (not private,
  loopback, link-local — which includes the 169.254.169.254 metadata service —, shared,
  reserved, multicast or unspecified), otherwise the request is refused;
- the connection goes to one of those checked addresses (the name is not resolved again, so a
  DNS answer cannot change in between), with the original host name in ``Host`` and for TLS;
- redirects are followed by hand, each target checked the same way, at most ``MAX_REDIRECTS``.

``settings.WEBSITE_CHECK_ALLOWED_NETWORKS`` may list networks that are allowed anyway (an
intranet installation; the test suite's local servers). No proxy from the environment is used.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings

MAX_REDIRECTS = 5
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
USER_AGENT = "Clusterbridge website check"


class RefusedURL(Exception):
    """The URL, or an address it resolves or redirects to, may not be fetched."""


def _allowed_networks():
    return [
        ipaddress.ip_network(net, strict=False)
        for net in getattr(settings, "WEBSITE_CHECK_ALLOWED_NETWORKS", ())
    ]


def is_public_address(value: str) -> bool:
    """True for an address on the public internet; False for anything internal or special."""
    try:
        address = ipaddress.ip_address(value.split("%", 1)[0])  # drop an IPv6 zone ("fe80::1%eth0")
    except ValueError:
        return False
    if any(address.version == net.version and address in net for net in _allowed_networks()):
        return True
    candidates = [address]
    if isinstance(address, ipaddress.IPv6Address):
        # IPv4 addresses embedded in IPv6 (::ffff:127.0.0.1, 6to4, Teredo) are judged as IPv4 too.
        embedded = [address.ipv4_mapped, address.sixtofour, *(address.teredo or ())]
        candidates.extend(a for a in embedded if a is not None)
    return all(
        a.is_global
        and not (
            a.is_private
            or a.is_loopback
            or a.is_link_local
            or a.is_multicast
            or a.is_reserved
            or a.is_unspecified
        )
        for a in candidates
    )


def resolve_public(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, all checked; RefusedURL if any one is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise RefusedURL(f"{host} does not resolve") from exc
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise RefusedURL(f"{host} does not resolve")
    refused = [a for a in addresses if not is_public_address(a)]
    if refused:
        raise RefusedURL(f"{host} resolves to a non-public address ({refused[0]})")
    return addresses


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to a checked address; ``host`` stays the name for the Host header."""

    def __init__(self, host, port, *, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, *, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


@dataclass(frozen=True)
class Answer:
    status: int
    location: str | None


def _request_once(url: str, method: str, timeout: float) -> Answer:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise RefusedURL(f"the scheme {parts.scheme or '(none)'} is not allowed")
    if parts.username is not None or parts.password is not None:
        raise RefusedURL("credentials in the URL are not allowed")
    host = parts.hostname
    if not host:
        raise RefusedURL("no host name")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise RefusedURL("invalid port") from exc
    addresses = resolve_public(host, port)
    connection_class = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    last_error: OSError | None = None
    for address in addresses:
        connection = connection_class(host, port, address=address, timeout=timeout)
        try:
            connection.request(method, path, headers={"User-Agent": USER_AGENT})
            response = connection.getresponse()
            return Answer(response.status, response.getheader("Location"))
        except OSError as exc:  # refused, unreachable, timed out: try the next address
            last_error = exc
        finally:
            connection.close()
    raise last_error or OSError("no address answered")


def request_status(url: str, *, method: str = "GET", timeout: float = 10) -> int:
    """The final status of ``url``, redirects followed (each hop checked). Raises RefusedURL,
    OSError (network errors, timeouts) or http.client.HTTPException."""
    for _hop in range(MAX_REDIRECTS + 1):
        answer = _request_once(url, method, timeout)
        if answer.status not in REDIRECT_STATUSES or not answer.location:
            return answer.status
        url = urljoin(url, answer.location)
        if answer.status == 303 and method != "HEAD":
            method = "GET"
    raise RefusedURL(f"more than {MAX_REDIRECTS} redirects")
