"""A person switches the language in the header: the pages, the e-mails they get afterwards and
the PDFs they download are in that language (issue 10, "Done when")."""

from __future__ import annotations

import pytest
from django.core import mail
from playwright.sync_api import expect

from clusterbridge.organisations.services import memberships
from tests.benchmarking.factories import admin_of, answered_assessment
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.django_db(transaction=True)


def test_after_switching_to_german_pages_e_mails_and_pdfs_are_german(page, login):
    org = OrganisationFactory(name="Lakeside Cluster", slug="lakeside")
    person = admin_of(org)
    assessment = answered_assessment(org, person, evidence=False, values={"strategy": "draft"})
    inviter = MembershipFactory(user__name="Ada Lovelace", organisation__name="Harbour Cluster")

    login(person.email, PASSWORD)
    page.goto("/me/")
    page.click("#nav-language")
    page.click(".language-menu button[value=de]")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    person.refresh_from_db()
    assert person.language == "de"  # kept on the account, for what is sent later

    # An e-mail sent by someone else's action, outside this person's requests.
    memberships.invite_member(
        organisation=inviter.organisation, actor=inviter.user, email=person.email, role="member"
    )
    (invitation,) = [m for m in mail.outbox if m.to == [person.email]]
    assert invitation.subject == "[Clusterbridge] Ada Lovelace lädt Sie zu Harbour Cluster ein"

    # A PDF downloaded in the browser session.
    response = page.request.get(f"/benchmarking/assessments/{assessment.pk}/report.pdf")
    assert response.status == 200
    assert pdf_text(response.body()).startswith(
        "Benchmark des Clustermanagements: Lakeside Cluster"
    )
