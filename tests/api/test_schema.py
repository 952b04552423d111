"""The OpenAPI schema: no generator warnings (clean names for generated clients), the errors
each operation can answer documented, and the docs page served under the strict CSP."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_schema_generates_without_warnings_and_validates(tmp_path):
    """As `clusterbridge spectacular --validate --fail-on-warn`: it raises on any warning
    (duplicate operationIds, colliding enum names, unresolvable fields)."""
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))
    assert (tmp_path / "s.yml").read_text().startswith("openapi: 3.0.3")


def test_operation_ids_are_unique_and_named(schema):
    ids = [op["operationId"] for path in schema["paths"].values() for op in path.values()]
    assert len(ids) == len(set(ids))
    assert {"organisations_list", "opportunities_list", "opportunities_retrieve"} <= set(ids)


def test_enums_have_their_own_names(schema):
    components = schema["components"]["schemas"]
    assert components["OpportunityKindEnum"]["enum"][0] == "technology_offer"
    assert components["EventKindEnum"]["enum"][0] == "matchmaking"
    assert not [name for name in components if re.fullmatch(r"Kind[0-9a-f]{3}Enum", name)]


def _responses(schema, path, method):
    return sorted(schema["paths"][path][method]["responses"])


@pytest.mark.parametrize(
    ("path", "method", "codes"),
    [
        ("/api/v1/events/", "get", ["200", "400", "401", "404"]),
        ("/api/v1/events/{slug}/", "get", ["200", "400", "401", "404"]),
        ("/api/v1/me/registrations/", "get", ["200", "400", "401", "404"]),
        ("/api/v1/taxonomies/sectors/", "get", ["200", "400", "401"]),
        ("/api/v1/auth/token/", "post", ["200", "400", "403", "429"]),
        ("/api/v1/organisations/{slug}/", "patch", ["200", "400", "401", "403", "404"]),
    ],
)
def test_error_responses_are_documented(schema, path, method, codes):
    assert _responses(schema, path, method) == codes
    error = schema["paths"][path][method]["responses"]["400"]["content"]["application/json"]
    assert error["schema"] == {"$ref": "#/components/schemas/Error"}


def test_page_parameters_have_their_bounds(schema):
    for path in ("/api/v1/events/", "/api/v1/organisations/", "/api/v1/labels/"):
        parameters = {p["name"]: p["schema"] for p in schema["paths"][path]["get"]["parameters"]}
        assert parameters["page"] == {"type": "integer", "minimum": 1, "maximum": 100_000}
        assert parameters["page_size"] == {"type": "integer", "minimum": 1}


def test_a_region_parent_is_nullable(schema):
    parent = schema["components"]["schemas"]["NutsRegion"]["properties"]["parent"]
    assert parent["nullable"] is True


def test_docs_page_has_no_inline_style_or_script(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<style" not in html
    assert re.findall(r"<script(?: [^>]*)?>", html) == [
        f'<script src="{src}">' for src in re.findall(r'<script src="([^"]+)">', html)
    ]
    assert '<link rel="stylesheet" href="/static/api/docs.css">' in html
    assert client.get("/api/v1/docs/?script=").status_code == 200
