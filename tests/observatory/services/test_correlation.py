"""The smart correlation: organisations' copies of their region's specialisations, kept by the
observatory, and the directory's facet and sort that read them."""

import pytest

from clusterbridge.observatory.services import datasets as dataset_services
from clusterbridge.organisations.models import Organisation
from clusterbridge.organisations.queries.directory import DirectoryQuery, facets, search
from clusterbridge.organisations.services.profiles import update_profile
from clusterbridge.taxonomy.models import NutsRegion
from tests.factories import MembershipFactory, OrganisationFactory, StaffFactory
from tests.observatory.factories import AUTO, FOOD, make_dataset, small_table

pytestmark = pytest.mark.django_db


def strengths(org):
    org.refresh_from_db()
    return sorted(org.specialised_sectors.values_list("code", flat=True)), org.region_top_lq


@pytest.fixture
def orgs():
    return {
        "stuttgart": OrganisationFactory(
            name="Stuttgart Auto", sectors=[AUTO, FOOD], region="DE11"
        ),
        "karlsruhe": OrganisationFactory(
            name="Karlsruhe Food", sectors=[AUTO, FOOD], region="DE12"
        ),
        "paris": OrganisationFactory(
            name="Paris Auto", country="FR", sectors=[AUTO], region="FR10"
        ),
        "nowhere": OrganisationFactory(name="No Region", sectors=[AUTO]),
    }


def test_an_import_sets_the_copies(orgs):
    make_dataset()
    # LQs 2020/2021: DE11 automotive 2.4, food 0.8; DE12 the reverse; FR10 0.4 in both.
    assert strengths(orgs["stuttgart"]) == ([AUTO], pytest.approx(2.4))
    assert strengths(orgs["karlsruhe"]) == ([FOOD], pytest.approx(2.4))
    assert strengths(orgs["paris"]) == ([], pytest.approx(0.4))
    assert strengths(orgs["nowhere"]) == ([], None)


def test_the_directory_facet_and_sort(orgs):
    make_dataset()
    found = search(DirectoryQuery(specialised=(AUTO,)))
    assert [o.name for o in found] == ["Stuttgart Auto"]
    by_name = {f.name: f for f in facets(DirectoryQuery())}
    assert {v.value: v.count for v in by_name["specialised"].values} == {AUTO: 1, FOOD: 1}
    ranked = [o.name for o in search(DirectoryQuery(sort="specialisation"))]
    assert ranked == ["Karlsruhe Food", "Stuttgart Auto", "Paris Auto", "No Region"]


def test_a_profile_change_of_region_or_sectors_moves_the_copy(
    orgs, django_capture_on_commit_callbacks
):
    make_dataset()
    org = orgs["paris"]
    member = MembershipFactory(organisation=org).user
    with django_capture_on_commit_callbacks(execute=True):
        update_profile(
            organisation=org,
            actor=member,
            data={"country": "DE", "nuts_region": NutsRegion.objects.get(code="DE11")},
        )
    assert strengths(org) == ([AUTO], pytest.approx(2.4))
    with django_capture_on_commit_callbacks(execute=True):
        update_profile(organisation=org, actor=member, data={"short_description": "Other text"})
    assert strengths(org) == ([AUTO], pytest.approx(2.4))


def test_another_default_dataset_or_removing_one_recomputes(orgs):
    staff = StaffFactory()
    first = make_dataset()
    # A second dataset where FR10's traded categories are half its jobs (total 200, not
    # 2000): E = 2200, LQ(FR10, automotive) = (100 / 200) / (500 / 2200) = 2.2.
    table = small_table()
    for year in (2020, 2021):
        table.totals[("FR10", year)] /= 10
    second = make_dataset(slug="other", name="Other", table=table, make_default=False)
    assert strengths(orgs["paris"])[0] == []
    dataset_services.make_default(dataset=second, actor=staff)
    assert strengths(orgs["paris"])[0] == [AUTO]
    dataset_services.make_default(dataset=first, actor=staff)
    assert strengths(orgs["paris"])[0] == []
    dataset_services.delete_dataset(dataset=first, actor=staff)
    assert strengths(orgs["paris"])[0] == [AUTO]  # the other one is shown first now
    dataset_services.delete_dataset(dataset=second, actor=staff)
    assert strengths(orgs["paris"]) == ([], None)
    assert Organisation.specialised_sectors.through.objects.count() == 0
