"""POST /api/v1/auth/token/: the web login's limits, lockout and e-mail verification."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/auth/token/"
LOCKED = {
    "error": "too_many_login_attempts",
    "message": "Too many failed login attempts. Try again later.",
}


def _token(api, email, password, **extra):
    return api.post(URL, {"email": email, "password": password}, format="json", **extra)


def test_a_made_up_x_forwarded_for_does_not_escape_the_limits(api):
    user = UserFactory()
    codes = [
        _token(api, user.email, "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{i}").status_code
        for i in range(40)
    ]
    # Five wrong passwords for one account from one address, then 429 — whatever the header says.
    assert codes == [400] * 5 + [429] * 35


def test_the_lockout_applies_to_the_right_password_too(api):
    user = UserFactory()
    for _ in range(5):
        assert _token(api, user.email, "wrong").status_code == 400
    response = _token(api, user.email, PASSWORD)
    assert response.status_code == 429
    assert response.json() == LOCKED


def test_failed_web_logins_lock_the_api_as_well(api, client):
    user = UserFactory()
    for _ in range(5):
        client.post("/accounts/login/", {"login": user.email, "password": "wrong"})
    response = _token(api, user.email, PASSWORD)
    assert response.status_code == 429
    assert response.json() == LOCKED


def test_an_unverified_address_gets_no_token(api):
    user = UserFactory(verified=False)
    response = _token(api, user.email, PASSWORD)
    assert response.status_code == 403
    assert response.json() == {
        "error": "email_unverified",
        "message": "Confirm your e-mail address first: follow the link in the e-mail we sent "
        "you, or log in on the website to receive a new one.",
    }
    assert "token" not in response.json()


def test_an_inactive_account_gets_no_token(api):
    user = UserFactory(is_active=False)
    response = _token(api, user.email, PASSWORD)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_credentials"


def test_other_clients_are_not_locked_out_by_one_address(api):
    user = UserFactory()
    for _ in range(5):
        _token(api, user.email, "wrong", REMOTE_ADDR="198.51.100.7")
    other = APIClient()
    response = _token(other, user.email, PASSWORD, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 200
    assert len(response.json()["token"]) == 40


def test_behind_a_trusted_proxy_clients_are_told_apart(api, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    user = UserFactory()
    for _ in range(5):
        _token(
            api, user.email, "wrong", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7"
        )
    assert (
        _token(
            api, user.email, PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7"
        ).status_code
        == 429
    )
    assert (
        _token(
            api, user.email, PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9"
        ).status_code
        == 200
    )


def test_the_request_throttle_counts_per_client_address_not_per_header(api):
    users = [UserFactory() for _ in range(11)]
    codes = [
        _token(api, u.email, PASSWORD, HTTP_X_FORWARDED_FOR=f"192.0.2.{i}").status_code
        for i, u in enumerate(users)
    ]
    assert codes == [200] * 10 + [429]
