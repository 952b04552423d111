"""The calls API: the public board with the list's filters and facets, a call's detail (a
joint call's agencies and their rules), the proposals the caller may see, and starting one
through the service (bad input: a 400, nothing written)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clusterbridge.calls.models import Proposal
from clusterbridge.calls.services import proposals as services
from clusterbridge.taxonomy.models import ClusterCategory
from tests.calls.factories import admin_of, joint_call, posted, two_agency_call
from tests.factories import OrganisationFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def _proposal(call, *, name="Cluster FR", title="Express"):
    cluster = OrganisationFactory(name=name, kind="cluster", country="FR")
    person = admin_of(cluster)
    return services.start_proposal(actor=person, call=call, coordinator=cluster, title=title)


def _submitted(call, agency):
    return _submitted_as(call, agency, "Cluster Submitted")


def test_the_public_list_with_filters_and_facets(api):
    sector = ClusterCategory.objects.order_by("code").first()
    eu = posted(title="EU call", level="eu", sectors=[sector])
    posted(title="National call", level="national")
    joint_call(publish=False, title="Draft joint call")
    data = api.get("/api/v1/calls/").json()
    assert data["count"] == 2
    assert sorted(r["title"] for r in data["results"]) == ["EU call", "National call"]
    row = next(r for r in data["results"] if r["title"] == "EU call")
    assert row["slug"] == eu.slug
    assert row["level"] == "eu"
    assert row["type"] == "grant"
    assert row["sectors"] == [sector.code]
    assert row["is_joint"] is False
    assert row["poster"] is None
    assert row["url"] == eu.get_absolute_url()
    assert len(row["stages"]) == 1
    facets = {f["name"]: f for f in data["facets"]}
    assert sorted(v["value"] for v in facets["levels"]["values"]) == ["eu", "national"]
    assert [r["title"] for r in api.get("/api/v1/calls/", {"level": "eu"}).json()["results"]] == [
        "EU call"
    ]
    assert api.get("/api/v1/calls/", {"sector": sector.code}).json()["count"] == 1
    assert api.get("/api/v1/calls/", {"q": "national"}).json()["count"] == 1
    assert api.get("/api/v1/calls/", {"deadline": "closed"}).json()["count"] == 0
    assert api.get("/api/v1/calls/", {"deadline": "open"}).json()["count"] == 2


@pytest.mark.parametrize("params", [{"level": "galactic"}, {"deadline": "soon"}, {"sort": "x"}])
def test_bad_filters_are_a_400_in_the_error_shape(api, params):
    response = api.get("/api/v1/calls/", params)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "validation_error"
    assert body["message"]


def test_the_list_is_constant_in_queries(api):
    sector = ClusterCategory.objects.order_by("code").first()
    for i in range(3):
        posted(title=f"Call {i}", sectors=[sector])
    api.get("/api/v1/calls/")  # warm the facet cache and the search version
    with CaptureQueriesContext(connection) as few:
        assert api.get("/api/v1/calls/").json()["count"] == 3
    for i in range(3, 15):
        posted(title=f"Call {i}", sectors=[sector])
    api.get("/api/v1/calls/")
    with CaptureQueriesContext(connection) as many:
        assert api.get("/api/v1/calls/").json()["count"] == 15
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(many.captured_queries) <= 8


def test_detail_by_slug_or_id_with_the_agencies_rules(api):
    call, _fr, de = two_agency_call()
    for ref in (call.slug, str(call.pk)):
        data = api.get(f"/api/v1/calls/{ref}/").json()
        assert data["id"] == call.pk
    assert data["is_joint"] is True
    assert data["status"] == "published"
    assert data["accepts_proposals"] is True
    assert data["submission_deadline"] is not None
    agencies = {a["name"]: a for a in data["agencies"]}
    assert sorted(agencies) == ["Agence FR", "Agentur DE"]
    assert agencies["Agence FR"]["countries"] == ["FR"]
    assert agencies["Agence FR"]["beneficiary_kinds"] == ["cluster", "sme"]
    assert agencies["Agence FR"]["max_grant_eur"] == "30000.00"
    assert "Grants up to 50 % of a partner's budget." in agencies["Agence FR"]["rules"]
    assert agencies["Agentur DE"]["organisation"] == de.organisation.slug
    plain = posted(title="Plain call")
    data = api.get(f"/api/v1/calls/{plain.slug}/").json()
    assert data["agencies"] == []
    assert data["submission_deadline"] is None
    for ref in ("no-such-call", "0", "9" * 30):
        assert api.get(f"/api/v1/calls/{ref}/").status_code == 404


def test_a_draft_call_is_404_to_outsiders(api):
    staff = StaffFactory()
    draft = joint_call(actor=staff, publish=False, title="Draft joint call")
    for ref in (draft.slug, str(draft.pk)):
        assert api.get(f"/api/v1/calls/{ref}/").status_code == 404
        assert api.get(f"/api/v1/calls/{ref}/proposals/").status_code in (401, 403)
    api.force_authenticate(UserFactory())
    response = api.get(f"/api/v1/calls/{draft.slug}/")
    assert response.status_code == 404
    assert response.json() == {"error": "not_found", "message": "No call with this identifier."}
    response = api.get(f"/api/v1/calls/{draft.slug}/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.json()["message"] == "Aucun appel avec cet identifiant."
    assert api.get(f"/api/v1/calls/{draft.slug}/proposals/").status_code == 404
    api.force_authenticate(staff)
    assert api.get(f"/api/v1/calls/{draft.slug}/").json()["status"] == "draft"


def test_proposals_are_seen_by_the_consortium_then_the_agencies_and_staff(api):
    call, fr, _de = two_agency_call()
    draft = _proposal(call)
    submitted = _submitted(call, fr)
    url = f"/api/v1/calls/{call.slug}/proposals/"
    assert api.get(url).status_code in (401, 403)
    api.force_authenticate(UserFactory())  # sees the call, no proposal
    assert api.get(url).json()["count"] == 0
    api.force_authenticate(admin_of(draft.coordinator))
    data = api.get(url).json()
    assert [p["id"] for p in data["results"]] == [draft.pk]
    assert data["results"][0]["status"] == "draft"
    assert data["results"][0]["coordinator"] == draft.coordinator.slug
    assert data["results"][0]["reference"] == draft.reference
    for user in (admin_of(fr.organisation), StaffFactory()):
        api.force_authenticate(user)
        assert [p["id"] for p in api.get(url).json()["results"]] == [submitted.pk]
    api.force_authenticate(admin_of(submitted.coordinator))
    assert [p["id"] for p in api.get(url).json()["results"]] == [submitted.pk]
    plain = posted(title="Plain call")
    assert api.get(f"/api/v1/calls/{plain.slug}/proposals/").status_code == 404


def test_post_starts_a_proposal_through_the_service(api):
    call, _fr, _de = two_agency_call()
    cluster = OrganisationFactory(name="Cluster FR", kind="cluster", country="FR")
    api.force_authenticate(admin_of(cluster))
    response = api.post(
        f"/api/v1/calls/{call.pk}/proposals/",
        {"coordinator": cluster.slug, "title": "  Express  ", "summary": "Two clusters."},
        format="json",
    )
    assert response.status_code == 201, response.json()
    proposal = Proposal.objects.get()
    assert response.json()["id"] == proposal.pk
    assert response.json()["status"] == "draft"
    assert response.json()["call"] == call.slug
    assert proposal.title == "Express"
    assert proposal.summary == "Two clusters."
    assert proposal.coordinator == cluster


@pytest.mark.parametrize(
    "body",
    [
        {"coordinator": "cluster-fr", "title": ""},
        {"coordinator": "cluster-fr", "title": "   "},
        {"coordinator": "cluster-fr", "title": "x" * 201},
        {"coordinator": "cluster-fr", "title": "T", "summary": "x" * 10_001},
        {"coordinator": "no-such-organisation", "title": "T"},
        {"title": "T"},
        ["not", "an", "object"],
    ],
)
def test_bad_input_is_a_400_and_writes_nothing(api, body):
    call, _fr, _de = two_agency_call()
    cluster = OrganisationFactory(name="Cluster FR", kind="cluster", country="FR")
    api.force_authenticate(admin_of(cluster))
    response = api.post(f"/api/v1/calls/{call.slug}/proposals/", body, format="json")
    assert response.status_code == 400
    assert response.json()["error"] == "validation_error"
    assert response.json()["message"]
    assert Proposal.objects.count() == 0


def test_a_closed_call_refuses_proposals_with_a_400(api):
    call, _fr, _de = two_agency_call()
    call.stages.update(deadline=timezone.now() - timedelta(hours=1))  # the deadline passed
    cluster = OrganisationFactory(name="Cluster FR", kind="cluster", country="FR")
    api.force_authenticate(admin_of(cluster))
    response = api.post(
        f"/api/v1/calls/{call.slug}/proposals/",
        {"coordinator": cluster.slug, "title": "Late"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["message"].startswith("The deadline of this call has passed (")
    assert Proposal.objects.count() == 0


def test_who_may_not_start_a_proposal(api):
    call, _fr, _de = two_agency_call()
    cluster = OrganisationFactory(name="Cluster FR", kind="cluster", country="FR")
    url = f"/api/v1/calls/{call.slug}/proposals/"
    body = {"coordinator": cluster.slug, "title": "T"}
    assert api.post(url, body, format="json").status_code in (401, 403)
    sme = OrganisationFactory(name="An SME", kind="sme")
    for user, coordinator in (
        (UserFactory(), cluster.slug),  # not a person of the cluster
        (admin_of(sme), sme.slug),  # not a cluster
    ):
        api.force_authenticate(user)
        response = api.post(url, {"coordinator": coordinator, "title": "T"}, format="json")
        assert response.status_code == 403
        assert response.json()["error"] == "permission_denied"
    draft = joint_call(publish=False, title="Draft joint call")
    api.force_authenticate(admin_of(cluster))
    assert (
        api.post(f"/api/v1/calls/{draft.slug}/proposals/", body, format="json").status_code == 404
    )
    assert Proposal.objects.count() == 0


def test_the_proposals_list_is_constant_in_queries(api, django_assert_max_num_queries):
    call, fr, _de = two_agency_call()
    staff = StaffFactory()
    for i in range(2):
        _submitted_as(call, fr, f"Cluster {i}")
    api.force_authenticate(staff)
    url = f"/api/v1/calls/{call.slug}/proposals/"
    with CaptureQueriesContext(connection) as few:
        assert api.get(url).json()["count"] == 2
    for i in range(2, 6):
        _submitted_as(call, fr, f"Cluster {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert api.get(url).json()["count"] == 6


def _submitted_as(call, agency, name):
    proposal = _proposal(call, name=name, title=f"From {name}")
    person = admin_of(proposal.coordinator)
    services.set_partner(
        actor=person,
        proposal=proposal,
        organisation=proposal.coordinator,
        agency=agency,
        budget_eur=Decimal("1000"),
        grant_eur=Decimal("500"),
    )
    return services.submit_proposal(actor=person, proposal=proposal)
