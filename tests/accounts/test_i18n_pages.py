"""The account pages in French and German: the hub (/me/), privacy, the notification inbox and
settings leave no English in the main content; the inbox shows notifications in the reader's
language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rest_framework.authtoken.models import Token

from clusterbridge.notifications.services.notify import notify
from tests.factories import PASSWORD, MembershipFactory, UserFactory
from tests.i18n import english_fallbacks

pytestmark = pytest.mark.django_db

LANGUAGES = ["fr", "de"]
URLS = ["/me/", "/me/privacy/", "/notifications/", "/notifications/settings/"]
SOURCE = Path(__file__).resolve().parents[2] / "src" / "clusterbridge"


def _our_texts() -> list[re.Pattern]:
    """Patterns of every text in the catalogues of accounts, notifications and benchmarking
    (placeholders match anything)."""
    patterns = []
    for app in ("accounts", "notifications", "benchmarking"):
        po = (SOURCE / app / "locale" / "fr" / "LC_MESSAGES" / "django.po").read_text()
        for block in po.split("\n\n"):
            ids = re.findall(r'^msgid(?:_plural)? ((?:".*"\n?)+)', block, re.M)
            for raw in ids:
                text = "".join(re.findall(r'"(.*)"', raw)).replace('\\"', '"')
                if text:
                    parts = re.split(r"%\(\w+\)[sd]|\{\w+\}", text)
                    if not re.search(r"[^\W\d_]{3}", "".join(parts)):
                        continue  # "%(name)s v%(version)s (%(status)s)": would match anything
                    patterns.append(re.compile(".+".join(map(re.escape, parts)) + r"\Z"))
    return patterns


def _ours(found: dict[str, list[str]]) -> dict[str, list[str]]:
    """The fallbacks that are texts of our own apps (the others' are theirs to translate)."""
    patterns = _our_texts()
    return {
        language: [t for t in texts if any(p.match(t) for p in patterns)]
        for language, texts in found.items()
    }


@pytest.fixture
def person(client):
    user = UserFactory(name="Ada Lovelace")
    client.login(email=user.email, password=PASSWORD)
    return user


def _fallbacks(client, url, content=()):
    return {language: english_fallbacks(client, url, language, content=content)
            for language in LANGUAGES}  # fmt: skip


# The hub and the notification settings also show the other apps' sections and notification
# kinds, translated in those apps' catalogues.
@pytest.mark.parametrize("url", URLS)
def test_a_new_persons_pages_have_no_english_left(client, person, url):
    found = _fallbacks(client, url, ["Ada Lovelace", person.email])
    assert found == {"fr": [], "de": []}, found


@pytest.mark.parametrize("url", URLS)
def test_none_of_our_own_texts_stays_english(client, person, url):
    found = _ours(_fallbacks(client, url, ["Ada Lovelace", person.email]))
    assert found == {"fr": [], "de": []}, found


def test_the_hub_with_a_token_and_notifications_has_no_english_left(client, person):
    organisation = MembershipFactory(user=person, organisation__name="Lakeside Robotics Cluster")
    organisation = organisation.organisation
    token = Token.objects.create(user=person)
    notify(
        users=[person],
        kind="benchmarking.label_awarded",
        params={
            "organisation": organisation.name,
            "level": "silver",
            "valid_until_date": "2028-03-01",
        },
        url="/benchmarking/",
    )
    content = ["Ada Lovelace", person.email, organisation.name, token.key]
    for url in ("/me/", "/notifications/"):
        assert _fallbacks(client, url, content) == {"fr": [], "de": []}, url


def test_the_inbox_shows_notifications_in_the_readers_language(client, person):
    notify(
        users=[person],
        kind="benchmarking.label_awarded",
        params={
            "organisation": "Lakeside Robotics Cluster",
            "level": "silver",
            "valid_until_date": "2028-03-01",
        },
        url="/benchmarking/",
    )
    german = client.get("/notifications/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Lakeside Robotics Cluster erhält das Silber-Label" in german
    assert "Gültig bis 1. März 2028." in german
    french = client.get("/notifications/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Lakeside Robotics Cluster obtient le label Argent" in french
    assert "Valable jusqu’au 1 mars 2028." in french


def test_the_delete_form_errors_come_in_the_readers_language(client, person):
    response = client.post(
        "/me/privacy/", {"confirm_email": "someone@example.org"}, HTTP_ACCEPT_LANGUAGE="de"
    )
    assert "Das ist nicht die E-Mail-Adresse Ihres Kontos." in response.content.decode()
