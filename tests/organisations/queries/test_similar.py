"""'Similar organisations' from the database: candidates, ranking, reasons, fixed query count."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusterbridge.organisations.models import ProfileStatus
from clusterbridge.organisations.queries.similar import similar_organisations
from clusterbridge.taxonomy.models import IndustrialEcosystem
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def target():
    org = OrganisationFactory(
        name="Target",
        country="DE",
        sectors=["automotive", "metalworking-technology"],
        technologies=["photonics"],
    )
    org.ecosystems.set(IndustrialEcosystem.objects.filter(code="mobility-transport-automotive"))
    return org


def test_ranking_and_reasons(target):
    abroad = OrganisationFactory(name="Abroad", country="FR", sectors=["automotive"])
    both = OrganisationFactory(
        name="Both", country="DE", sectors=["automotive", "metalworking-technology"]
    )
    tech = OrganisationFactory(name="Tech", country="DE", technologies=["photonics"])
    italy = OrganisationFactory(name="Italy", country="IT", sectors=["automotive"])
    italy.ecosystems.set(IndustrialEcosystem.objects.filter(code="mobility-transport-automotive"))
    OrganisationFactory(
        name="Draft", status=ProfileStatus.DRAFT, sectors=["automotive"], published_at=None
    )
    OrganisationFactory(name="Unrelated", sectors=["biopharmaceuticals"])

    result = similar_organisations(target)

    assert [(org.name, s.score) for org, s in result] == [
        ("Both", 6.0),
        ("Italy", 5.0),
        ("Abroad", 3.75),
        ("Tech", 2.0),
    ]
    reasons = {org.name: s.reasons for org, s in result}
    assert reasons["Both"] == ("Shares sectors: Automotive, Metalworking Technology",)
    assert reasons["Italy"] == (
        "Shares sectors: Automotive",
        "Same industrial ecosystems: Mobility - Transport - Automotive",
        "A potential partner abroad (Italy)",
    )
    assert reasons["Abroad"] == (
        "Shares sectors: Automotive",
        "A potential partner abroad (France)",
    )
    assert reasons["Tech"] == ("Shares technologies: Photonics",)
    assert result[0][0] == both
    assert abroad in [org for org, _ in result]
    assert tech in [org for org, _ in result]


def test_limit_and_ties_by_id(target):
    created = [OrganisationFactory(name=f"Peer {i}", sectors=["automotive"]) for i in range(8)]
    result = similar_organisations(target, limit=3)
    assert [org.pk for org, _ in result] == [o.pk for o in created[:3]]


def test_no_sectors_and_no_technologies_gives_nothing():
    lonely = OrganisationFactory(name="Lonely")
    OrganisationFactory(name="Other", sectors=["automotive"])
    assert similar_organisations(lonely) == []


def test_query_count_does_not_grow_with_candidates(target):
    for i in range(3):
        OrganisationFactory(name=f"A{i}", sectors=["automotive"], technologies=["photonics"])
    with CaptureQueriesContext(connection) as few:
        assert len(similar_organisations(target)) == 3
    for i in range(30):
        OrganisationFactory(
            name=f"B{i}", country="FR", sectors=["automotive", "metalworking-technology"]
        )
    with CaptureQueriesContext(connection) as many:
        assert len(similar_organisations(target)) == 6
    assert len(many.captured_queries) == len(few.captured_queries)
