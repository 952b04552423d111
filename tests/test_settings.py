"""Production settings: the deploy checks pass, https turns on HSTS and the redirect, rate
limits live in Redis when it is configured. Each case imports the settings afresh in a
subprocess with its own environment (settings are read from the environment at import)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

SECRET = "k7Qz-production-like-secret-key-with-plenty-of-entropy-9fW2xV4mN8pR3tY6uB1cD5eH0jL"
PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({name: getattr(settings, name) for name in %r}, default=str))"
)


def _env(tmp_path, **values) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DEBUG",
            "SITE_URL",
            "SECRET_KEY",
            "REDIS_URL",
            "TRUSTED_PROXIES",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
        and not key.startswith(("SECURE_", "LOGIN_RATE"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="clusterbridge.settings",
        CLUSTERBRIDGE_DATA_DIR=str(tmp_path),
        **values,
    )
    return env


def _production(tmp_path, **extra) -> dict[str, str]:
    return _env(
        tmp_path,
        SITE_URL="https://clusters.example.org",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="clusters.example.org",
        CSRF_TRUSTED_ORIGINS="https://clusters.example.org",
        **extra,
    )


def _settings(env: dict[str, str], *names: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PROBE % (names,)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_deploy_checks_pass_in_a_production_like_environment(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=_production(tmp_path),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (1 silenced)."


def test_https_turns_on_hsts_and_the_redirect(tmp_path):
    assert _settings(
        _production(tmp_path),
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_PROXY_SSL_HEADER",
        "SESSION_COOKIE_SECURE",
    ) == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": False,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SESSION_COOKIE_SECURE": True,
    }


def test_plain_http_development_has_neither(tmp_path):
    values = _settings(
        _env(tmp_path, SITE_URL="http://127.0.0.1:8000"),
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
    )
    assert values == {"SECURE_SSL_REDIRECT": False, "SECURE_HSTS_SECONDS": 0}


def test_rate_limits_and_trusted_proxies_from_the_environment(tmp_path):
    values = _settings(
        _production(
            tmp_path, REDIS_URL="redis://127.0.0.1:6379/0", TRUSTED_PROXIES="127.0.0.1, 10.0.0.0/8"
        ),
        "CACHES",
        "TRUSTED_PROXIES",
        "ACCOUNT_RATE_LIMITS",
        "ACCOUNT_ADAPTER",
    )
    # allauth counts failed logins in the default cache: shared by every process with Redis.
    assert values["CACHES"] == {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
        }
    }
    assert values["TRUSTED_PROXIES"] == ["127.0.0.1", "10.0.0.0/8"]
    assert values["ACCOUNT_ADAPTER"] == "clusterbridge.accounts.adapter.AccountAdapter"
    limits = values["ACCOUNT_RATE_LIMITS"]
    assert (limits["login_failed"], limits["login_failed_ip_account"]) == ("20/5m/key", "5/5m/key")
