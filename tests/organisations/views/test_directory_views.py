"""Public directory pages: search page, htmx partial, exports, map data, organisation pages."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core import mail
from django.urls import reverse

from clusterbridge.organisations.models import ContactMessage, ContactPerson, ProfileStatus
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory, UserFactory
from tests.organisations.data import PUBLISHED_BY_NAME, build_directory

pytestmark = pytest.mark.django_db

DIRECTORY = "/organisations/"


@pytest.fixture
def orgs():
    return build_directory()


def result_names(response) -> list[str]:
    return [org.name for org in response.context["page"].object_list]


# -- directory page -------------------------------------------------------------------------


def test_directory_page_lists_published_organisations(client, orgs):
    response = client.get(DIRECTORY)
    assert response.status_code == 200
    assert result_names(response) == PUBLISHED_BY_NAME
    html = response.content.decode()
    assert "<html" in html
    assert 'id="directory-form"' in html
    for name in PUBLISHED_BY_NAME:
        assert name in html
    assert "Hidden Mobility Draft" not in html
    assert "Waiting Mobility Profile" not in html
    assert "<strong>5</strong> organisations" in html


def test_directory_filters_and_facets_in_the_page(client, orgs):
    response = client.get(DIRECTORY, {"country": "DE", "q": "mobility"})
    assert response.status_code == 200
    assert result_names(response) == ["Berlin Mobility Cluster", "Munich Auto Tech GmbH"]
    countries = next(f for f in response.context["facets"] if f.name == "countries")
    assert {v.value: v.count for v in countries.values} == {"DE": 2, "FR": 2}
    html = response.content.decode()
    assert 'name="country" value="DE" checked' in html
    # The export links carry the filters.
    assert "/organisations/export.csv?country=DE&amp;q=mobility" in html


def test_htmx_request_returns_only_the_results_fragment(client, orgs):
    response = client.get(DIRECTORY, {"sector": "automotive"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="directory-form"' not in html
    assert 'id="result-count"' in html
    assert next(t.name for t in response.templates) == "organisations/_results.html"
    assert result_names(response) == [
        "Berlin Mobility Cluster",
        "Munich Auto Tech GmbH",
        "Paris Mobility Lab",
    ]


def test_invalid_filter_is_a_400_with_the_specific_message(client, orgs):
    response = client.get(DIRECTORY, {"country": "XX"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Unknown country code “XX”." in html
    assert "<html" in html


def test_invalid_filter_in_htmx_returns_the_error_fragment(client, orgs):
    response = client.get(
        DIRECTORY, {"sector": "nonsense", "sort": "random"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="filter-errors"' in html
    assert "Unknown sector “nonsense”." in html
    assert (
        "Unknown sort order “random”; use one of: relevance, name, newest, size, specialisation."
        in html
    )


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"page": "abc"}, "The page must be a whole number."),
        ({"page": "0"}, "Ensure this value is greater than or equal to 1."),
        ({"region": "ZZ99"}, "Unknown NUTS region code “ZZ99”."),
        ({"kind": "castle"}, "Unknown kind of organisation “castle”."),
        ({"size": "7"}, "Unknown member-size band “7”."),
    ],
)
def test_other_invalid_parameters(client, params, message):
    response = client.get(DIRECTORY, params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_pagination(client):
    for i in range(23):
        OrganisationFactory(name=f"Org {i:02d}")
    first = client.get(DIRECTORY)
    assert len(first.context["page"].object_list) == 20
    second = client.get(DIRECTORY, {"page": 2})
    assert result_names(second) == ["Org 20", "Org 21", "Org 22"]
    # A page past the end shows the last page.
    assert result_names(client.get(DIRECTORY, {"page": 99})) == ["Org 20", "Org 21", "Org 22"]


# -- exports and map ------------------------------------------------------------------------

CSV_HEADER = [
    "name", "acronym", "kind", "country", "region", "city", "latitude", "longitude",
    "website", "members_total", "year_founded", "sectors", "technologies", "url",
]  # fmt: skip


def test_csv_export_of_the_filtered_rows(client, orgs):
    response = client.get("/organisations/export.csv", {"country": "DE"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="organisations.csv"'
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))
    assert rows == [
        CSV_HEADER,
        [
            "Berlin Mobility Cluster", "", "Cluster organisation", "DE", "DE30", "Berlin", "52.52",
            "13.405", "", "60", "2004", "Automotive", "", "/organisations/berlin-mobility-cluster/",
        ],
        [
            "Munich Auto Tech GmbH", "", "Company (SME)", "DE", "DE21", "München", "48.137", "11.575",
            "", "0", "", "Automotive; Metalworking Technology", "", "/organisations/munich-auto-tech-gmbh/",
        ],
    ]  # fmt: skip


def test_csv_export_follows_search_order_and_excludes_unpublished(client, orgs):
    response = client.get("/organisations/export.csv", {"q": "mobility"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [r["name"] for r in rows] == [
        "Berlin Mobility Cluster",
        "Paris Mobility Lab",
        "Lyon Biotech University",
        "Munich Auto Tech GmbH",
    ]
    paris = rows[1]
    assert (paris["latitude"], paris["longitude"], paris["members_total"]) == ("", "", "5")


def test_json_export(client, orgs):
    response = client.get("/organisations/export.json", {"technology": "photonics"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="organisations.json"'
    assert json.loads(response.content) == {
        "organisations": [
            {
                "name": "Zürich Photonics Cluster",
                "acronym": "ZPC",
                "kind": "Cluster organisation",
                "country": "CH",
                "region": "CH04",
                "city": "Zürich",
                "latitude": 47.376887,
                "longitude": 8.541694,
                "website": "https://zpc.example",
                "members_total": 20,
                "year_founded": None,
                "sectors": "Information Technology and Analytical Instruments",
                "technologies": "Photonics",
                "url": "/organisations/zurich-photonics-cluster/",
            }
        ]
    }
    assert "Zürich" in response.content.decode("utf-8")  # not \u-escaped


@pytest.mark.parametrize("path", ["/organisations/export.csv", "/organisations/export.json"])
def test_export_with_invalid_filter(client, path):
    response = client.get(path, {"country": "XX"})
    assert response.status_code == 400
    assert response.json() == {
        "error": "Invalid filter",
        "messages": ["Unknown country code “XX”."],
    }


def test_map_json(client, orgs):
    response = client.get("/organisations/map.json", {"sector": "automotive"})
    assert response.status_code == 200
    assert response.json() == {
        "count": 2,
        "columns": ["slug", "name", "kind", "lat", "lon", "city"],
        "points": [
            [
                "berlin-mobility-cluster",
                "Berlin Mobility Cluster",
                "cluster",
                52.52,
                13.405,
                "Berlin",
            ],
            ["munich-auto-tech-gmbh", "Munich Auto Tech GmbH", "sme", 48.137, 11.575, "München"],
        ],
    }


def test_map_json_invalid_filter(client):
    response = client.get("/organisations/map.json", {"country": "XX"})
    assert response.status_code == 400
    assert response.json() == {
        "error": "Invalid filter",
        "messages": ["Unknown country code “XX”."],
    }


def test_map_page(client, orgs):
    assert client.get("/organisations/map/", {"country": "DE"}).status_code == 200
    response = client.get("/organisations/map/", {"country": "XX"})
    assert response.status_code == 400
    assert "Unknown country code “XX”." in response.content.decode()


# -- organisation page ----------------------------------------------------------------------


def test_published_organisation_page(client, orgs):
    response = client.get(orgs["berlin"].get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Berlin Mobility Cluster" in html
    assert "Electric vehicles and batteries." in html
    assert 'id="checklist"' in html  # a cluster
    assert 'id="status-note"' not in html
    assert "Log in</a> to send a message." in html
    assert "Edit profile" not in html


@pytest.mark.parametrize(
    "status", [ProfileStatus.DRAFT, ProfileStatus.SUBMITTED, ProfileStatus.RETURNED]
)
def test_unpublished_page_is_404_for_anonymous_and_non_members(client, status):
    org = OrganisationFactory(status=status, published_at=None)
    MembershipFactory(organisation=org)
    assert client.get(org.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(org.get_absolute_url()).status_code == 404
    client.force_login(MembershipFactory().user)  # admin of another organisation
    assert client.get(org.get_absolute_url()).status_code == 404


def test_unpublished_page_is_visible_to_members_and_staff(client):
    org = OrganisationFactory(
        status=ProfileStatus.RETURNED, published_at=None, return_reason="Add members."
    )
    member = MembershipFactory(organisation=org, role="member").user
    client.force_login(member)
    response = client.get(org.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sent back for changes" in html
    assert "Staff asked: “Add members.”" in html
    assert "Edit profile" not in html  # members do not edit
    client.force_login(StaffFactory())
    assert client.get(org.get_absolute_url()).status_code == 200


def test_unknown_slug_is_404(client):
    assert client.get("/organisations/does-not-exist/").status_code == 404


def test_admin_sees_edit_links(client):
    org = OrganisationFactory(status=ProfileStatus.DRAFT, published_at=None)
    client.force_login(MembershipFactory(organisation=org).user)
    html = client.get(org.get_absolute_url()).content.decode()
    assert f"/organisations/{org.slug}/edit/" in html
    assert f"/organisations/{org.slug}/history/" in html
    assert 'id="submit-profile"' in html


def test_contact_email_addresses_never_appear_in_the_page(client, orgs):
    org = orgs["berlin"]
    ContactPerson.objects.create(
        organisation=org, name="Clara Contact", role="Manager", email="clara@secret.example"
    )
    admin = MembershipFactory(organisation=org, user=UserFactory(email="admin@secret.example")).user
    for viewer in (None, UserFactory(), admin, StaffFactory()):
        if viewer:
            client.force_login(viewer)
        html = client.get(org.get_absolute_url()).content.decode()
        assert "Clara Contact, Manager" in html
        assert "clara@secret.example" not in html
        assert "secret.example" not in html


def test_similar_organisations_are_shown_with_reasons(client, orgs):
    html = client.get(orgs["berlin"].get_absolute_url()).content.decode()
    assert 'id="similar"' in html
    assert "Munich Auto Tech GmbH" in html
    assert "Paris Mobility Lab" in html
    assert "Shares sectors: Automotive · A potential partner abroad (France)" in html
    assert "Hidden Mobility Draft" not in html


# -- contact form ---------------------------------------------------------------------------


def test_contact_form_sends_the_message(client, orgs, django_capture_on_commit_callbacks):
    org = orgs["berlin"]
    ContactPerson.objects.create(organisation=org, name="Clara", email="clara@contact.example")
    sender = UserFactory(email="sender@example.org")
    client.force_login(sender)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/organisations/{org.slug}/contact/", {"subject": "Project idea", "body": "Shall we?"}
        )

    assert response.status_code == 302
    assert response["Location"] == org.get_absolute_url()
    message = ContactMessage.objects.get()
    assert (message.sender, message.subject, message.body) == (sender, "Project idea", "Shall we?")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["clara@contact.example"]
    assert mail.outbox[0].reply_to == ["sender@example.org"]
    page = client.get(org.get_absolute_url())
    assert "Your message was sent to Berlin Mobility Cluster." in page.content.decode()


def test_contact_form_invalid(client, orgs):
    org = orgs["berlin"]
    MembershipFactory(organisation=org)
    client.force_login(UserFactory())
    response = client.post(
        f"/organisations/{org.slug}/contact/", {"subject": "", "body": ""}, follow=True
    )
    assert response.status_code == 200
    assert "Please give a subject and a message." in response.content.decode()
    assert not ContactMessage.objects.exists()


def test_contact_rate_limit_message_in_the_page(client, orgs):
    org = orgs["berlin"]
    MembershipFactory(organisation=org)
    client.force_login(UserFactory())
    for _ in range(10):
        client.post(f"/organisations/{org.slug}/contact/", {"subject": "S", "body": "B"})
    response = client.post(
        f"/organisations/{org.slug}/contact/", {"subject": "S", "body": "B"}, follow=True
    )
    assert (
        "You have sent 10 messages in the last hour; please try again later."
        in response.content.decode()
    )
    assert ContactMessage.objects.count() == 10


def test_contact_requires_login_post_and_a_published_profile(client, orgs):
    url = f"/organisations/{orgs['berlin'].slug}/contact/"
    response = client.post(url, {"subject": "S", "body": "B"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    client.force_login(UserFactory())
    assert client.get(url).status_code == 405
    assert (
        client.post(
            f"/organisations/{orgs['draft'].slug}/contact/", {"subject": "S", "body": "B"}
        ).status_code
        == 404
    )
    assert not ContactMessage.objects.exists()


def test_publishing_refreshes_the_cached_facets_and_map(
    client, orgs, django_capture_on_commit_callbacks
):
    from clusterbridge.organisations.services.profiles import publish

    def country_counts():
        response = client.get(DIRECTORY)
        countries = next(f for f in response.context["facets"] if f.name == "countries")
        return {v.value: v.count for v in countries.values}

    assert country_counts() == {"DE": 2, "FR": 2, "CH": 1}
    assert client.get("/organisations/map.json").json()["count"] == 4

    with django_capture_on_commit_callbacks(execute=True):
        publish(organisation=orgs["submitted"], actor=StaffFactory())

    assert country_counts() == {"DE": 3, "FR": 2, "CH": 1}
    assert client.get("/organisations/map.json").json()["count"] == 5
