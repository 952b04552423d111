"""RejectNulMiddleware: a NUL character in any input is a 400 before a view runs (PostgreSQL
cannot store or compare one); too large API bodies get the API's JSON error shape."""

import json

import pytest
from django.test import Client

from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

HTML_MESSAGE = "The request contains a NUL character (%00) in {where}; remove it."


def _api_error(where: str, details: dict) -> dict:
    return {
        "error": "bad_request",
        "message": HTML_MESSAGE.format(where=where),
        "details": details,
    }


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    ("url", "where"),
    [
        ("/invitations/abc%00def/", "the address"),
        ("/marketplace/CB%00X/", "the address"),
        ("/organisations/?q=%00", "the query string"),
        ("/events/?country=%00", "the query string"),
        ("/organisations/?a%00b=1", "the query string"),
    ],
)
def test_nul_in_a_page_address_is_the_html_400_page(client, url, where):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/html; charset=utf-8"
    body = response.content.decode()
    assert "<h1>Bad request</h1>" in body
    assert HTML_MESSAGE.format(where=where) in body


@pytest.mark.parametrize(
    ("url", "where", "details"),
    [
        (
            "/api/v1/events/?country=%00",
            "the query string",
            {"location": "query", "name": "country"},
        ),
        ("/api/v1/events/?sector=%00", "the query string", {"location": "query", "name": "sector"}),
        (
            "/api/v1/taxonomies/regions/?country=%00",
            "the query string",
            {"location": "query", "name": "country"},
        ),
        ("/api/v1/opportunities/CB%00X/", "the address", {"location": "path"}),
        ("/api/v1/organisations/a%00b/", "the address", {"location": "path"}),
    ],
)
def test_nul_in_an_api_address_is_a_json_400(client, url, where, details):
    response = client.get(url)
    assert response.status_code == 400
    assert response.json() == _api_error(where, details)


def test_nul_in_a_header_is_a_400(client):
    response = client.get("/api/v1/organisations/", headers={"Authorization": "Token abc\x00"})
    assert response.status_code == 400
    assert response.json() == _api_error(
        "a header", {"location": "header", "name": "AUTHORIZATION"}
    )


def test_a_cookie_with_nul_is_dropped_not_looked_up(client):
    member = MembershipFactory().user
    client.force_login(member)
    assert client.get("/me/").status_code == 200
    client.cookies["sessionid"] = "\x00" + client.cookies["sessionid"].value
    response = client.get("/me/")
    assert response.status_code == 302  # as if there were no session: log in first
    assert response["Location"] == "/accounts/login/?next=/me/"


@pytest.mark.parametrize(
    "data",
    [
        {"id": "1\x00"},
        {"name\x00": "x"},
        {"id": "1", "note": ["ok", "not\x00ok"]},
    ],
)
def test_nul_in_posted_form_fields_is_a_400(client, data):
    client.force_login(MembershipFactory().user)
    response = client.post("/notifications/read/", data)
    assert response.status_code == 400
    assert HTML_MESSAGE.format(where="the form data") in response.content.decode()


@pytest.mark.parametrize(
    "body",
    [
        '{"title": "a\\u0000b"}',
        '{"a\\u0000": 1}',
        '["\\\\\\u0000"]',  # an escaped backslash, then the NUL escape
        '{"title": "a\x00b"}',
    ],
)
def test_nul_in_a_json_body_is_a_400(client, body):
    response = client.post("/api/v1/opportunities/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == _api_error("the JSON body", {"location": "json"})


def test_an_escaped_backslash_before_u0000_is_no_nul(client):
    """``"\\\\u0000"`` is a backslash followed by the text "u0000": not refused as a NUL."""
    response = client.post(
        "/api/v1/opportunities/", '{"title": "\\\\u0000"}', content_type="application/json"
    )
    assert response.status_code == 401  # reached the view (which wants a token)


def test_a_json_body_over_the_size_limit_is_the_api_error_shape(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(
        "/api/v1/opportunities/",
        json.dumps({"title": "x" * 2000}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": "request_too_large",
        "message": "The request body is too large or has too many fields.",
    }


def test_a_page_form_over_the_size_limit_is_the_html_400_page(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client.force_login(MembershipFactory().user)
    response = client.post("/notifications/read/", {"id": "1" * 2000})
    assert response.status_code == 400
    assert "<h1>Bad request</h1>" in response.content.decode()


def test_clean_requests_pass(client):
    assert client.get("/organisations/?q=cluster").status_code == 200
    assert client.get("/api/v1/events/?country=DE").status_code == 200
