"""django-allauth's account adapter, adjusted for the platform.

Failed logins are limited with allauth's own rate limiter (kept in the default cache, which is
Redis when ``REDIS_URL`` is set, so every process shares the counts), under two actions in
``settings.ACCOUNT_RATE_LIMITS``:

- ``login_failed`` — allauth's limit, keyed by the account (``…/key``) and optionally by the
  client address (``…/ip``); the default limits per account only, because many people share
  one address (an office, a university, and every visitor when a reverse proxy is not
  configured in ``TRUSTED_PROXIES``);
- ``login_failed_ip_account`` — per client address *and* account, checked first, so that one
  address guessing an account's password is stopped long before the account itself is locked
  for everybody.

A successful login does not count (its attempt is rolled back, as allauth does). The web login
and the API token endpoint both authenticate through ``authenticate`` below, so both share the
limits and the lockout.
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from clusterbridge.common.clientip import client_ip

IP_ACCOUNT_ACTION = "login_failed_ip_account"


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        """The client address, believing X-Forwarded-For only from TRUSTED_PROXIES."""
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied(_("Unable to determine the client's IP address."))
        return ip

    def _ip_account_key(self, request, **credentials: Any) -> str:
        account = self._get_login_attempts_cache_key(request, **credentials)
        return f"{ratelimit.get_ip(request)}:{account}"

    def pre_authenticate(self, request, **credentials: Any) -> None:
        usage = ratelimit.consume(
            request,
            app="allauth.account",
            action=IP_ACCOUNT_ACTION,
            key=self._ip_account_key(request, **credentials),
        )
        if not usage:
            raise self.validation_error("too_many_login_attempts")
        try:
            super().pre_authenticate(request, **credentials)  # per account (and per IP, if set)
        except Exception:
            usage.rollback()  # refused by the account's limit: this attempt did not happen
            raise
        self._ip_account_usage = usage

    def authenticate(self, request, **credentials: Any):
        self._ip_account_usage = None
        user = super().authenticate(request, **credentials)
        if user and self._ip_account_usage:
            self._ip_account_usage.rollback()
        return user

    def _delete_login_attempts_cached_email(self, request, **credentials: Any) -> None:
        """After a password reset allauth forgets the account's failed logins; forget them for
        the resetting client's address too (allauth's hook, private but stable in 65.x)."""
        super()._delete_login_attempts_cached_email(request, **credentials)
        ratelimit.clear(
            request,
            app="allauth.account",
            action=IP_ACCOUNT_ACTION,
            key=self._ip_account_key(request, **credentials),
        )
