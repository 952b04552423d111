"""E-mails and PDFs come out in the recipient's language: the invitation e-mail in the invited
person's account language (whatever the sender's), the benchmark PDF in the reader's stored
language (without any Accept-Language header)."""

from __future__ import annotations

import pytest
from django.core import mail

from tests.benchmarking.factories import admin_of, answered_assessment
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.django_db


def test_an_invitation_e_mail_speaks_the_invited_persons_language(
    client, django_capture_on_commit_callbacks
):
    admin = MembershipFactory(
        user__name="Ada Lovelace", user__language="en", organisation__name="Lakeside Cluster"
    )
    UserFactory(email="marie@example.org", language="fr")
    UserFactory(email="jonas@example.org", language="de")
    client.login(email=admin.user.email, password=PASSWORD)
    for email in ("marie@example.org", "jonas@example.org"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"/organisations/{admin.organisation.slug}/members/",
                {"email": email, "role": "member"},
                HTTP_ACCEPT_LANGUAGE="en",
            )
        assert response.status_code == 302
    french, german = mail.outbox[-2:]
    assert french.to == ["marie@example.org"]
    assert french.subject == "[Clusterbridge] Ada Lovelace vous invite à rejoindre Lakeside Cluster"
    assert (
        "Ada Lovelace vous invite à rejoindre Lakeside Cluster sur la plateforme en tant que membre."
        in french.body
    )
    assert "Accepter l’invitation (valable jusqu’au" in french.body
    assert german.subject == "[Clusterbridge] Ada Lovelace lädt Sie zu Lakeside Cluster ein"
    assert "Einladung annehmen (gültig bis" in german.body


def test_the_benchmark_pdf_speaks_the_readers_stored_language(client):
    org = OrganisationFactory(name="Lakeside Cluster", slug="lakeside")
    admin = admin_of(org)
    admin.language = "de"
    admin.save(update_fields=["language"])
    assessment = answered_assessment(org, admin, evidence=False, values={"strategy": "draft"})
    client.login(email=admin.email, password=PASSWORD)
    response = client.get(f"/benchmarking/assessments/{assessment.pk}/report.pdf")
    assert response.status_code == 200
    assert pdf_text(response.content).startswith(
        "Benchmark des Clustermanagements: Lakeside Cluster"
    )
