"""Bad input to the API is a 4xx in the one JSON error shape, never a 500 (issue 9's probe)."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.test.client import BOUNDARY, encode_multipart
from rest_framework.authtoken.models import Token

from clusterbridge.events.models import EventKind
from tests.events.factories import EventFactory
from tests.factories import MembershipFactory, OrganisationFactory
from tests.marketplace.factories import opportunity

pytestmark = pytest.mark.django_db

DEEP = "[" * 100_000
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.fixture
def admin():
    membership = MembershipFactory(
        organisation=OrganisationFactory(name="Probe Cluster", slug="probe-cluster")
    )
    token = Token.objects.create(user=membership.user)
    return membership, {"Authorization": f"Token {token.key}"}


# -- bodies -----------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["post", "patch"])
def test_deeply_nested_json_is_a_parse_error(client, admin, method):
    """Before: RecursionError in the JSON parser, a 500."""
    membership, headers = admin
    url = {
        "post": "/api/v1/opportunities/",
        "patch": f"/api/v1/organisations/{membership.organisation.slug}/",
    }[method]
    response = getattr(client, method)(url, DEEP, content_type="application/json", headers=headers)
    assert response.status_code == 400
    assert response.json() == {
        "error": "parse_error",
        "message": "JSON parse error - the document is nested too deeply.",
    }


def test_deeply_nested_json_in_an_opportunity_patch(client, admin):
    membership, headers = admin
    posted = opportunity(user=membership.user, organisation=membership.organisation)
    response = client.patch(
        f"/api/v1/opportunities/{posted.reference}/",
        DEEP,
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400
    assert response.json()["error"] == "parse_error"


TOO_LARGE = {
    "error": "request_too_large",
    "message": "The request body is too large or has too many fields.",
}


@pytest.mark.parametrize("method", ["post", "patch"])
def test_a_json_body_over_the_limit_is_the_json_error_shape(client, admin, settings, method):
    """Before: Django's HTML 400 page."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000
    membership, headers = admin
    url = {
        "post": "/api/v1/opportunities/",
        "patch": f"/api/v1/organisations/{membership.organisation.slug}/",
    }[method]
    body = json.dumps({"title": "x" * 3_000})
    response = getattr(client, method)(url, body, content_type="application/json", headers=headers)
    assert response.status_code == 400
    assert response.json() == TOO_LARGE


@pytest.mark.parametrize("method", ["post", "patch"])
def test_a_multipart_body_over_the_limit_is_the_json_error_shape(client, admin, settings, method):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000
    membership, headers = admin
    url = {
        "post": "/api/v1/opportunities/",
        "patch": f"/api/v1/organisations/{membership.organisation.slug}/",
    }[method]
    body = encode_multipart(BOUNDARY, {"city": "x" * 3_000})
    response = getattr(client, method)(url, body, content_type=MULTIPART, headers=headers)
    assert response.status_code == 400
    assert response.json() == TOO_LARGE


def test_nul_in_a_multipart_patch_is_a_400(client, admin):
    """Django does not parse PATCH forms for the middleware; the API's parser checks them."""
    membership, headers = admin
    body = encode_multipart(BOUNDARY, {"city": "Ber\x00lin"})
    response = client.patch(
        f"/api/v1/organisations/{membership.organisation.slug}/",
        body,
        content_type=MULTIPART,
        headers=headers,
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": "parse_error",
        "message": "The field “city” contains a NUL character (%00); remove it.",
    }
    membership.organisation.refresh_from_db()
    assert membership.organisation.city == "Berlin"


def test_nul_in_a_related_code_of_a_json_patch_is_a_400(client, admin):
    """Before, on PostgreSQL: the lookup of the sector code "a\\0b" was a 500."""
    membership, headers = admin
    response = client.patch(
        f"/api/v1/organisations/{membership.organisation.slug}/",
        json.dumps({"sectors": ["a\u0000b"], "nuts_region": "\u0000"}),
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400
    assert response.json()["details"] == {"location": "json"}


# -- pages --------------------------------------------------------------------------------


LISTS = [
    "/api/v1/organisations/",
    "/api/v1/opportunities/",
    "/api/v1/labels/",
    "/api/v1/events/",
    "/api/v1/me/registrations/",
    "/api/v1/me/requests/",
    "/api/v1/organisations/probe-cluster/assessments/",
]


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page": "0"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page": "9" * 30}, "page"),
        ({"page": "²"}, "page"),
        ({"page": ""}, "page"),
        ({"page": "last"}, "page"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "null"}, "page_size"),
        ({"page_size": ""}, "page_size"),
    ],
)
def test_bad_page_parameters_are_a_400(client, admin, url, params, field):
    """Before: a 404 for page=0 (undocumented), page_size=null silently ignored."""
    response = client.get(url, params, headers=admin[1])
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "validation_error"
    assert list(body["details"]) == [field]


@pytest.mark.parametrize("url", LISTS)
def test_a_page_after_the_last_is_a_json_404(client, admin, url):
    response = client.get(url, {"page": "7"}, headers=admin[1])
    assert response.status_code == 404
    assert response.json() == {"error": "not_found", "message": "There is no page 7."}


@pytest.mark.parametrize("url", LISTS)
def test_a_huge_page_size_gives_at_most_100(client, admin, url):
    response = client.get(url, {"page_size": "9" * 30}, headers=admin[1])
    assert response.status_code == 200


# -- filters ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"when": "AAA"}, "when"),
        ({"kind": "party"}, "kind"),
        ({"country": "de"}, "country"),
        ({"sector": "nonsense"}, "sector"),
    ],
)
def test_event_list_refuses_unknown_filter_values(client, params, field):
    """Before: unknown values were silently ignored (the schema's enums said otherwise)."""
    response = client.get("/api/v1/events/", params)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "validation_error"
    assert list(body["details"]) == [field]


def test_event_list_filters(client):
    EventFactory(title="Berlin workshop", kind=EventKind.WORKSHOP, country="DE")
    EventFactory(title="Paris matchmaking", country="FR")
    response = client.get("/api/v1/events/", {"kind": "workshop", "country": "DE", "when": ""})
    assert response.status_code == 200
    assert [e["title"] for e in response.json()["results"]] == ["Berlin workshop"]


def test_regions_of_level_0_have_a_null_parent(client):
    response = client.get("/api/v1/taxonomies/regions/", {"level": "0", "country": "DE"})
    assert response.status_code == 200
    assert response.json() == [
        {"code": "DE", "level": 0, "name": response.json()[0]["name"], "country_code": "DE",
         "parent": None}
    ]  # fmt: skip
