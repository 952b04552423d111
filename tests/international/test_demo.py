import pytest

from clusterbridge.demo.generator import generate_demo, remove_demo
from clusterbridge.international import demo
from clusterbridge.international.models import Arrangement, CountryPage, Gateway

pytestmark = pytest.mark.django_db

EXPECTED = {
    "US",
    "KR",
    "TW",
    "JP",
    "CA",
    "IN",
    "BR",
    "MX",
    "SG",
    "CN",
    "AU",
    "ZA",
    "MA",
    "UA",
    "CL",
}


def _snapshot():
    return list(
        CountryPage.objects.order_by("slug").values_list("slug", "name", "priority", "capital")
    ) + list(
        Arrangement.objects.order_by("page__slug", "signed_on").values_list("title", "signed_on")
    )


def test_demo_country_pages_are_deterministic_and_labelled(client):
    summary = demo.generate(seed=3)
    assert summary == "Generated 15 country pages, 22 arrangements and 33 gateways."
    assert {p.country.code for p in CountryPage.objects.all()} == EXPECTED
    assert not CountryPage.objects.filter(is_demo=False).exists()
    assert not Gateway.objects.filter(is_demo=False).exists()
    assert all(p.sectors.exists() and p.latitude is not None for p in CountryPage.objects.all())
    first = _snapshot()
    demo.remove()
    assert CountryPage.objects.count() == Arrangement.objects.count() == 0
    demo.generate(seed=3)
    assert _snapshot() == first
    body = client.get("/international/us/").content.decode()
    assert "Demo data" in body and "Enterprise Europe Network" in body


def test_demo_leaves_real_pages_alone_and_runs_from_the_generator():
    from tests.international.factories import draft

    real = draft(country="US", name="USA (real)")
    generate_demo(organisations=20, seed=1)
    from clusterbridge.demo.generator import generate_app_demos

    assert any(line.startswith("Generated 14 country pages") for line in generate_app_demos(seed=1))
    remove_demo()
    assert list(CountryPage.objects.all()) == [real]
