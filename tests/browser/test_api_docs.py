"""The API documentation (Swagger UI) under the site's strict Content-Security-Policy."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_api_docs_render_the_operations_without_console_errors(page):
    """The `page` fixture fails the test on any console error, e.g. a CSP violation."""
    response = page.goto("/api/v1/docs/")
    assert response.status == 200
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Clusterbridge API")
    expect(page.locator("#operations-organisations-organisations_list")).to_be_visible()
    page.locator("#operations-organisations-organisations_list .opblock-summary").click()
    expect(page.locator("#operations-organisations-organisations_list .parameters")).to_be_visible()
