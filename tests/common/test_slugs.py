import pytest
from django.db import IntegrityError

from clusterbridge.common.slugs import base_slug, save_with_unique_slug
from clusterbridge.organisations.models import Organisation
from clusterbridge.organisations.services.profiles import create_organisation
from tests.factories import OrganisationFactory, UserFactory


def test_names_in_any_script_stay_readable():
    assert base_slug("Ελληνικό Cluster Καινοτομίας", fallback="x") == "ελληνικο-cluster-καινοτομιας"
    assert base_slug("Български клъстер", fallback="x") == "български-клъстер"
    assert base_slug("Łódź Klaster", fallback="x") == "łodz-klaster"
    assert base_slug("Zürich Photonics", fallback="x") == "zurich-photonics"
    assert base_slug("!!!", fallback="organisation") == "organisation"


@pytest.mark.django_db
def test_a_greek_profile_gets_a_readable_address_that_works(client):
    user = UserFactory()
    organisation = create_organisation(
        actor=user, data={"name": "Ελληνικό Cluster", "kind": "cluster", "country": "GR"}
    )
    assert organisation.slug == "ελληνικο-cluster"
    client.force_login(user)
    assert client.get(organisation.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_a_taken_slug_gets_the_next_free_suffix_and_other_conflicts_are_not_hidden():
    OrganisationFactory(name="Alpha One", slug="alpha")
    OrganisationFactory(name="Alpha Two", slug="alpha-2")
    mine = Organisation(name="Alpha", kind="cluster", country="DE")
    save_with_unique_slug(mine, "Alpha", fallback="organisation")
    assert mine.slug == "alpha-3"
    # A clash on another unique field (the name) is raised, not retried under new slugs.
    twin = Organisation(name="alpha", kind="cluster", country="DE")
    with pytest.raises(IntegrityError):
        save_with_unique_slug(twin, "Alpha", fallback="organisation")
