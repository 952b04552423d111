"""The organisations API: search with facets, errors in one JSON shape, token auth, PATCH."""

from __future__ import annotations

import json

import pytest

from clusterbridge.organisations.models import Organisation, ProfileChange, ProfileStatus
from tests.factories import (
    PASSWORD,
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
)
from tests.organisations.data import PUBLISHED_BY_NAME, build_directory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/organisations/"


@pytest.fixture
def orgs():
    return build_directory()


def detail_url(org: Organisation) -> str:
    return f"/api/v1/organisations/{org.slug}/"


def token_for(api, user) -> str:
    response = api.post(
        "/api/v1/auth/token/", {"email": user.email, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()["token"]


# -- list -----------------------------------------------------------------------------------


def test_list_returns_published_organisations_with_facets(api, orgs):
    response = api.get(LIST)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 5
    assert body["next"] is None
    assert [r["name"] for r in body["results"]] == PUBLISHED_BY_NAME
    berlin = body["results"][0]
    assert berlin == {
        "slug": "berlin-mobility-cluster",
        "name": "Berlin Mobility Cluster",
        "acronym": "",
        "kind": "cluster",
        "country": "DE",
        "region": "DE30",
        "city": "Berlin",
        "latitude": 52.52,
        "longitude": 13.405,
        "website": "",
        "short_description": "Electric vehicles and batteries.",
        "members_total": 60,
        "sectors": ["automotive"],
        "url": "/organisations/berlin-mobility-cluster/",
    }
    facets = {f["name"]: f for f in body["facets"]}
    assert list(facets) == [
        "kinds",
        "countries",
        "regions",
        "sectors",
        "specialised",
        "ecosystems",
        "technologies",
        "sizes",
    ]
    assert facets["countries"]["label"] == "Country"
    assert facets["countries"]["values"] == [
        {"value": "FR", "label": "France", "count": 2, "selected": False},
        {"value": "DE", "label": "Germany", "count": 2, "selected": False},
        {"value": "CH", "label": "Switzerland", "count": 1, "selected": False},
    ]


def test_list_with_filters(api, orgs):
    response = api.get(
        LIST, {"country": "DE", "sector": ["automotive", "metalworking-technology"], "sort": "size"}
    )
    body = response.json()
    assert [r["slug"] for r in body["results"]] == [
        "berlin-mobility-cluster",
        "munich-auto-tech-gmbh",
    ]
    countries = next(f for f in body["facets"] if f["name"] == "countries")
    assert {v["value"]: (v["count"], v["selected"]) for v in countries["values"]} == {
        "DE": (2, True),
        "FR": (1, False),
    }


def test_list_text_search_and_paging(api, orgs):
    response = api.get(LIST, {"q": "mobility", "page_size": 2})
    body = response.json()
    assert body["count"] == 4
    assert [r["name"] for r in body["results"]] == ["Berlin Mobility Cluster", "Paris Mobility Lab"]
    assert "page=2" in body["next"]
    page2 = api.get(LIST, {"q": "mobility", "page_size": 2, "page": 2}).json()
    assert [r["name"] for r in page2["results"]] == [
        "Lyon Biotech University",
        "Munich Auto Tech GmbH",
    ]


@pytest.mark.parametrize(
    ("params", "message", "field"),
    [
        ({"country": "XX"}, "Unknown country code “XX”.", "country"),
        ({"sector": "nonsense"}, "Unknown sector “nonsense”.", "sector"),
        ({"region": "ZZ99"}, "Unknown NUTS region code “ZZ99”.", "region"),
        ({"page": "abc"}, "The page must be a whole number.", "page"),
        (
            {"sort": "random"},
            "Unknown sort order “random”; use one of: relevance, name, newest, size, specialisation.",
            "sort",
        ),
    ],
)
def test_list_invalid_parameters_are_400_json(api, params, message, field):
    response = api.get(LIST, params)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "validation_error"
    assert body["message"] == message
    assert body["details"][field][0]["message"] == message


def test_list_page_past_the_end_is_a_json_404(api, orgs):
    response = api.get(LIST, {"page": 99})
    assert response.status_code == 404
    assert response.json() == {"error": "not_found", "message": "There is no page 99."}


# -- detail ---------------------------------------------------------------------------------


def test_detail_of_a_published_organisation(api, orgs):
    response = api.get(detail_url(orgs["zurich"]))
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Zürich Photonics Cluster"
    assert body["status"] == "published"
    assert body["technologies"] == ["photonics"]
    assert body["members_smes"] == 15
    assert body["logo"] is None
    assert body["management_fte"] is None


def test_detail_of_a_draft_is_404_for_anonymous_and_outsiders(api, orgs):
    url = detail_url(orgs["draft"])
    response = api.get(url)
    assert response.status_code == 404
    assert response.json() == {
        "error": "not_found",
        "message": "No organisation with this identifier.",
    }
    outsider = UserFactory()
    response = api.get(url, HTTP_AUTHORIZATION=f"Token {token_for(api, outsider)}")
    assert response.status_code == 404
    assert api.get("/api/v1/organisations/nope/").status_code == 404


def test_detail_of_a_draft_for_a_member(api, orgs):
    member = MembershipFactory(organisation=orgs["draft"], role="member").user
    response = api.get(
        detail_url(orgs["draft"]), HTTP_AUTHORIZATION=f"Token {token_for(api, member)}"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "draft"


# -- token ----------------------------------------------------------------------------------


def test_token_is_stable_and_wrong_password_is_refused(api):
    user = UserFactory()
    assert token_for(api, user) == token_for(api, user)
    response = api.post(
        "/api/v1/auth/token/", {"email": user.email, "password": "wrong"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": "invalid_credentials",
        "message": "Unknown e-mail address or wrong password.",
    }
    response = api.post("/api/v1/auth/token/", {"email": "not-an-email"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"] == "validation_error"
    assert set(response.json()["details"]) == {"email", "password"}


# -- PATCH ----------------------------------------------------------------------------------


@pytest.fixture
def admin_setup(api):
    org = OrganisationFactory(
        name="Patch Org", country="DE", region="DE30", city="Berlin", sectors=["automotive"]
    )
    admin = MembershipFactory(organisation=org).user
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(api, admin)}")
    return org, admin


def patch(api, org, payload):
    return api.patch(detail_url(org), data=json.dumps(payload), content_type="application/json")


def test_patch_by_admin(api, admin_setup):
    org, admin = admin_setup
    response = patch(
        api,
        org,
        {
            "city": "Potsdam",
            "sectors": ["automotive", "biopharmaceuticals"],
            "technology_keywords": ["batteries", " Batteries ", "hydrogen"],
            "management_fte": "1.5",
            "members_smes": 40,
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["city"] == "Potsdam"
    assert body["sectors"] == ["automotive", "biopharmaceuticals"]
    assert body["technology_keywords"] == ["batteries", "hydrogen"]
    assert body["management_fte"] == "1.50"
    assert body["members_total"] == 40
    org.refresh_from_db()
    assert org.city == "Potsdam"
    assert org.size_band == "15-49"
    change = ProfileChange.objects.get(organisation=org)
    assert change.actor == admin
    assert change.changes == {
        "city": ["Berlin", "Potsdam"],
        "sectors": [["automotive"], ["automotive", "biopharmaceuticals"]],
        "technology_keywords": [[], ["batteries", "hydrogen"]],
        "management_fte": [None, "1.5"],
        "members_smes": [0, 40],
    }


def test_member_counts_of_a_kind_without_members_are_dropped(api, admin_setup):
    org, _ = admin_setup
    response = patch(api, org, {"members_smes": 40})
    assert response.json()["members_total"] == 40
    response = patch(api, org, {"kind": "sme"})
    assert response.status_code == 200, response.content
    assert response.json()["members_total"] == 0
    response = patch(api, org, {"members_smes": 7})
    assert response.json()["members_total"] == 0
    org.refresh_from_db()
    assert (org.kind, org.members_smes) == ("sme", 0)


def test_the_descriptions_language_is_a_language_code(api, admin_setup):
    org, _ = admin_setup
    response = patch(api, org, {"description_language": "pt"})
    assert response.status_code == 200, response.content
    assert response.json()["description_language"] == "pt"
    response = patch(api, org, {"description_language": "klingon"})
    assert response.status_code == 400
    org.refresh_from_db()
    assert org.description_language == "pt"


def test_patch_country_and_region_together(api, admin_setup):
    org, _ = admin_setup
    response = patch(api, org, {"country": "GR", "nuts_region": "EL30"})
    assert response.status_code == 200, response.content
    assert (response.json()["country"], response.json()["region"]) == ("GR", "EL30")


def test_patch_by_non_admin_is_403(api):
    org = OrganisationFactory()
    member = MembershipFactory(organisation=org, role="member").user
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(api, member)}")
    response = patch(api, org, {"city": "Nowhere"})
    assert response.status_code == 403
    assert response.json() == {
        "error": "permission_denied",
        "message": "Only an administrator of this organisation may change its profile.",
    }
    org.refresh_from_db()
    assert org.city == "Berlin"


def test_patch_by_staff_is_allowed(api):
    org = OrganisationFactory()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(api, StaffFactory())}")
    assert patch(api, org, {"city": "Bonn"}).status_code == 200


def test_patch_anonymous_is_401(api):
    org = OrganisationFactory()
    response = patch(api, org, {"city": "Nowhere"})
    assert response.status_code == 401
    assert response.json()["error"] == "not_authenticated"
    assert response["WWW-Authenticate"] == "Token"
    response = api.patch(
        detail_url(org),
        data="{}",
        content_type="application/json",
        HTTP_AUTHORIZATION="Token wrong",
    )
    assert response.status_code == 401
    assert response.json()["error"] == "authentication_failed"


def test_patch_draft_of_another_organisation_is_404(api, admin_setup):
    draft = OrganisationFactory(status=ProfileStatus.DRAFT, published_at=None)
    assert patch(api, draft, {"city": "X"}).status_code == 404


def test_patch_malformed_json_is_400(api, admin_setup):
    org, _ = admin_setup
    response = api.patch(detail_url(org), data='{"city": ', content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "parse_error"
    assert body["message"].startswith("JSON parse error")


def test_patch_with_a_json_array_is_400(api, admin_setup):
    org, _ = admin_setup
    response = api.patch(detail_url(org), data="[1, 2]", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "error": "validation_error",
        "message": "The request body must be a JSON object.",
    }


@pytest.mark.parametrize(
    ("payload", "details"),
    [
        ({"website": "not a url"}, {"website": ["Enter a valid URL."]}),
        ({"sectors": ["automotive", "nonsense"]}, {"sectors": ["Object with code=nonsense does not exist."]}),
        ({"nuts_region": "FR10"}, {"nuts_region": ["The region FR10 is not in the selected country."]}),
        ({"country": "FR"}, {"nuts_region": ["The region DE30 is not in the selected country."]}),
        ({"latitude": 95}, {"latitude": ["Ensure this value is less than or equal to 90."]}),
        ({"latitude": None}, {"latitude": ["Give both latitude and longitude, or neither."]}),
        ({"kind": "castle"}, {"kind": ["\"castle\" is not a valid choice."]}),
        ({"technology_keywords": ["<script>"]}, {"technology_keywords": ["Technology keywords: “<script>” contains characters that are not allowed."]}),
        ({"members_smes": -1}, {"members_smes": ["Ensure this value is greater than or equal to 0."]}),
        ({"name": "   "}, {"name": ["This field may not be blank."]}),
    ],
)  # fmt: skip
def test_patch_validation_errors_are_400_with_field_details(api, admin_setup, payload, details):
    org, _ = admin_setup
    response = patch(api, org, {"city": "Half Written", **payload})
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["error"] == "validation_error"
    assert body["details"] == details
    field, messages = next(iter(details.items()))
    assert body["message"] == f"{field}: {messages[0]}"
    org.refresh_from_db()
    assert org.city == "Berlin"  # nothing half-written
    assert list(org.sectors.values_list("code", flat=True)) == ["automotive"]
    assert not ProfileChange.objects.filter(organisation=org).exists()


def test_patch_duplicate_name_is_400(api, admin_setup):
    org, _ = admin_setup
    OrganisationFactory(name="Other Org")
    response = patch(api, org, {"name": "other ORG"})
    assert response.status_code == 400
    assert response.json()["details"] == {
        "name": ["An organisation called “other ORG” is already registered."]
    }


def test_schema_endpoint(api):
    response = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["info"]["title"] == "Clusterbridge API"
    assert "/api/v1/organisations/" in schema["paths"]
    assert "patch" in schema["paths"]["/api/v1/organisations/{slug}/"]


def test_docs_page(client):
    assert client.get("/api/v1/docs/").status_code == 200
