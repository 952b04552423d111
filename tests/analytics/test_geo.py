"""The visitor's country from a MaxMind-format database (a small one written for the test),
then from the person's organisation, else unknown."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from mmdb_writer import MMDBWriter
from netaddr import IPSet

from clusterbridge.analytics import geo
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def country_database(tmp_path, settings):
    writer = MMDBWriter(ip_version=6, database_type="GeoLite2-Country", ipv4_compatible=True)
    writer.insert_network(IPSet(["203.0.113.0/24"]), {"country": {"iso_code": "es"}})
    writer.insert_network(IPSet(["198.51.100.0/24"]), {"registered_country": {"iso_code": "KR"}})
    writer.insert_network(IPSet(["2001:db8::/32"]), {"country": {"iso_code": "TW"}})
    path = tmp_path / "countries.mmdb"
    writer.to_db_file(str(path))
    settings.GEOIP_COUNTRY_DATABASE = str(path)
    geo._reader.cache_clear()
    yield path
    geo._reader.cache_clear()


def _request(address, user=None):
    request = RequestFactory().get("/", REMOTE_ADDR=address)
    request.user = user or UserFactory.build()
    return request


@pytest.mark.parametrize(
    ("address", "country"),
    [
        ("203.0.113.9", "ES"),  # upper-cased
        ("198.51.100.1", "KR"),  # the registered country when no country
        ("2001:db8::1", "TW"),
        ("192.0.2.1", ""),  # not in the database
    ],
)
def test_countries_from_the_database(country_database, address, country):
    assert geo.from_database(address) == country


def test_the_database_wins_over_the_profile(country_database):
    person = MembershipFactory(organisation=OrganisationFactory(country="FR")).user
    assert geo.country_of(_request("203.0.113.9", person)) == "ES"
    assert geo.country_of(_request("192.0.2.1", person)) == "FR"


def test_without_a_database_the_profile_or_unknown(settings):
    settings.GEOIP_COUNTRY_DATABASE = ""
    person = MembershipFactory(organisation=OrganisationFactory(country="FR")).user
    assert geo.country_of(_request("203.0.113.9", person)) == "FR"
    assert geo.country_of(_request("203.0.113.9")) == ""


def test_an_unreadable_database_falls_back(tmp_path, settings):
    broken = tmp_path / "broken.mmdb"
    broken.write_bytes(b"not a database")
    settings.GEOIP_COUNTRY_DATABASE = str(broken)
    geo._reader.cache_clear()
    try:
        assert geo.from_database("203.0.113.9") == ""
    finally:
        geo._reader.cache_clear()
