import pytest

from tests.factories import MembershipFactory, OrganisationFactory


@pytest.mark.django_db
def test_factories_build_a_published_organisation_with_an_admin():
    membership = MembershipFactory(
        organisation=OrganisationFactory(sectors=["automotive"], region="DE30")
    )
    org = membership.organisation
    assert org.status == "published"
    assert list(org.sectors.values_list("code", flat=True)) == ["automotive"]
    assert org.nuts_region.code == "DE30"
    assert "organisation" in org.search_document
