"""The profile-completeness indicator (organisations/completeness.py)."""

from __future__ import annotations

import pytest

from clusterbridge.organisations.completeness import profile_completeness
from clusterbridge.organisations.models import ContactPerson
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def complete_cluster(**overrides):
    org = OrganisationFactory(
        region="DE30", sectors=["automotive"], technology_keywords=["batteries"],
        description="x" * 300, website="https://example.org", logo="logos/a.png",
        cooperation_interests=["research"], **{"members_smes": 12, **overrides},
    )  # fmt: skip
    ContactPerson.objects.create(organisation=org, name="Ana Novak", email="ana@example.org")
    return org


def test_a_complete_profile_is_100_percent():
    assert profile_completeness(complete_cluster()) == (100, ())


def test_missing_items_are_named_and_counted():
    org = OrganisationFactory(latitude=None, longitude=None, description="short")
    result = profile_completeness(org)
    assert result.missing == (
        "A description of at least 300 characters",
        "A logo",
        "The website",
        "The region (NUTS 2) and city",
        "A pin on the map",
        "At least one sector",
        "Technologies or technology keywords",
        "Cooperation interests",
        "The number of members",
        "A contact person",
    )
    assert result.percent == 0


def test_member_counts_do_not_count_for_a_company():
    org = complete_cluster(kind="sme", members_smes=0)
    assert profile_completeness(org) == (100, ())
    org.logo = ""
    assert profile_completeness(org) == (89, ("A logo",))  # 8 of the 9 items that apply
