"""Failed-login limits: per account and per client address + account, not per address alone;
client addresses from X-Forwarded-For only behind a configured trusted proxy."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOCKED = "Too many failed login attempts. Try again later."
PROXY = "10.0.0.2"


def _login(client: Client, email: str, password: str, *, ip: str = "198.51.100.7", **extra):
    return client.post(
        "/accounts/login/", {"login": email, "password": password}, REMOTE_ADDR=ip, **extra
    )


def _locked(response) -> bool:
    return LOCKED in response.content.decode()


def _fail(times: int, email: str, **kwargs) -> None:
    for _ in range(times):
        response = _login(Client(), email, "wrong", **kwargs)
        assert response.status_code == 200
        assert not _locked(response)


def test_failures_from_one_address_do_not_lock_out_other_people_there():
    alice, bob = UserFactory(), UserFactory()
    _fail(5, alice.email, ip="198.51.100.7")
    assert _locked(_login(Client(), alice.email, PASSWORD, ip="198.51.100.7"))
    # Bob shares the office's address: he is not locked out by Alice's typos.
    response = _login(Client(), bob.email, PASSWORD, ip="198.51.100.7")
    assert response.status_code == 302
    assert response["Location"] == "/me/"
    # And Alice on her phone, from another address, still logs in.
    assert _login(Client(), alice.email, PASSWORD, ip="203.0.113.9").status_code == 302


def test_an_account_is_locked_after_failures_from_many_addresses():
    alice = UserFactory()
    for i in range(5):  # 4 failures each from 5 addresses: 20, the per-account limit
        _fail(4, alice.email, ip=f"192.0.2.{i + 1}")
    assert _locked(_login(Client(), alice.email, PASSWORD, ip="192.0.2.200"))


def test_a_successful_login_does_not_count_against_the_limit():
    alice = UserFactory()
    for _ in range(8):
        assert _login(Client(), alice.email, PASSWORD).status_code == 302
    _fail(4, alice.email)
    assert _login(Client(), alice.email, PASSWORD).status_code == 302


def test_x_forwarded_for_from_an_untrusted_client_is_ignored():
    alice = UserFactory()
    for i in range(5):
        _fail(1, alice.email, ip="198.51.100.7", HTTP_X_FORWARDED_FOR=f"192.0.2.{i + 1}")
    # A made-up X-Forwarded-For does not give the attacker a fresh address.
    response = _login(Client(), alice.email, PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert _locked(response)


def test_behind_a_trusted_proxy_each_forwarded_client_is_counted_on_its_own(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    alice, bob = UserFactory(), UserFactory()
    for _ in range(5):
        _fail(1, alice.email, ip=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert _locked(
        _login(Client(), alice.email, PASSWORD, ip=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    )
    # Everyone arrives from the proxy's address; another client behind it is not locked out.
    response = _login(Client(), alice.email, PASSWORD, ip=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert response.status_code == 302
    assert (
        _login(
            Client(), bob.email, PASSWORD, ip=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7"
        ).status_code
        == 302
    )
    # What the client itself put in front of the header is not believed.
    spoofed = "192.0.2.55, 198.51.100.7"
    assert _locked(_login(Client(), alice.email, PASSWORD, ip=PROXY, HTTP_X_FORWARDED_FOR=spoofed))


def test_a_password_reset_lifts_the_lock_for_the_resetting_client(rf):
    from allauth.account.adapter import get_adapter

    alice = UserFactory()
    _fail(5, alice.email, ip="198.51.100.7")
    # What allauth's finalize_password_reset does for each of the user's addresses.
    request = rf.post("/accounts/password/reset/key/done/", REMOTE_ADDR="198.51.100.7")
    get_adapter(request)._delete_login_attempts_cached_email(request, email=alice.email)
    assert _login(Client(), alice.email, PASSWORD, ip="198.51.100.7").status_code == 302
