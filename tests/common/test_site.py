import os
import subprocess
import sys

import pytest
from django.contrib.sites.models import Site

from clusterbridge.common.apps import sync_site


def _site_url(**env) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "HOST", "PORT")}
    code = "from django.conf import settings; print(settings.SITE_URL)"
    done = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "clusterbridge.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_site_url_follows_the_port_make_run_serves_on():
    assert _site_url() == "http://127.0.0.1:8000"
    assert _site_url(PORT="8123") == "http://127.0.0.1:8123"
    assert _site_url(HOST="0.0.0.0", PORT="9000", SITE_URL="https://clusters.example.org/") == (
        "https://clusters.example.org"
    )


@pytest.mark.django_db
def test_the_site_is_named_after_site_name_and_site_url(settings):
    settings.SITE_NAME = "Cluster Alliance"
    settings.SITE_URL = "https://clusters.example.org"
    sync_site(sender=None)
    site = Site.objects.get_current()
    assert (site.name, site.domain) == ("Cluster Alliance", "clusters.example.org")


@pytest.mark.django_db
def test_the_verification_email_names_the_site_not_example_com(client, mailoutbox):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "password1": "a long enough pass phrase",
            "password2": "a long enough pass phrase",
            "name": "New Person",
            "accept_terms": "on",
        },
    )
    assert response.status_code == 302
    body = mailoutbox[-1].body + mailoutbox[-1].subject
    assert "example.com" not in body
    assert "127.0.0.1:8000" in body
