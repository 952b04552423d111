"""The opportunities API: search with facets, detail, create and update, one error shape."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from clusterbridge.marketplace.models import Opportunity
from tests.factories import UserFactory
from tests.marketplace.factories import opportunity, poster

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_list_filters_and_facets(api):
    user, org = poster()
    post = opportunity(user=user, organisation=org)
    opportunity(user=user, organisation=org, kind="business_offer", title="Other", technologies=())
    data = api.get("/api/v1/opportunities/?kind=technology_offer").json()
    assert data["count"] == 1
    assert data["results"][0]["reference"] == post.reference
    assert data["facets"][0]["name"] == "kinds"
    bad = api.get("/api/v1/opportunities/?within=2")
    assert bad.status_code == 400
    assert bad.json()["error"] == "validation_error"


def test_create_update_and_permissions(api):
    user, org = poster()
    body = {
        "organisation": org.slug,
        "kind": "technology_request",
        "title": "Need sensors",
        "summary": "S",
        "technologies": ["photonics"],
        "publish": True,
    }
    api.force_authenticate(UserFactory())
    assert api.post("/api/v1/opportunities/", body, format="json").status_code == 403
    api.force_authenticate(user)
    response = api.post("/api/v1/opportunities/", body, format="json")
    assert response.status_code == 201, response.content
    reference = response.json()["reference"]
    assert response.json()["status"] == "published"
    response = api.patch(
        f"/api/v1/opportunities/{reference}/", {"title": "Need better sensors"}, format="json"
    )
    assert response.status_code == 200 and response.json()["title"] == "Need better sensors"
    response = api.patch(
        f"/api/v1/opportunities/{reference}/",
        {"development_stage": "market", "kind": "business_offer"},
        format="json",
    )
    assert response.status_code == 400
    response = api.post("/api/v1/opportunities/", {**body, "sectors": ["nope"]}, format="json")
    assert response.status_code == 400
    assert Opportunity.objects.count() == 1
    api.force_authenticate(None)
    draft = opportunity(user=user, organisation=org, publish=False)
    assert api.get(f"/api/v1/opportunities/{draft.reference}/").status_code == 404


def test_the_texts_carry_their_language(api, client):
    user, org = poster()
    body = {"organisation": org.slug, "kind": "technology_request", "title": "Capteurs",
            "summary": "Nous cherchons des capteurs.", "technologies": ["photonics"],
            "publish": True}  # fmt: skip
    api.force_authenticate(user)
    response = api.post("/api/v1/opportunities/", {**body, "description_language": "tlh"},
                        format="json")  # fmt: skip
    assert response.status_code == 400
    assert "description_language" in response.json()["details"]
    assert Opportunity.objects.count() == 0
    response = api.post("/api/v1/opportunities/", {**body, "description_language": "fr"},
                        format="json")  # fmt: skip
    assert response.status_code == 201, response.content
    assert response.json()["description_language"] == "fr"
    page = client.get(f"/marketplace/{response.json()['reference']}/").content.decode()
    assert '<div id="texts" lang="fr">' in page
