"""The directory, the map, an organisation page, the registration form, members, the staff
queue and review in French and German: no English left in the main content, reasons and the
checklist in the reader's language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from django_countries import countries

from clusterbridge.organisations.models import ProfileStatus
from clusterbridge.taxonomy.models import (
    ClusterCategory,
    IndustrialEcosystem,
    NutsRegion,
    Technology,
)
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, StaffFactory
from tests.i18n import english_fallbacks

pytestmark = pytest.mark.django_db

LANGUAGES = ("fr", "de")
# Words that are the same in the translation (checked by hand), per language.
SAME = {
    "fr": [
        "organisations",
        "Organisation",
        "Actions",
        "E-mail",
        "Contacts",
        "Pages",
        "Invitations",
        "Action",
        "Description",
        "Latitude",
        "Longitude",
        "Logo",
        "X / Twitter",
    ],
    "de": [
        "Organisation",
        "Region",
        "Website",
        "Administrator",
        "Name",
        "Adresse",
        "Logo",
        "Status",
        "X / Twitter",
    ],
}


@pytest.fixture
def cluster():
    membership = MembershipFactory(
        user__name="Ada Lovelace",
        organisation__name="Lakeside Robotics Cluster",
        organisation__sectors=["automotive"],
        organisation__technologies=["photonics"],
        organisation__management_fte=Decimal("1.5"),
        organisation__members_smes=20,
        organisation__website="https://lakeside.example",
        organisation__website_active=True,
        organisation__website_checked_at=dt.datetime(2026, 3, 5, 10, 0, tzinfo=dt.UTC),
        organisation__cooperation_interests=["research"],
        organisation__description="We connect robotics firms around the lake.",
    )
    OrganisationFactory(
        name="Basque Photonics Cluster",
        country="ES",
        city="Bilbao",
        sectors=["automotive"],
        technologies=["photonics"],
    )
    return membership


def _content(org, *more):
    """What users typed or the taxonomy names (content), not interface text."""
    regions = [str(r) for r in NutsRegion.objects.filter(level=2)]
    rows = (
        *ClusterCategory.objects.all(),
        *Technology.objects.all(),
        *IndustrialEcosystem.objects.all(),
    )
    taxonomy = [name for t in rows for name in (t.name, *t.names.values())]
    with translation.override("en"):
        country_names = [str(name) for _code, name in countries]
    return [
        *regions,
        *country_names,
        *taxonomy,
        org.name,
        org.short_description,
        org.description,
        org.city,
        "Basque Photonics Cluster",
        "Bilbao",
        "https://lakeside.example",
        "Ada Lovelace",
        *more,
    ]


def _assert_translated(client, url, content):
    found = {
        language: english_fallbacks(client, url, language, content=[*content, *SAME[language]])
        for language in LANGUAGES
    }
    assert found == {"fr": [], "de": []}, (url, found)


@pytest.mark.parametrize("url", ["/organisations/", "/organisations/map/"])
def test_the_directory_and_the_map_for_anyone(client, cluster, url):
    _assert_translated(client, url, _content(cluster.organisation))


def test_an_organisation_page_for_a_visitor_and_for_its_administrator(client, cluster):
    org = cluster.organisation
    url = org.get_absolute_url()
    _assert_translated(client, url, _content(org))
    client.login(email=cluster.user.email, password=PASSWORD)
    _assert_translated(client, url, _content(org))


@pytest.mark.parametrize("page", ["edit", "members", "create"])
def test_the_administrators_pages(client, cluster, page):
    client.login(email=cluster.user.email, password=PASSWORD)
    org = cluster.organisation
    url = "/organisations/new/" if page == "create" else f"/organisations/{org.slug}/{page}/"
    _assert_translated(client, url, _content(org, cluster.user.email))


def test_the_staff_queue_and_review(client, cluster):
    org = cluster.organisation
    org.status = ProfileStatus.SUBMITTED
    org.submitted_at = timezone.now()
    org.save()
    client.force_login(StaffFactory())
    _assert_translated(client, "/staff/moderation/", _content(org))
    _assert_translated(client, f"/staff/moderation/{org.slug}/", _content(org))


def test_similar_organisations_and_the_checklist_speak_the_readers_language(client, cluster):
    url = cluster.organisation.get_absolute_url()
    german = client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Ein möglicher Partner im Ausland (Spanien)" in german
    assert "Managementteam von mindestens 0,5 VZÄ" in german
    assert "Hat bei der Prüfung am 05.03.2026 geantwortet" in german
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Un partenaire potentiel à l’étranger (Espagne)" in french
    assert "1,5 ETP" in french
