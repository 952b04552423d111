"""The marketplace in French and German: search, map, figures, an opportunity (visitor, member
of another organisation, poster, staff), for you, our posts, settings, messages, a conversation
and the staff reports leave no English in the main content; reasons and the digest e-mail come
in the reader's language."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import translation
from django_countries import countries

from clusterbridge.marketplace.models import DigestSubscription
from clusterbridge.marketplace.services import digest, interests, messaging
from clusterbridge.taxonomy.models import ClusterCategory, IndustrialEcosystem, Technology
from tests.factories import StaffFactory
from tests.i18n import english_fallbacks
from tests.marketplace.factories import opportunity, poster

pytestmark = pytest.mark.django_db

LANGUAGES = ("fr", "de")
# Words that are the same in the translation (checked by hand), per language.
SAME = {
    "fr": [
        "Conversation",
        "conversation",
        "Messages",
        "Technologies",
        "Note",
        "Organisation",
        "Description",
        "Action",
    ],
    "de": ["Status", "Organisation", "Name", "Moderation"],
}


@pytest.fixture
def market():
    with translation.override("en"):  # the first message is written in the sender's language
        return _market()


def _market():
    seeker, seeker_org = poster(name="Lakeside Robotics Cluster", country="DE")
    request = opportunity(
        user=seeker, organisation=seeker_org, kind="technology_request", title="Need lasers"
    )
    offerer, offer_org = poster(name="Basque Photonics Cluster", country="ES", city="Bilbao")
    offer = opportunity(user=offerer, organisation=offer_org, title="Laser welding offered")
    interest = interests.express_interest(
        opportunity=offer,
        actor=seeker,
        organisation=seeker_org,
        cooperation_sought="technical",
        message="We would like to talk.",
    )
    messaging.report(reporter=seeker, reason="Looks like spam to me", reported_user=offerer)
    return {
        "seeker": seeker,
        "offerer": offerer,
        "offer": offer,
        "request": request,
        "interest": interest,
        "orgs": (seeker_org, offer_org),
    }


def _content(market):
    rows = (
        *ClusterCategory.objects.all(),
        *Technology.objects.all(),
        *IndustrialEcosystem.objects.all(),
    )
    with translation.override("en"):
        country_names = [str(name) for _code, name in countries]
    interest = market["interest"]
    return [
        *(name for t in rows for name in (t.name, *t.names.values())),
        *country_names,
        *(o.name for o in market["orgs"]),
        *(str(u) for u in (market["seeker"], market["offerer"])),
        *(u.email for u in (market["seeker"], market["offerer"])),
        *(p.title for p in (market["offer"], market["request"])),
        *(p.summary for p in (market["offer"], market["request"])),
        *(p.reference for p in (market["offer"], market["request"])),
        interest.conversation.subject,
        *(line for m in interest.conversation.messages.all() for line in m.body.splitlines()),
        interest.organisation_details,
        "Looks like spam to me",
        "Bilbao",
        "Berlin",
        "A test organisation.",
    ]


def _assert_translated(client, url, content):
    found = {
        language: english_fallbacks(client, url, language, content=[*content, *SAME[language]])
        for language in LANGUAGES
    }
    assert found == {"fr": [], "de": []}, (url, found)


@pytest.mark.parametrize("url", ["/marketplace/", "/marketplace/map/", "/marketplace/figures/"])
def test_the_public_pages(client, market, url):
    _assert_translated(client, url, _content(market))


def test_an_opportunity_for_a_visitor_a_member_the_poster_and_staff(client, market):
    url = market["offer"].get_absolute_url()
    _assert_translated(client, url, _content(market))
    for user in (market["seeker"], market["offerer"], StaffFactory()):
        client.force_login(user)
        _assert_translated(client, url, _content(market))


@pytest.mark.parametrize(
    "url",
    [
        "/marketplace/for-you/",
        "/marketplace/mine/",
        "/marketplace/settings/",
        "/marketplace/new/",
        "/marketplace/messages/",
        "conversation",
        "edit",
        "contact",
    ],
)
def test_a_members_pages(client, market, url):
    client.force_login(market["seeker"])
    if url == "conversation":
        url = market["interest"].conversation.get_absolute_url()
    elif url == "edit":
        url = f"/marketplace/{market['request'].reference}/edit/"
    elif url == "contact":
        url = f"/marketplace/{market['offer'].reference}/contact/"
    _assert_translated(client, url, _content(market))


def test_the_staff_reports(client, market):
    client.force_login(StaffFactory())
    _assert_translated(client, "/marketplace/staff/reports/", _content(market))


def test_the_reasons_for_you_speak_the_readers_language(client, market):
    client.force_login(market["seeker"])
    german = client.get("/marketplace/for-you/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Antwortet auf Ihr Angebot „Need lasers“ zu" in german
    french = client.get("/marketplace/for-you/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Répond à votre annonce « Need lasers » sur" in french


def test_the_digest_comes_in_the_recipients_language(market, django_capture_on_commit_callbacks):
    seeker = market["seeker"]
    seeker.language = "de"
    seeker.save(update_fields=["language"])
    DigestSubscription.objects.create(user=seeker, weekly=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert digest.send_digests() == 1
    message = mail.outbox[-1]
    assert "Neue Angebote für Sie in dieser Woche" in message.subject
    assert "neue Angebote auf dem Marktplatz passen zu Ihrer Organisation:" in message.body
    assert "Antwortet auf Ihr Angebot „Need lasers“ zu" in message.body
    assert "Sie erhalten diese wöchentliche E-Mail" in message.body
