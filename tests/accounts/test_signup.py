"""Sign-up with mandatory e-mail verification and the login rate limit (django-allauth)."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from clusterbridge.accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a long and unusual passphrase 42"
CONFIRM_LINK = re.compile(r"https?://[^\s/]+(/accounts/confirm-email/[^\s]+/)")


def sign_up(client, email="new.person@example.org"):
    return client.post(
        "/accounts/signup/",
        {
            "email": email,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "name": "  New Person ",
            "accept_terms": "on",
        },
    )


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_sign_up_sends_a_verification_email(client):
    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(email="new.person@example.org")
    assert user.name == "New Person"
    assert list(user.consents.values_list("document", "version")) == [
        ("terms", "1"),
        ("privacy", "1"),
    ]
    assert EmailAddress.objects.get(user=user).verified is False
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.person@example.org"]
    assert message.subject.startswith("[Clusterbridge] ")
    assert CONFIRM_LINK.search(message.body)
    assert logged_in_user_id(client) is None


def test_login_is_refused_until_the_address_is_verified(client):
    sign_up(client)
    client.logout()
    mail.outbox.clear()
    response = client.post(
        "/accounts/login/", {"login": "new.person@example.org", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert logged_in_user_id(client) is None
    assert not EmailAddress.objects.get(email="new.person@example.org").verified


def test_confirming_the_link_verifies_and_logs_in(client):
    sign_up(client)
    path = CONFIRM_LINK.search(mail.outbox[0].body).group(1)

    page = client.get(path)
    assert page.status_code == 200
    assert (
        logged_in_user_id(client) is None
    )  # GET does not confirm (ACCOUNT_CONFIRM_EMAIL_ON_GET=False)

    response = client.post(path)
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.org")
    assert EmailAddress.objects.get(user=user).verified is True
    assert logged_in_user_id(client) == str(user.pk)
    assert client.get("/me/").status_code == 200


def test_verified_user_logs_in(client):
    user = UserFactory()
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/me/"
    assert logged_in_user_id(client) == str(user.pk)


def test_sign_up_with_a_taken_address_creates_no_account(client):
    # allauth prevents account enumeration: the page looks the same, the owner gets an e-mail.
    UserFactory(email="taken@example.org")
    response = sign_up(client, email="TAKEN@example.org")
    assert response.status_code == 302
    assert User.objects.filter(email__iexact="taken@example.org").count() == 1
    assert [m.to for m in mail.outbox] == [["taken@example.org"]]
    assert not CONFIRM_LINK.search(mail.outbox[0].body)
    assert logged_in_user_id(client) is None


def test_login_rate_limit_after_five_failures(client):
    user = UserFactory()
    for _ in range(5):
        response = client.post("/accounts/login/", {"login": user.email, "password": "wrong"})
        assert response.status_code == 200
        assert response.context["form"].non_field_errors() == [
            "The email address and/or password you specified are not correct."
        ]
    # The sixth attempt is refused, even with the right password.
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code in (200, 429)
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    assert logged_in_user_id(client) is None


def test_sign_up_needs_the_terms_accepted(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "x@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD,
         "name": "X"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Accept the terms of use and the privacy notice to create an account." in (
        response.content.decode()
    )
    assert not User.objects.filter(email="x@example.org").exists()


def test_a_new_version_of_the_terms_is_what_new_people_accept(client):
    from clusterbridge.common.models import SitePage

    SitePage.objects.create(slug="terms", language="en", body="New terms.", version="2026-12")
    sign_up(client)
    user = User.objects.get(email="new.person@example.org")
    assert user.consents.get(document="terms").version == "2026-12"
