"""Counting the audience without slowing requests and without tracking anybody.

What is counted: successful HTML page views (GET, status 200) of named pages, per day, page
group (the URL's name) and country; sessions — a visitor's first page of the day — per day and
country; views arriving from another site, per referring host. Not counted: people who send
Do-Not-Track or Global Privacy Control, robots, the admin, files, API calls, errors.

A session is recognised without a cookie: a digest of the day's secret salt, the client's
address and user agent is remembered in the cache until midnight (never in the database); the
salt itself lives only in the cache and changes every day, so yesterday's digests cannot be
recomputed. No address is stored anywhere.

Counts are kept in the process's buffer and written in one transaction when it holds
``AUDIENCE_FLUSH_EVENTS`` views or is ``AUDIENCE_FLUSH_SECONDS`` old — after the response is
sent (``request_finished``) — and at the process's normal exit. A failed
write (a locked SQLite database) puts the counts back for the next attempt. A process killed
with SIGKILL loses what it had not written yet (at most one buffer); that is the price of not
writing to the database on every request.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import re
import secrets
import threading
import time
from collections import Counter
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.utils import timezone

from clusterbridge.analytics import geo
from clusterbridge.analytics.models import CountKind
from clusterbridge.common.clientip import client_ip

logger = logging.getLogger(__name__)

Bucket = tuple[datetime.date, str, str, str]  # day, kind, key, country

ROBOTS = re.compile(
    r"bot|crawl|spider|slurp|preview|monitor|uptime|curl|wget|python-requests|headless", re.I
)
SKIPPED_NAMESPACES = ("admin", "api", "javascript-catalog")


class Buffer:
    """Counts waiting to be written (thread-safe; one per process)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[Bucket] = Counter()
        self._views = 0
        self._since = time.monotonic()

    def add(self, bucket: Bucket, n: int = 1) -> None:
        with self._lock:
            self._counts[bucket] += n
            if bucket[1] == CountKind.VIEW:
                self._views += n

    def due(self) -> bool:
        with self._lock:
            if not self._counts:
                return False
            return (
                self._views >= settings.AUDIENCE_FLUSH_EVENTS
                or time.monotonic() - self._since >= settings.AUDIENCE_FLUSH_SECONDS
            )

    def drain(self) -> dict[Bucket, int]:
        with self._lock:
            counts = dict(self._counts)
            self._counts.clear()
            self._views = 0
            self._since = time.monotonic()
            return counts

    def put_back(self, counts: dict[Bucket, int]) -> None:
        with self._lock:
            for bucket, n in counts.items():
                self._counts[bucket] += n
                if bucket[1] == CountKind.VIEW:
                    self._views += n

    def __len__(self) -> int:
        with self._lock:
            return len(self._counts)


BUFFER = Buffer()


def flush() -> int:
    """Write the buffered counts (one transaction); the number of buckets written."""
    from clusterbridge.analytics.services.audience import record_counts

    counts = BUFFER.drain()
    if not counts:
        return 0
    try:
        record_counts(counts=counts)
    except DatabaseError:
        BUFFER.put_back(counts)
        raise
    return len(counts)


def flush_quietly() -> None:
    try:
        flush()
    except Exception:  # counting must never break a request or a shutdown
        logger.warning("Audience counts not written yet; kept for the next flush", exc_info=True)


def flush_if_due(**_kwargs) -> None:
    """``request_finished`` receiver: the response is already sent."""
    if BUFFER.due():
        flush_quietly()


def opted_out(request) -> bool:
    return request.META.get("HTTP_DNT") == "1" or request.META.get("HTTP_SEC_GPC") == "1"


def page_group(request) -> str | None:
    match = getattr(request, "resolver_match", None)
    if match is None or not match.view_name:
        return None
    if match.view_name.split(":", 1)[0] in SKIPPED_NAMESPACES or match.view_name.startswith(
        "admin"
    ):
        return None
    return match.view_name[:200]


def countable(request, response) -> bool:
    if not settings.AUDIENCE_COUNTING or request.method != "GET" or response.status_code != 200:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    agent = request.META.get("HTTP_USER_AGENT", "")
    return bool(agent) and not ROBOTS.search(agent) and not opted_out(request)


def external_referrer(request) -> str:
    """The referring site's host when it is another site ("" otherwise); nothing else of it."""
    referrer = request.META.get("HTTP_REFERER", "")
    if not referrer:
        return ""
    try:
        host = (urlsplit(referrer).hostname or "").lower()
    except ValueError:
        return ""
    own = request.get_host().split(":", 1)[0].lower()
    return host[:200] if host and host != own else ""


def _seconds_to_midnight(now: datetime.datetime) -> int:
    tomorrow = (now + datetime.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(60, int((tomorrow - now).total_seconds()) + 60)


def new_session(request, day: datetime.date, now: datetime.datetime) -> bool:
    """Whether this is the visitor's first counted page today (see the module doc)."""
    timeout = _seconds_to_midnight(now)
    salt = cache.get_or_set(f"cb:aud:salt:{day.isoformat()}", secrets.token_hex(16), timeout)
    address = client_ip(request) or ""
    agent = request.META.get("HTTP_USER_AGENT", "")
    digest = hashlib.sha256(f"{salt}|{address}|{agent}".encode()).hexdigest()[:32]
    return cache.add(f"cb:aud:seen:{digest}", 1, timeout)


def count(request, response) -> None:
    if not countable(request, response):
        return
    group = page_group(request)
    if group is None:
        return
    now = timezone.localtime()
    day = now.date()
    country = geo.country_of(request)
    BUFFER.add((day, CountKind.VIEW, group, country))
    if referrer := external_referrer(request):
        BUFFER.add((day, CountKind.REFERRER, referrer, country))
    if new_session(request, day, now):
        BUFFER.add((day, CountKind.SESSION, "", country))


class AudienceMiddleware:
    """Counts the page after the view answered; never changes or fails the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        try:
            count(request, response)
        except Exception:
            logger.warning("Audience counting failed for one request", exc_info=True)
        return response
