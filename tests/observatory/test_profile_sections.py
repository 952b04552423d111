"""'Your region's strengths in your sectors' on the organisation's profile."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusterbridge.taxonomy.models import ClusterCategory
from tests.factories import MembershipFactory, OrganisationFactory
from tests.observatory.factories import AUTO, FOOD, make_dataset

pytestmark = pytest.mark.django_db


def test_the_profile_shows_the_regions_stars_and_lq_in_its_sectors(client):
    org = OrganisationFactory(name="Stuttgart Auto", sectors=[AUTO, FOOD, "apparel"], region="DE11")
    make_dataset()
    html = client.get(org.get_absolute_url()).content.decode()
    assert "The region&#x27;s strengths in these sectors" in html
    table = html[html.index('id="regional-strengths-table"') :]
    table = table[: table.index("</table>")]
    auto = table[table.index(f'data-category="{AUTO}"') :]
    assert "2.40" in auto[: auto.index("</tr>")]
    assert "size, specialisation, focus" in auto[: auto.index("</tr>")]
    food = table[table.index(f'data-category="{FOOD}"') :]
    assert "0.80" in food[: food.index("</tr>")]
    assert "Apparel" in table and "no figure" in table
    assert table.index(AUTO) < table.index(FOOD)  # strongest first


def test_members_read_about_their_own_region(client):
    membership = MembershipFactory(organisation=OrganisationFactory(sectors=[AUTO], region="DE11"))
    make_dataset()
    client.force_login(membership.user)
    html = client.get(membership.organisation.get_absolute_url()).content.decode()
    assert "Your region&#x27;s strengths in your sectors" in html


def test_no_section_without_statistics_or_region(client):
    org = OrganisationFactory(sectors=[AUTO], region="DE11")
    assert "regional-strengths" not in client.get(org.get_absolute_url()).content.decode()
    make_dataset()
    other = OrganisationFactory(name="No Region", sectors=[AUTO])
    assert "regional-strengths" not in client.get(other.get_absolute_url()).content.decode()


def test_the_section_costs_a_fixed_number_of_queries(client):
    make_dataset()
    org = OrganisationFactory(sectors=[AUTO, FOOD], region="DE11")
    client.get(org.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(org.get_absolute_url())
    org.sectors.add(*ClusterCategory.objects.filter(kind="traded")[:20])
    with CaptureQueriesContext(connection) as many:
        client.get(org.get_absolute_url())
    assert len(many.captured_queries) == len(few.captured_queries)
