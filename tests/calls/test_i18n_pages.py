"""The call pages in French and German: no English left in the main content."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation
from django_countries import countries

from clusterbridge.calls.models import ProposalVersion
from clusterbridge.calls.services import proposals as services
from clusterbridge.organisations.models import Organisation
from clusterbridge.taxonomy.models import ClusterCategory, IndustrialEcosystem, Technology
from tests.calls.factories import admin_of, posted, two_agency_call
from tests.factories import PASSWORD, OrganisationFactory
from tests.i18n import english_fallbacks

pytestmark = pytest.mark.django_db

LANGUAGES = ["fr", "de"]


def test_the_call_pages_have_no_english_left(client):
    posted(title="Regional vouchers", summary="Vouchers for SMEs.")
    call, fr, de = two_agency_call(title="Innovation Express 2030")
    draft, *_agencies = two_agency_call(
        title="Draft joint call", names=("Agence 2", "Agentur 2"), publish=False
    )
    cluster = OrganisationFactory(name="Pôle Mécanique", kind="cluster", country="FR")
    person = admin_of(cluster)
    person.name = "Claire Martin"
    person.save()
    proposal = services.start_proposal(
        actor=person, call=call, coordinator=cluster, title="Smart machining"
    )
    services.set_partner(
        actor=person,
        proposal=proposal,
        organisation=cluster,
        agency=de,
        budget_eur=Decimal("1000"),
        grant_eur=Decimal("500"),
    )
    submitted = services.start_proposal(
        actor=person, call=call, coordinator=cluster, title="Submitted one"
    )
    services.set_partner(
        actor=person,
        proposal=submitted,
        organisation=cluster,
        agency=fr,
        budget_eur=Decimal("1000"),
        grant_eur=Decimal("500"),
    )
    services.submit_proposal(actor=person, proposal=submitted)
    content = [
        "Regional vouchers",
        "Vouchers for SMEs.",
        "Innovation Express 2030",
        "Draft joint call",
        "Smart machining",
        "Submitted one",
        "Claire Martin",
        person.email,
        submitted.reference,
        call.funder_names,
        "Agence de l'innovation",
        "Innovation Express 2027",
        # Words that read the same in French or German.
        "National",
        "International",
        "Regional",
        "Budget",
        "Version",
        "JSON",
        "Partner",
        "Organisation",
        "Type",
        "Programme",
        "Actions",
        "Consortium",
        "Pages",
        "Status",
        "(optional)",
        "SHA-256",
        "Matchmaking",
        *ProposalVersion.objects.values_list("sha256", flat=True),
        *(digest[:12] for digest in ProposalVersion.objects.values_list("sha256", flat=True)),
        *Organisation.objects.values_list("name", flat=True),
        *IndustrialEcosystem.objects.values_list("name", flat=True),
        *ClusterCategory.objects.values_list("name", flat=True),
        *Technology.objects.values_list("name", flat=True),
    ]
    staff_urls = ["/calls/post/", f"/calls/{draft.slug}/manage/"]
    urls = [
        "/calls/",
        "/calls/for-you/",
        call.get_absolute_url(),
        f"/calls/{call.slug}/propose/",
        proposal.get_absolute_url(),
        submitted.get_absolute_url(),
    ]
    for language in LANGUAGES:
        with translation.override(language):
            names = [str(name) for _code, name in countries]
        assert client.login(email=person.email, password=PASSWORD)
        for url in urls:
            found = english_fallbacks(client, url, language, content=[*content, *names])
            assert found == [], f"{url} ({language}): {found}"
        staff = draft.posted_by
        client.force_login(staff)
        for url in staff_urls:
            found = english_fallbacks(client, url, language, content=[*content, *names])
            assert found == [], f"{url} ({language}): {found}"
