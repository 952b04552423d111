"""Every URL pattern of the site, called with odd values, never answers a server error.

The patterns are enumerated from the URL configuration, so a new page is probed without being
listed here. Each is called as an anonymous visitor, as a member (administrator of the
organisation that owns the probed event, opportunity and benchmark, and participant of the
event) and as staff:

- with real path parameters, then with odd ones in their place ("²", a 300-digit value, 0, a
  30-digit number, a NUL character);
- pages that answer 200 again with odd query values (page=0, 10^30, "²", sort=unknown,
  page_size=0, filter values that are no codes or 3,000 digits long, NUL);
- pages that take a POST with odd form values ("²" and 30-digit numbers wherever an id or a
  number is expected, "answer-²" keys, a time limit of nan).

Staff get the odd paths and one odd POST per page (their views are the members'), members
the odd queries of the pages the anonymous visitor could not see; NUL, which is refused before
any view, is sent by the anonymous visitor only.

Admin (Django's own) is left out; allauth's two patterns with regular expressions get cases
of their own.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from clusterbridge.marketplace.services import messaging
from clusterbridge.notifications.models import Notification
from tests.benchmarking.factories import answered_assessment
from tests.events.factories import EventFactory, RegistrationFactory, add_slots
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory, UserFactory
from tests.marketplace.factories import opportunity

pytestmark = pytest.mark.django_db

BIG = "9" * 30
LONG = "9" * 300  # long, and a number too big for any integer column
ODD_TEXT = ["²", LONG]
ODD_SLUG = [LONG]
ODD_INT = ["0", BIG]
FILTERS = (
    "q",
    "kind",
    "country",
    "region",
    "sector",
    "ecosystem",
    "technology",
    "size",
    "label",
    "level",
    "when",
    "within",
    "organisation_kind",
    "status",
    "organisation",
)
ODD_QUERIES = [
    {"page": "0"},
    {"page": BIG},
    {"page": "²", "sort": "unknown", "format": "²", "page_size": "0",
     **dict.fromkeys(FILTERS, "²")},
    # 3,000 digits: too long for any field, too big for any integer column
    {"page_size": BIG, **dict.fromkeys(FILTERS, "9" * 3000)},
]  # fmt: skip
ID_NAMES = ("id", "seen", "unavailable", "slot", "table", "registration", "meeting",
            "recipient", "organisation", "count", "seats", "minutes", "satisfaction",
            "capacity", "year_founded", "page", "level")  # fmt: skip
ODD_POSTS = [
    dict.fromkeys((*ID_NAMES, "answer-²", "comment-²", "time_limit", "action", "answer", "decision", "role", "status", "held", "kind"), "²"),
    dict.fromkeys((*ID_NAMES, f"answer-{BIG}", f"comment-{BIG}", "time_limit"), BIG),
    {"time_limit": "nan", "action": "validate", "answer": "accept"},
]  # fmt: skip
# allauth's patterns written as regular expressions.
EXTRA_URLS = [
    "/accounts/confirm-email/%C2%B2/",
    f"/accounts/confirm-email/{BIG}/",
    "/accounts/password/reset/key/1-%C2%B2/",
    f"/accounts/password/reset/key/{BIG}-x/",
]


def _patterns(resolvers, prefix=""):
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def _routes() -> list[str]:
    return [
        route
        for route in _patterns(get_resolver().url_patterns)
        if not route.startswith("admin/") and "^" not in route and "(?P" not in route
    ]


PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


@pytest.fixture
def world():
    membership = MembershipFactory(
        organisation=OrganisationFactory(name="Probe Cluster", slug="probe-cluster",
                                         sectors=["automotive"], region="DE30")
    )  # fmt: skip
    member, organisation = membership.user, membership.organisation
    other = UserFactory()
    event = EventFactory(slug="probe-event", organiser=organisation)
    RegistrationFactory(event=event, user=member, organisation=organisation)
    RegistrationFactory(event=event, user=other)
    add_slots(event, 2)
    posted = opportunity(user=member, organisation=organisation)
    conversation = messaging.start_direct_conversation(
        sender=other, recipient=member, subject="Hello", body="Hi"
    )
    assessment = answered_assessment(organisation, member, evidence=False)
    Notification.objects.create(user=member, kind="test.kind")
    return {
        "member": member,
        "staff": StaffFactory(),
        "values": {
            "events": {"slug": event.slug},
            "marketplace/messages": {"pk": str(conversation.pk)},
            "benchmarking/assessments": {"pk": str(assessment.pk)},
            "api/v1/assessments": {"pk": str(assessment.pk)},
            "api/v1/me/agenda": {"slug": event.slug},
            "": {
                "slug": organisation.slug,
                "reference": posted.reference,
                "token": "no-such-token",
                "folder": "logos",
                "path": "none.png",
            },
        },
    }


def _real_value(world, route: str, name: str) -> str:
    for prefix, values in world["values"].items():
        if prefix and route.startswith(prefix) and name in values:
            return values[name]
    return world["values"][""].get(name, "1")


def _fill(route: str, values: dict[str, str]) -> str:
    return "/" + PARAMETER.sub(lambda m: values[m.group(2)], route)


def _probe(world, who: str, client: Client, public: set[str]) -> list[tuple]:
    """Probe every route as ``who``; ``public`` collects the pages the anonymous visitor saw,
    whose odd queries a member need not send again."""
    failures = []

    def call(method, url, data=None):
        response = getattr(client, method)(url, data or {})
        if response.status_code >= 500:
            failures.append((who, method.upper(), url, data, response.status_code))
        return response

    for route in _routes():
        parameters = PARAMETER.findall(route)
        real = {name: _real_value(world, route, name) for _kind, name in parameters}
        url = _fill(route, real)
        page = call("get", url)
        for kind, name in parameters:
            odd = {"int": ODD_INT, "slug": ODD_SLUG, "uslug": ODD_SLUG}.get(kind, ODD_TEXT)
            if who == "anonymous":  # refused before any view, whoever asks
                odd = [*odd, "a\x00b"]
            for value in odd:
                call("get", _fill(route, {**real, name: value}))
        # Staff see the same views as members: their odd queries and posts add little time.
        if page.status_code == 200 and who == "anonymous":
            public.add(url)
            call("get", url, {"country": "\x00"})
        if page.status_code == 200 and who != "staff" and (who == "anonymous" or url not in public):
            for query in ODD_QUERIES:
                call("get", url, query)
        if who != "anonymous" and call("post", url).status_code != 405:
            for data in ODD_POSTS if who == "member" else ODD_POSTS[:1]:
                call("post", url, data)
    for url in EXTRA_URLS:
        call("get", url)
    return failures


def test_no_url_answers_a_server_error_to_odd_input(world):
    """One test for the three visitors: the world is costly to build (a whole benchmark)."""
    failures, public = [], set()
    for who in ("anonymous", "member", "staff"):
        client = Client(raise_request_exception=False)
        if who != "anonymous":
            client.force_login(world[who])
        failures += _probe(world, who, client, public)
    assert failures == [], "\n".join(
        f"{who} {method} {url} {data!r}: {status}" for who, method, url, data, status in failures
    )
