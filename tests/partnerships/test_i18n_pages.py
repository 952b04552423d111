"""The partnership pages in French and German: no English left in the main content."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django_countries import countries

from clusterbridge.organisations.models import Organisation
from clusterbridge.partnerships.services import documents, forum
from clusterbridge.partnerships.services.stories import add_story
from clusterbridge.taxonomy.models import ClusterCategory, IndustrialEcosystem
from tests.factories import PASSWORD
from tests.i18n import english_fallbacks
from tests.partnerships.factories import published

pytestmark = pytest.mark.django_db

LANGUAGES = ["fr", "de"]


def test_the_partnership_pages_have_no_english_left(client):
    partnership = published(name="Hydrogen Valleys", target_countries=["KR"])
    alice = partnership.proposed_by
    alice.name = "Alice Nord"
    alice.save()
    add_story(
        partnership=partnership,
        actor=alice,
        title="MoU in Seoul",
        story="Signed at the fair.",
        result_type="mou",
        happened_on=datetime.date(2026, 3, 1),
        organisations=[partnership.coordinator],
        smes_involved=3,
    )
    thread = forum.start_thread(
        partnership=partnership, actor=alice, title="Mission plans", body="Who joins?"
    )
    document = documents.add_document(
        partnership=partnership,
        actor=alice,
        title="Seoul roadmap",
        category="strategy",
        visibility="public",
        description="The plan.",
        dated_on=datetime.date(2026, 3, 2),
        upload=SimpleUploadedFile("roadmap.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    documents.update_document(
        document=document,
        actor=alice,
        title="Seoul roadmap",
        category="strategy",
        visibility="public",
        description="The plan.",
        upload=SimpleUploadedFile("roadmap-v2.pdf", b"%PDF-1.4\n%v2\n%%EOF\n"),
    )
    assert client.login(email=alice.email, password=PASSWORD)
    content = [
        "Hydrogen Valleys",
        "MoU in Seoul",
        "Signed at the fair.",
        "Mission plans",
        "Who joins?",
        "Alice Nord",
        "Seoul roadmap",
        "The plan.",
        "roadmap.pdf",
        "roadmap-v2.pdf",
        *Organisation.objects.values_list("name", flat=True),
        # Taxonomy names that read the same in some languages (Construction, Textile).
        *IndustrialEcosystem.objects.values_list("name", flat=True),
        *ClusterCategory.objects.values_list("name", flat=True),
    ]
    urls = [
        "/partnerships/",
        "/partnerships/stories/",
        "/partnerships/propose/",
        partnership.get_absolute_url(),
        f"/partnerships/{partnership.slug}/forum/",
        f"/partnerships/{partnership.slug}/forum/new/",
        thread.get_absolute_url(),
        f"/partnerships/{partnership.slug}/stories/new/",
        f"/partnerships/{partnership.slug}/documents/",
        f"/partnerships/{partnership.slug}/documents/{document.pk}/edit/",
    ]
    for language in LANGUAGES:
        with translation.override(language):
            names = [str(name) for _code, name in countries]
        for url in urls:
            found = english_fallbacks(client, url, language, content=[*content, *names])
            assert found == [], f"{url} ({language}): {found}"
