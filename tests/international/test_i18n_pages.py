"""The country pages in French and German: no English left in the main content (staff's
view, with the editing forms, and the visitor's)."""

from __future__ import annotations

import pytest
from django_countries import countries

from clusterbridge.taxonomy.models import ClusterCategory
from tests.events.factories import EventFactory
from tests.factories import PASSWORD, OrganisationFactory, StaffFactory
from tests.i18n import english_fallbacks
from tests.international.factories import arrangement, draft, gateway, published

pytestmark = pytest.mark.django_db

CONTENT = [
    "Japan", "Tokyo", "METI", "Ministry of Industry", "EU-Japan Centre", "Osaka Robotics",
    "Osaka", "Mission to Osaka", "Cluster organisation", "China", "Automotive",
    "j@example.org", "Arrangement on robotics", "Help with the market.", "Robots.",
    "Study visit or mission", "Production Technology and Heavy Machinery",
    "Description",  # the same word in French
]  # fmt: skip


@pytest.mark.parametrize("language", ["fr", "de"])
@pytest.mark.parametrize("as_staff", [False, True])
def test_the_country_pages_have_no_english_left(client, language, as_staff):
    sectors = ClusterCategory.objects.filter(code__in=["automotive"])
    page = published(country="JP", name="Japan", capital="Tokyo", sectors=list(sectors))
    arrangement(page, title="Arrangement on robotics", counterpart="METI", scope="Robots.")
    gateway(page, name="EU-Japan Centre", url="https://www.eu-japan.eu/",
            description="Help with the market.", contact_email="j@example.org")  # fmt: skip
    OrganisationFactory(name="Osaka Robotics", country="JP", city="Osaka")
    EventFactory(title="Mission to Osaka", kind="study_visit", country="JP")
    draft(country="CN", name="China")
    if as_staff:
        assert client.login(email=StaffFactory().email, password=PASSWORD)
    content = [*CONTENT, *(str(s.name) for s in ClusterCategory.objects.all())]
    content += [name for _code, name in countries]  # the country choices: reference data
    for url in (
        "/international/",
        page.get_absolute_url(),
        "/international/new/" if as_staff else None,
    ):
        if url:
            assert english_fallbacks(client, url, language, content=content) == [], url
