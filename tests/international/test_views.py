"""Country pages on the web: the index (facets, map, exports, bad filters), a country's page
with what other apps contribute, 404 for drafts, staff editing, fixed numbers of queries."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusterbridge.international.models import Arrangement, CountryPage, Gateway, PageStatus
from clusterbridge.partnerships.services.partnerships import validate
from clusterbridge.taxonomy.models import ClusterCategory
from tests.events.factories import EventFactory
from tests.factories import PASSWORD, OrganisationFactory, StaffFactory, UserFactory
from tests.international.factories import PDF, arrangement, draft, gateway, published
from tests.marketplace.factories import opportunity, poster
from tests.partnerships.factories import proposed, with_partner

pytestmark = pytest.mark.django_db


def _login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


def _queries(client, url: str, **params) -> tuple[int, object]:
    client.get(url, params)  # warm up caches (sessions, search versions, facets)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    return len(captured.captured_queries), response


def _world():
    auto = ClusterCategory.objects.get(code="automotive")
    it = ClusterCategory.objects.get(code="information-technology-and-analytical-instruments")
    us = published(country="US", name="United States", sectors=[auto, it], capital="Washington")
    kr = published(country="KR", name="South Korea", priority="partner", sectors=[auto],
                   latitude=37.5, longitude=127.0)  # fmt: skip
    hidden = draft(country="CN", name="China")
    return us, kr, hidden


def test_the_index_lists_published_pages_with_facets(client):
    _world()
    body = client.get("/international/").content.decode()
    assert "United States" in body and "South Korea" in body
    assert "China" not in body
    assert 'data-facet="priorities"' in body and 'data-facet="sectors"' in body
    assert "<strong>2</strong> countries" in body


def test_the_index_filters_by_priority_and_sector(client):
    _world()
    body = client.get("/international/", {"priority": "priority"}).content.decode()
    assert "United States" in body and "South Korea" not in body
    body = client.get(
        "/international/", {"sector": "information-technology-and-analytical-instruments"}
    ).content.decode()
    assert "United States" in body and "South Korea" not in body


def test_a_bad_filter_is_a_400_with_a_message(client):
    response = client.get("/international/", {"priority": "top"})
    assert response.status_code == 400
    assert "filter-errors" in response.content.decode()


def test_the_map_data_has_one_point_per_published_country(client):
    _world()
    data = json.loads(client.get("/international/map.json").content)
    assert data["columns"] == ["slug", "name", "kind", "lat", "lon", "city"]
    assert sorted(p[0] for p in data["points"]) == ["kr", "us"]
    assert client.get("/international/map.json", {"priority": "x"}).status_code == 400


def test_csv_and_json_exports_follow_the_filters(client):
    _world()
    response = client.get("/international/export.csv", {"priority": "priority"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(r["country"], r["priority"], r["capital"]) for r in rows] == [
        ("US", "priority", "Washington")
    ]
    assert rows[0]["sectors"] == "automotive information-technology-and-analytical-instruments"
    data = json.loads(client.get("/international/export.json").content)
    assert [c["country"] for c in data["countries"]] == ["KR", "US"]
    assert client.get("/international/export.csv", {"sector": "nope"}).status_code == 400


def test_a_draft_is_a_404_to_visitors_and_members_but_not_to_staff(client):
    _, _, hidden = _world()
    assert client.get(hidden.get_absolute_url()).status_code == 404
    _login(client, UserFactory())
    assert client.get(hidden.get_absolute_url()).status_code == 404
    _login(client, StaffFactory())
    body = client.get(hidden.get_absolute_url()).content.decode()
    assert "Draft: only staff see this page" in body


def test_the_page_shows_arrangements_gateways_and_what_targets_the_country(client):
    us, _, _ = _world()
    arrangement(us, title="Arrangement with the ITA", counterpart="ITA", scope="Missions.")
    gateway(us, name="EEN USA", url="https://een.example.org/", contact_email="us@example.org")
    OrganisationFactory(name="Boston Robotics Cluster", country="US", city="Boston")
    OrganisationFactory(name="Hidden Cluster", country="US", status="draft")
    OrganisationFactory(name="Berlin Cluster", country="DE")
    partnership = proposed(name="Transatlantic Batteries", target_countries=["US", "KR"])
    with_partner(partnership)
    validate(partnership=partnership, actor=StaffFactory())
    proposed(name="Unvalidated Plan", target_countries=["US"])
    EventFactory(title="Mission to Detroit", kind="study_visit", country="US")
    EventFactory(title="Online briefing", country="", target_countries=["US"])
    EventFactory(title="Unpublished trip", country="US", is_published=False)
    user, organisation = poster(country="FR")
    opportunity(
        user=user, organisation=organisation, title="US market entry", target_countries=["US"]
    )
    opportunity(user=user, organisation=organisation, title="Korea only", target_countries=["KR"])
    body = client.get(us.get_absolute_url()).content.decode()
    assert "Arrangement with the ITA" in body and "Signed with ITA on" in body
    assert 'href="https://een.example.org/"' in body and "mailto:us@example.org" in body
    assert "Boston Robotics Cluster" in body and "Hidden Cluster" not in body
    assert "Berlin Cluster" not in body
    assert "Transatlantic Batteries" in body and "Unvalidated Plan" not in body
    assert "Mission to Detroit" in body and "Online briefing" in body
    assert "Unpublished trip" not in body
    assert "US market entry" in body and "Korea only" not in body
    assert 'id="organisations-here"' in body


def test_list_and_page_views_make_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    auto = ClusterCategory.objects.get(code="automotive")
    codes = ["US", "KR", "JP", "CA", "IN", "BR", "MX", "SG"]
    for code in codes[:4]:
        published(country=code, sectors=[auto])
    few, _ = _queries(client, "/international/")
    for code in codes[4:]:
        published(country=code, sectors=[auto])
    many, response = _queries(client, "/international/")
    assert few == many
    assert response.content.decode().count('<tr id="country-') == 8
    us = CountryPage.objects.get(country="US")
    for i in range(3):
        arrangement(us, title=f"Arrangement {i}")
        gateway(us, name=f"Gateway {i}")
        OrganisationFactory(country="US")
    with django_assert_max_num_queries(16):
        assert client.get(us.get_absolute_url()).status_code == 200


def test_an_arrangements_document_is_served_with_its_page(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    us = published(country="US")
    signed = arrangement(us, document=SimpleUploadedFile("signed.pdf", PDF))
    url = f"/international/us/arrangements/{signed.pk}/document/"
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    hidden = draft(country="CN")
    secret = arrangement(hidden, document=SimpleUploadedFile("secret.pdf", PDF))
    assert client.get(f"/international/cn/arrangements/{secret.pk}/document/").status_code == 404
    plain = arrangement(us, title="Without a file")
    assert client.get(f"/international/us/arrangements/{plain.pk}/document/").status_code == 404


def test_staff_create_edit_and_publish_a_page_through_the_forms(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _login(client, StaffFactory())
    response = client.post(
        "/international/new/",
        {"country": "MA", "name": "Morocco", "priority": "partner", "sectors": ["automotive"],
         "capital": "Rabat", "latitude": "34.02", "longitude": "-6.84"},
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"] == "/international/ma/"
    page = CountryPage.objects.get(country="MA")
    assert page.status == PageStatus.DRAFT
    response = client.post(
        "/international/ma/edit/",
        {"name": "Kingdom of Morocco", "priority": "priority", "sectors": [], "summary": "Hi"},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert (page.name, page.priority, page.sectors.count()) == ("Kingdom of Morocco", "priority", 0)
    response = client.post(
        "/international/ma/arrangements/",
        {"title": "MoU", "counterpart": "Ministry of Industry", "signed_on": "2024-03-01",
         "document": SimpleUploadedFile("mou.pdf", PDF)},
    )  # fmt: skip
    assert response.status_code == 302
    assert Arrangement.objects.get().original_name == "mou.pdf"
    response = client.post(
        "/international/ma/gateways/", {"name": "EEN", "url": "javascript:alert(1)"}
    )
    assert response.status_code == 400
    assert "Enter an address starting with http:// or https://." in response.content.decode()
    assert Gateway.objects.count() == 0
    client.post("/international/ma/gateways/", {"name": "EEN", "url": "https://een.ec.europa.eu/"})
    assert Gateway.objects.count() == 1
    client.post("/international/ma/publish/", {"action": "publish"})
    page.refresh_from_db()
    assert page.status == PageStatus.PUBLISHED


def test_a_duplicate_country_is_a_form_error(client):
    draft(country="MA")
    _login(client, StaffFactory())
    response = client.post(
        "/international/new/", {"country": "MA", "name": "M", "priority": "other"}
    )
    assert response.status_code == 400
    assert "already has a page." in response.content.decode()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/international/new/"),
        ("get", "/international/us/edit/"),
        ("post", "/international/us/publish/"),
        ("post", "/international/us/arrangements/"),
        ("post", "/international/us/gateways/"),
        ("post", "/international/us/gateways/1/remove/"),
        ("post", "/international/us/arrangements/1/remove/"),
    ],
)
def test_staff_pages_are_404_to_everyone_else(client, method, path):
    published(country="US")
    _login(client, UserFactory())
    assert getattr(client, method)(path).status_code == 404


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("fr", ["Coopération internationale", "Pays prioritaire", "Arrangements administratifs",
                "Organisations situées dans ce pays", "Points d’accès aux services d’appui"]),
        ("de", ["Internationale Zusammenarbeit", "Schwerpunktland", "Verwaltungsvereinbarungen",
                "Organisationen in diesem Land", "Anlaufstellen für Unterstützungsdienste"]),
    ],
)  # fmt: skip
def test_the_pages_read_in_french_and_german(client, language, texts):
    us = published(country="US", name="United States")
    index = client.get("/international/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    body = client.get(us.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert texts[0] in index and texts[1] in index
    for text in texts[1:]:
        assert text in body


def test_the_home_page_and_the_footer_lead_to_the_countries(client):
    published(country="US", name="United States")
    published(country="BR", name="Brazil", priority="partner")
    body = client.get("/").content.decode()
    assert 'id="international"' in body and 'id="footer-international"' in body
    assert 'Priority countries: <a href="/international/us/">United States</a></p>' in body
    assert "Brazil" not in body
