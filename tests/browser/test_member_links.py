"""A cluster lists a member organisation: the cluster's administrator adds it, the member's
administrator confirms, the cluster's public page lists it and shows it on the map."""

import pytest
from playwright.sync_api import expect

from clusterbridge.organisations.models import MemberLink
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_cluster_adds_member_member_confirms_profile_and_map_show_it(page, login, axe_check):
    cluster = OrganisationFactory(
        name="Hamburg Aviation Cluster", kind="cluster", latitude=53.55, longitude=9.99
    )
    member = OrganisationFactory(
        name="Finkenwerder Composites GmbH", kind="sme", latitude=53.53, longitude=9.84
    )
    OrganisationFactory(name="Elsewhere Composites SA", kind="sme", country="FR")
    cluster_admin = MembershipFactory(
        organisation=cluster, user=UserFactory(email="clara@example.org", name="Clara")
    ).user
    member_admin = MembershipFactory(
        organisation=member, user=UserFactory(email="max@example.org", name="Max")
    ).user

    # The cluster's administrator finds the member by name and adds it.
    login(cluster_admin.email, PASSWORD)
    page.goto(cluster.get_absolute_url())
    page.click("#manage-links")
    expect(page.locator("h1")).to_contain_text("Member organisations and clusters of")
    page.fill("#id_find_members", "finkenwerder")
    page.locator("#member-organisations button[type=submit]", has_text="Find").click()
    expect(page.locator("#candidates-member li")).to_have_count(1)
    axe_check("the member links page with search results")
    page.click("#candidates-member button:has-text('Add as a member')")
    expect(page.locator(".messages")).to_contain_text("is asked to confirm")
    expect(page.locator("#members-sent")).to_contain_text("Finkenwerder Composites GmbH")
    assert MemberLink.objects.get().status == "proposed"

    # Not public yet.
    page.context.clear_cookies()
    page.goto(cluster.get_absolute_url())
    expect(page.locator("#member-organisations")).to_have_count(0)

    # The member's administrator confirms from the page the notification links to.
    login(member_admin.email, PASSWORD)
    page.goto(f"/organisations/{member.slug}/links/")
    expect(page.locator("#clusters-to-decide")).to_contain_text("Hamburg Aviation Cluster")
    axe_check("the member links page with a request to confirm")
    page.click("#clusters-to-decide button:has-text('Confirm')")
    expect(page.locator(".messages")).to_contain_text(
        "Finkenwerder Composites GmbH is now listed as a member of Hamburg Aviation Cluster."
    )
    expect(page.locator("#clusters-confirmed")).to_contain_text("Hamburg Aviation Cluster")

    # Anyone sees it on both public profiles and on the map.
    page.context.clear_cookies()
    page.goto(member.get_absolute_url())
    expect(page.locator("#member-of")).to_contain_text("Hamburg Aviation Cluster")
    page.goto(cluster.get_absolute_url())
    expect(page.locator("#member-list li")).to_have_text(
        ["Finkenwerder Composites GmbH (Company (SME), Germany)"]
    )
    axe_check("a cluster's public profile with its members")
    page.click("#members-map-link")
    expect(page.locator("h1")).to_have_text("Members of Hamburg Aviation Cluster on the map")
    expect(page.locator("#map")).to_have_attribute("data-loaded", "1")
    expect(page.locator("#map-count")).to_have_text("1")
    axe_check("the map of a cluster's members")
    page.click("text=Back to the list with these filters")
    expect(page.locator("#result-count")).to_contain_text("1 organisation")
    expect(page.locator(".result h3")).to_have_text("Finkenwerder Composites GmbH")
    expect(page.locator("#member-of-filter")).to_contain_text("Hamburg Aviation Cluster")
