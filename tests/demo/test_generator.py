"""Deterministic demo data: same seed → same data; everything marked demo; working logins."""

from __future__ import annotations

import csv
import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.db import transaction

from clusterbridge.accounts.models import User
from clusterbridge.demo.generator import (
    ADMIN_EMAIL,
    DATA,
    DEMO_PASSWORD,
    STAFF_EMAIL,
    generate_demo,
    remove_demo,
)
from clusterbridge.organisations.models import Membership, Organisation, ProfileStatus
from clusterbridge.taxonomy.models import NutsRegion
from clusterbridge.taxonomy.models.taxonomies import nuts_country_code

pytestmark = pytest.mark.django_db


def _snapshot():
    return list(
        Organisation.objects.order_by("id").values_list(
            "name",
            "slug",
            "kind",
            "status",
            "country",
            "city",
            "nuts_region__code",
            "members_total",
        )
    )


def test_same_seed_gives_the_same_data():
    with transaction.atomic():
        result = generate_demo(organisations=60, seed=7)
    first = _snapshot()
    first_users = sorted(User.objects.values_list("email", flat=True))
    assert result.organisations == 60
    assert len(first) == 60
    assert result.users == len(first_users)

    with transaction.atomic():
        remove_demo()
    assert not Organisation.objects.exists()
    assert not User.objects.exists()

    with transaction.atomic():
        generate_demo(organisations=60, seed=7)
    assert _snapshot() == first
    assert sorted(User.objects.values_list("email", flat=True)) == first_users


def test_another_seed_gives_other_data():
    generate_demo(organisations=30, seed=1, with_accounts=False)
    first = [row[0] for row in _snapshot()]
    remove_demo()
    generate_demo(organisations=30, seed=2, with_accounts=False)
    assert [row[0] for row in _snapshot()] != first


@pytest.fixture
def demo():
    return generate_demo(organisations=60, seed=2026)


def test_everything_is_marked_demo_and_removable(demo):
    assert Organisation.objects.count() == 60
    assert not Organisation.objects.filter(is_demo=False).exists()
    assert not User.objects.filter(is_demo=False).exists()
    names = list(Organisation.objects.values_list("name", flat=True))
    assert len({n.lower() for n in names}) == 60
    assert Organisation.objects.filter(status=ProfileStatus.PUBLISHED).exists()
    remove_demo()
    assert not Organisation.objects.exists()
    assert not User.objects.exists()
    assert not Membership.objects.exists()


def test_derived_fields_and_relations(demo):
    for org in Organisation.objects.prefetch_related("sectors"):
        assert org.members_total == sum(org.member_counts.values())
        assert org.search_document
        assert org.sectors.all(), org.name
        assert org.slug


def test_demo_logins_exist_are_verified_and_work(client, demo):
    assert demo.logins == {
        "Platform staff": STAFF_EMAIL,
        "Organisation administrator": ADMIN_EMAIL,
        "Password (all demo accounts)": DEMO_PASSWORD,
    }
    staff = User.objects.get(email=STAFF_EMAIL)
    assert staff.is_staff and staff.is_superuser
    admin = User.objects.get(email=ADMIN_EMAIL)
    membership = Membership.objects.get(user=admin)
    assert membership.role == "admin"
    assert membership.organisation.kind == "cluster"
    assert membership.organisation.status == ProfileStatus.PUBLISHED
    for user in User.objects.all():
        address = EmailAddress.objects.get(user=user)
        assert (address.email, address.verified, address.primary) == (user.email, True, True)

    for email in (STAFF_EMAIL, ADMIN_EMAIL):
        client.logout()
        response = client.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(User.objects.get(email=email).pk)


def test_all_regions_are_set_for_cities_in_nuts_countries(demo):
    nuts_countries = set(NutsRegion.objects.filter(level=0).values_list("code", flat=True))
    checked = 0
    for org in Organisation.objects.select_related("nuts_region"):
        if nuts_country_code(org.country.code) in nuts_countries:
            checked += 1
            assert org.nuts_region is not None, (
                f"{org.name} in {org.city}, {org.country.code} has no region"
            )
            assert org.nuts_region.level == 2
            assert org.nuts_region.country_code == nuts_country_code(org.country.code)
    assert checked > 40


def test_every_city_of_a_nuts_country_has_a_level_two_region():
    nuts2 = set(NutsRegion.objects.filter(level=2).values_list("code", flat=True))
    nuts_countries = set(NutsRegion.objects.filter(level=0).values_list("code", flat=True))
    with (DATA / "cities.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    missing = [
        f"{row['city']} ({row['country']}): {row['nuts2']!r}"
        for row in rows
        if nuts_country_code(row["country"]) in nuts_countries
        and (row["nuts2"] not in nuts2 or row["nuts2"][:2] != nuts_country_code(row["country"]))
    ]
    assert missing == []


def test_command_prints_a_password_that_works(client):
    out = StringIO()
    call_command("demo_data", "--organisations", "20", "--seed", "3", stdout=out)
    output = out.getvalue()
    assert "Generated 20 organisations and" in output
    password = re.search(r"password for all: (\S+)\)", output).group(1)
    assert STAFF_EMAIL in output
    assert ADMIN_EMAIL in output
    response = client.post("/accounts/login/", {"login": STAFF_EMAIL, "password": password})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session

    again = StringIO()
    call_command("demo_data", "--organisations", "20", stdout=again)
    assert "Demo data is already present (use --reset to regenerate)." in again.getvalue()
    assert Organisation.objects.count() == 20


def test_command_refuses_fewer_than_ten(capsys):
    err = StringIO()
    call_command("demo_data", "--organisations", "5", stderr=err)
    assert err.getvalue().strip() == "Generate at least 10 organisations."
    assert not Organisation.objects.exists()
