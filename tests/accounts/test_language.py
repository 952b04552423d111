"""The language switcher, the account's language, and the footer's pages."""

import pytest

from clusterbridge.accounts.models import User
from clusterbridge.common.models import SitePage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_switching_language_keeps_the_page_and_remembers_the_choice(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/me/language/", {"language": "fr", "next": "/events/?kind=workshop"})
    assert (response.status_code, response["Location"]) == (302, "/events/?kind=workshop")
    assert response.cookies["django_language"].value == "fr"
    assert User.objects.get(pk=user.pk).language == "fr"
    page = client.get("/events/")
    assert '<html lang="fr"' in page.content.decode()
    assert page["Content-Language"] == "fr"


def test_a_signed_in_persons_language_follows_them_to_a_new_device(client):
    user = UserFactory(language="de")
    client.force_login(user)  # no language cookie on this device
    assert '<html lang="de"' in client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()


def test_anonymous_visitors_get_their_browsers_language_and_may_switch(client):
    assert '<html lang="fr"' in client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    client.post("/me/language/", {"language": "pl", "next": "/"})
    assert '<html lang="pl"' in client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()


def test_unknown_languages_and_foreign_redirects_are_refused(client):
    response = client.post("/me/language/", {"language": "xx", "next": "https://evil.example/"})
    assert (response.status_code, response["Location"]) == (302, "/")
    assert "django_language" not in response.cookies


def test_footer_pages_show_staffs_text_in_the_readers_language_or_the_default():
    from django.test import Client

    client = Client()
    default = client.get("/pages/accessibility/")
    assert default.status_code == 200
    assert "WCAG" in default.content.decode()
    SitePage.objects.create(slug="imprint", language="de", title="Impressum", body="Musterstraße 1")
    SitePage.objects.create(slug="imprint", language="en", title="Legal notice", body="Main St 1")
    german = client.get("/pages/imprint/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Impressum" in german and "Musterstraße 1" in german
    italian = client.get("/pages/imprint/", HTTP_ACCEPT_LANGUAGE="it").content.decode()
    assert "Main St 1" in italian  # falls back to the site's language
    assert client.get("/pages/nope/").status_code == 404
    home = client.get("/").content.decode()
    for slug in ("privacy", "terms", "imprint", "contact", "accessibility"):
        assert f'href="/pages/{slug}/"' in home
