"""A small, fixed directory data set with known facet counts (shared by query, view and API tests).

Published (5):
  zurich  Zürich Photonics Cluster  cluster     CH  CH04  IT instruments           photonics  20 members (15-49)
  berlin  Berlin Mobility Cluster   cluster     DE  DE30  automotive                          60 members (50-149)
  munich  Munich Auto Tech GmbH     sme         DE  DE21  automotive, metalworking             0 members (0)
  lyon    Lyon Biotech University   university  FR  FRK2  biopharmaceuticals                   0 members (0)
  paris   Paris Mobility Lab        rto         FR  FR10  automotive                           5 members (1-14), no coordinates
Not published: a draft and a submitted profile (both automotive, DE) that must never show.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from clusterbridge.organisations.models import ProfileStatus
from tests.factories import OrganisationFactory

BASE_TIME = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)


def build_directory() -> dict:
    orgs = {
        "zurich": OrganisationFactory(
            name="Zürich Photonics Cluster",
            slug="zurich-photonics-cluster",
            acronym="ZPC",
            kind="cluster",
            country="CH",
            region="CH04",
            city="Zürich",
            latitude=47.376887,
            longitude=8.541694,
            short_description="Lasers and optics around the lake.",
            sectors=["information-technology-and-analytical-instruments"],
            technologies=["photonics"],
            members_smes=15,
            members_research=5,
            website="https://zpc.example",
            published_at=BASE_TIME + dt.timedelta(days=3),
        ),
        "berlin": OrganisationFactory(
            name="Berlin Mobility Cluster",
            kind="cluster",
            country="DE",
            region="DE30",
            city="Berlin",
            latitude=52.52,
            longitude=13.405,
            short_description="Electric vehicles and batteries.",
            sectors=["automotive"],
            members_smes=50,
            members_universities=10,
            year_founded=2004,
            published_at=BASE_TIME + dt.timedelta(days=1),
        ),
        "munich": OrganisationFactory(
            name="Munich Auto Tech GmbH",
            kind="sme",
            country="DE",
            region="DE21",
            city="München",
            latitude=48.137,
            longitude=11.575,
            short_description="Mobility software for car makers.",
            sectors=["automotive", "metalworking-technology"],
            published_at=BASE_TIME + dt.timedelta(days=5),
        ),
        "lyon": OrganisationFactory(
            name="Lyon Biotech University",
            kind="university",
            country="FR",
            region="FRK2",
            city="Lyon",
            latitude=45.764,
            longitude=4.8357,
            short_description="Research on vaccines and health mobility.",
            sectors=["biopharmaceuticals"],
            published_at=BASE_TIME + dt.timedelta(days=2),
        ),
        "paris": OrganisationFactory(
            name="Paris Mobility Lab",
            kind="rto",
            country="FR",
            region="FR10",
            city="Paris",
            latitude=None,
            longitude=None,
            short_description="Urban transport research.",
            sectors=["automotive"],
            members_other=5,
            published_at=BASE_TIME + dt.timedelta(days=4),
        ),
        "draft": OrganisationFactory(
            name="Hidden Mobility Draft",
            status=ProfileStatus.DRAFT,
            country="DE",
            city="Berlin",
            sectors=["automotive"],
            published_at=None,
        ),
        "submitted": OrganisationFactory(
            name="Waiting Mobility Profile",
            status=ProfileStatus.SUBMITTED,
            country="DE",
            city="Berlin",
            sectors=["automotive"],
            published_at=None,
            submitted_at=timezone.now(),
        ),
    }
    return orgs


PUBLISHED_BY_NAME = [
    "Berlin Mobility Cluster",
    "Lyon Biotech University",
    "Munich Auto Tech GmbH",
    "Paris Mobility Lab",
    "Zürich Photonics Cluster",
]
