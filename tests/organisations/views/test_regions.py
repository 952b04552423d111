"""The NUTS region choices of the profile form follow the country: the JSON endpoint."""

from __future__ import annotations

import pytest

from clusterbridge.taxonomy.models import NutsRegion

pytestmark = pytest.mark.django_db


def test_the_regions_of_a_country_are_its_level_two_regions(client):
    data = client.get("/organisations/regions.json?country=AT").json()
    expected = list(NutsRegion.objects.filter(level=2, country_code="AT").order_by("code"))
    assert data == {"regions": [[r.pk, str(r)] for r in expected]}
    assert [label.split()[0] for _id, label in data["regions"]][:3] == ["AT11", "AT12", "AT13"]


def test_greece_uses_the_nuts_code_el(client):
    labels = [
        label
        for _id, label in client.get("/organisations/regions.json?country=GR").json()["regions"]
    ]
    assert labels and all(label.startswith("EL") for label in labels)


@pytest.mark.parametrize("country", ["", "XX", "de'--", "A" * 300])
def test_an_unknown_country_is_a_clear_400(client, country):
    response = client.get("/organisations/regions.json", {"country": country})
    assert response.status_code == 400
    assert response.json()["error"].startswith("Unknown country code “")
