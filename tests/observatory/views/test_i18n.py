"""The observatory's pages in French and German: nothing falls back to English."""

import pytest

from clusterbridge.observatory.reference import ATTRIBUTION
from clusterbridge.taxonomy.models import NutsRegion
from tests.factories import OrganisationFactory, StaffFactory
from tests.i18n import english_fallbacks
from tests.observatory.factories import AUTO, make_dataset

pytestmark = pytest.mark.django_db

PAGES = [
    "/observatory/",
    "/observatory/?measure=stars&reference=DE",
    "/observatory/regions/DE11/",
    "/observatory/regions/DE/",
    f"/observatory/categories/{AUTO}/",
    "/observatory/compare/?region=DE11&region=FR10",
    "/observatory/compare/",
    "/observatory/datasets/",
    "/observatory/datasets/test-statistics/",
]


# Words spelt the same in English and in the language: not fallbacks.
SAME = {
    "fr": {
        "Licence",
        "Organisation",
        "Description",
        "Format",
        "Source",
        "Version",
        "version",
        "euros",
    },
    "de": {"Organisation", "Region", "Format", "Name", "Version"},
}


@pytest.fixture
def content():
    make_dataset(is_demo=True, source="Eurostat", licence="CC BY 4.0")
    org = OrganisationFactory(name="Stuttgart Auto Cluster", sectors=[AUTO], region="DE11")
    names = set(NutsRegion.objects.values_list("name", flat=True))
    return {
        *names,
        "Test statistics",
        "Eurostat",
        "CC BY 4.0",
        org.name,
        ATTRIBUTION,
        "Tests",
    }


@pytest.mark.parametrize("language", ["fr", "de"])
@pytest.mark.parametrize("url", PAGES)
def test_pages_are_translated(client, content, language, url):
    assert english_fallbacks(client, url, language, content=content | SAME[language]) == []


@pytest.mark.parametrize("language", ["fr", "de"])
def test_staff_pages_and_the_profile_section_are_translated(client, content, language):
    client.force_login(StaffFactory())
    words = content | SAME[language]
    assert english_fallbacks(client, "/observatory/imports/new/", language, content=words) == []
    # The profile belongs to the organisations app; its section of regional strengths is ours.
    page = client.get("/organisations/stuttgart-auto-cluster/", HTTP_ACCEPT_LANGUAGE=language)
    html = page.content.decode()
    section = html[
        html.index('id="regional-strengths"') : html.index(
            "</section>", html.index('id="regional-strengths"')
        )
    ]
    expected = {
        "fr": ("Les points forts de la région dans ces secteurs", "Quotient de localisation"),
        "de": ("Die Stärken der Region in diesen Branchen", "Standortquotient"),
    }[language]
    assert all(text in section.replace("&#x27;", "’") for text in expected)
