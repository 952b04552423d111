"""Joint-call pages: the poster's agency page and publishing, the call's page with the rules in
words, preparing a proposal with live eligibility, submitting, and 404 to outsiders."""

from __future__ import annotations

from decimal import Decimal

import pytest

from clusterbridge.calls.models import Call, CallAgency, CallStatus, Proposal, ProposalStatus
from clusterbridge.calls.services import proposals as services
from tests.calls.factories import admin_of, agency, posted, two_agency_call
from tests.factories import PASSWORD, OrganisationFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def _login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


def _body(response) -> str:
    return response.content.decode()


def test_staff_post_a_joint_call_then_add_agencies_and_publish(client):
    staff = StaffFactory()
    _login(client, staff)
    response = client.post(
        "/calls/post/",
        {
            "poster": "",
            "title": "Innovation Express 2027",
            "funder_names": "Two agencies",
            "level": "international",
            "kind": "grant",
            "stage1_deadline": "2030-03-01T17:00",
            "is_joint": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    call = Call.objects.get()
    assert response.status_code == 302
    assert response.url == f"/calls/{call.slug}/manage/"
    assert call.status == CallStatus.DRAFT
    assert client.get(f"/calls/{call.slug}/").status_code == 200  # the poster sees the draft
    client.logout()
    assert client.get(f"/calls/{call.slug}/").status_code == 404
    assert client.get("/calls/").content.decode().count("Innovation Express 2027") == 0
    _login(client, staff)
    fr = agency(name="Agence FR")
    response = client.post(
        f"/calls/{call.slug}/manage/",
        {
            "organisation": fr.pk,
            "budget_eur": "100000",
            "beneficiary_kinds": ["sme"],
            "countries": ["FR"],
            "regions": "fr1 FR10",
            "funding_rate": "50",
        },
    )
    assert response.status_code == 302
    assert CallAgency.objects.get().regions == ["FR1", "FR10"]
    response = client.post(f"/calls/{call.slug}/publish/", follow=True)
    assert "A joint call needs at least 2 participating agencies." in _body(response)
    response = client.post(
        f"/calls/{call.slug}/manage/", {"organisation": fr.pk, "budget_eur": "5"}
    )
    assert response.status_code == 400
    assert "Agence FR already takes part in this call." in _body(response)
    response = client.post(
        f"/calls/{call.slug}/manage/", {"organisation": agency(name="B").pk, "budget_eur": "-1"}
    )
    assert response.status_code == 400
    response = client.post(
        f"/calls/{call.slug}/manage/",
        {"organisation": agency(name="Agentur DE").pk, "budget_eur": "50000"},
    )
    assert response.status_code == 302
    response = client.post(f"/calls/{call.slug}/publish/")
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.status == CallStatus.PUBLISHED
    page = _body(client.get(f"/calls/{call.slug}/"))
    assert "Funds: Company (SME)." in page
    assert "Partners in: France." in page
    assert "Regions (NUTS): FR1, FR10." in page
    assert "Grants up to 50 % of a partner&#x27;s budget." in page
    assert "Budget for the call: 100,000 €." in page
    assert "Funds any kind of organisation." in page


def test_manage_is_404_to_others(client):
    call, _fr, _de = two_agency_call(publish=False)
    for user in (UserFactory(), admin_of(OrganisationFactory())):
        _login(client, user)
        assert client.get(f"/calls/{call.slug}/manage/").status_code == 404
        assert client.post(f"/calls/{call.slug}/publish/").status_code == 404


def test_a_cluster_prepares_fixes_and_submits_a_proposal(client):
    call, fr, de = two_agency_call()
    cluster = OrganisationFactory(name="Cluster FR", kind="cluster", country="FR")
    person = admin_of(cluster)
    _login(client, person)
    page = _body(client.get(f"/calls/{call.slug}/"))
    assert f'href="/calls/{call.slug}/propose/"' in page
    response = client.post(
        f"/calls/{call.slug}/propose/", {"coordinator": cluster.pk, "title": "Express"}
    )
    proposal = Proposal.objects.get()
    assert response.url == f"/calls/proposals/{proposal.pk}/"
    # The coordinator tied to the German agency fails its rules, in words.
    response = client.post(
        f"/calls/proposals/{proposal.pk}/partners/",
        {"organisation": cluster.pk, "agency": de.pk, "budget_eur": "1000", "grant_eur": "500"},
    )
    assert response.status_code == 302
    page = _body(client.get(f"/calls/proposals/{proposal.pk}/"))
    assert "Agentur DE funds only: Company (SME); this partner is “Cluster organisation”." in page
    assert 'id="eligibility-summary">The proposal cannot be submitted until every partner' in page
    response = client.post(f"/calls/proposals/{proposal.pk}/submit/", follow=True)
    assert "The proposal cannot be submitted yet:" in _body(response)
    assert Proposal.objects.get().status == ProposalStatus.DRAFT
    client.post(
        f"/calls/proposals/{proposal.pk}/partners/",
        {"organisation": cluster.pk, "agency": fr.pk, "budget_eur": "1000", "grant_eur": "500"},
    )
    response = client.post(f"/calls/proposals/{proposal.pk}/submit/", follow=True)
    page = _body(response)
    reference = Proposal.objects.get().reference
    assert f"The proposal is submitted. Reference: {reference}." in page
    assert 'id="receipt-reference">' + reference in page
    assert Proposal.objects.get().status == ProposalStatus.SUBMITTED


def test_bad_partner_form_is_a_400_with_the_message(client):
    call, _fr, _de = two_agency_call()
    cluster = OrganisationFactory(name="Cluster FR", kind="cluster", country="FR")
    person = admin_of(cluster)
    proposal = services.start_proposal(actor=person, call=call, coordinator=cluster, title="P")
    _login(client, person)
    response = client.post(
        f"/calls/proposals/{proposal.pk}/partners/",
        {"organisation": cluster.pk, "agency": "999999", "budget_eur": "x", "grant_eur": "1"},
    )
    assert response.status_code == 400
    assert proposal.partners.count() == 0


def test_a_proposal_is_404_to_outsiders(client):
    call, fr, _de = two_agency_call()
    cluster = OrganisationFactory(name="Cluster FR", kind="cluster", country="FR")
    person = admin_of(cluster)
    proposal = services.start_proposal(actor=person, call=call, coordinator=cluster, title="P")
    for user in (UserFactory(), admin_of(fr.organisation), StaffFactory()):
        _login(client, user)
        for url in (
            f"/calls/proposals/{proposal.pk}/",
            f"/calls/proposals/{proposal.pk}/partners/",
            f"/calls/proposals/{proposal.pk}/submit/",
        ):
            method = client.get if url.endswith(f"{proposal.pk}/") else client.post
            assert method(url).status_code == 404, (user, url)
    client.logout()
    response = client.get(f"/calls/proposals/{proposal.pk}/")
    assert response.status_code == 302  # log in first


def test_people_without_a_cluster_cannot_start_a_proposal(client):
    call, _fr, _de = two_agency_call()
    _login(client, admin_of(OrganisationFactory(kind="sme")))
    response = client.get(f"/calls/{call.slug}/propose/")
    assert response.status_code == 403
    assert 'id="cannot-propose"' in _body(response)


def test_json_export_follows_the_filters(client):
    posted(title="National one", level="national")
    posted(title="Regional one", level="regional")
    data = client.get("/calls/export.json?level=regional").json()
    assert data["count"] == 1
    assert [row["title"] for row in data["results"]] == ["Regional one"]
    assert data["results"][0]["level"] == "regional"
    assert client.get("/calls/export.json?level=nowhere").status_code == 400


def test_proposal_page_queries_are_fixed(client, django_assert_max_num_queries):
    call, fr, _de = two_agency_call()
    cluster = OrganisationFactory(name="Cluster FR", kind="cluster", country="FR")
    person = admin_of(cluster)
    proposal = services.start_proposal(actor=person, call=call, coordinator=cluster, title="P")
    for n in range(5):
        services.set_partner(
            actor=person,
            proposal=proposal,
            organisation=OrganisationFactory(kind="sme", country="FR", name=f"SME {n}"),
            agency=fr,
            budget_eur=Decimal("1000"),
            grant_eur=Decimal("100"),
        )
    _login(client, person)
    with django_assert_max_num_queries(30) as captured:
        client.get(f"/calls/proposals/{proposal.pk}/")
    few = len(captured)
    for n in range(5, 15):
        services.set_partner(
            actor=person,
            proposal=proposal,
            organisation=OrganisationFactory(kind="sme", country="FR", name=f"SME {n}"),
            agency=fr,
            budget_eur=Decimal("1000"),
            grant_eur=Decimal("100"),
        )
    with django_assert_max_num_queries(few):
        client.get(f"/calls/proposals/{proposal.pk}/")
