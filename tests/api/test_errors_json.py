import pytest


@pytest.mark.django_db
def test_unknown_api_path_is_a_json_404(client):
    response = client.get("/api/v1/no-such-endpoint/")
    assert response.status_code == 404
    assert response.json() == {
        "error": "not_found",
        "message": "No API endpoint at /api/v1/no-such-endpoint/.",
    }


@pytest.mark.django_db
def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/no%0Asuch/", "/api/v1/organisations/a%0Ab/x/"])
def test_an_api_path_with_a_newline_is_a_json_404(client, path):
    """Before: the catch-all's "." did not match the newline, so the HTML 404 page answered."""
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "patch", "put", "delete"])
def test_a_write_to_an_unknown_api_address_is_a_json_404_not_a_csrf_page(method):
    """A logged-in browser session (cookie, no CSRF token) writing to a malformed identifier
    used to get Django's HTML "403 CSRF verification failed" page."""
    from django.test import Client

    from tests.factories import UserFactory

    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())
    response = getattr(client, method)(
        "/api/v1/organisations/%C2%84/", data="{}", content_type="application/json"
    )
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"] == "not_found"
