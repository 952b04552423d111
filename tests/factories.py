"""factory_boy factories shared by the whole suite."""

from __future__ import annotations

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from clusterbridge.accounts.models import User
from clusterbridge.organisations.models import (
    Membership,
    Organisation,
    OrganisationKind,
    ProfileStatus,
)
from clusterbridge.organisations.queries.directory import bump_directory_version
from clusterbridge.organisations.services.profiles import refresh_derived_fields
from clusterbridge.taxonomy.models import ClusterCategory, NutsRegion, Technology

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        self.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class StaffFactory(UserFactory):
    is_staff = True


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A published organisation; pass status=... for other states, sectors=[codes] for M2M."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    kind = OrganisationKind.CLUSTER
    status = ProfileStatus.PUBLISHED
    country = "DE"
    city = "Berlin"
    latitude = 52.52
    longitude = 13.405
    short_description = "A test organisation."
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if extracted:
            rows = list(ClusterCategory.objects.filter(code__in=extracted))
            assert len(rows) == len(set(extracted)), f"unknown sector codes in {extracted}"
            self.sectors.set(rows)

    @factory.post_generation
    def technologies(self, create, extracted, **kwargs):
        if extracted:
            rows = list(Technology.objects.filter(code__in=extracted))
            assert len(rows) == len(set(extracted)), f"unknown technology codes in {extracted}"
            self.technologies.set(rows)

    @factory.post_generation
    def region(self, create, extracted, **kwargs):
        if extracted:
            self.nuts_region = NutsRegion.objects.get(code=extracted)

    @factory.post_generation
    def derived(self, create, extracted, **kwargs):
        refresh_derived_fields(self)
        self.save()
        bump_directory_version()  # as the profile services do: cached facets/map are stale now


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.ADMIN
