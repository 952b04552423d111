"""The events app speaks the reader's language (issue 10).

Every key page, shown in French and in German, has no English left in its main content; the
files people download (agenda PDF) and the e-mails the app sends come in the language of the
person who asks for them or receives them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone, translation
from django_countries import countries

from clusterbridge.events.models import (
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    ProgrammeSession,
    ScheduleRun,
)
from clusterbridge.events.services import registration as reg_services
from clusterbridge.events.services import reminders
from tests.events.factories import TZ, EventFactory, RegistrationFactory, add_slots, add_tables
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.i18n import _has_words, english_fallbacks, main_texts
from tests.pdf_text import pdf_text

# The factory's event: 20 April 2027, 09:00 in Brussels (its time zone).
START = datetime(2027, 4, 20, 9, 0, tzinfo=TZ)
# Texts that are the same word in English and in the language: real translations, not
# fallbacks ("Participants" is French, "Name" and "Status" are German).
SAME_WORD = {
    "fr": {
        "Participants", "Programme", "Actions", "Message", "Total", "Organisation",
        "Satisfaction", "Table", "Table 1", "Table 2", "Badges (PDF)", "Participants (CSV)",
    },
    "de": {
        "Name", "Status", "Organisation", "Online", "Workshop", "Webinar", "Hybrid", "Filter",
        "Format:", "Organisation:",
    },
}  # fmt: skip


class World:
    """A published matchmaking event with every kind of data its pages show: a programme,
    slots and tables, requests both ways, a scheduled and published meeting with outcomes, an
    unscheduled one with its reason, a finished scheduler run."""

    def __init__(self):
        self.host = MembershipFactory(
            user=UserFactory(name="Hanna Host"), organisation=OrganisationFactory(name="Hostwerk")
        )
        self.event = EventFactory(
            title="Photonik Bilbao", slug="photonik-bilbao", organiser=self.host.organisation,
            venue="Palacio Euskalduna", city="Bilbao", country="ES", capacity=30,
            admission_policy="org_cap", org_cap=3, agenda_published_at=timezone.now(),
            registration_deadline=START - timedelta(days=7),
            decision_deadline=(START - timedelta(days=5)).date(),
            request_expiry=START - timedelta(days=1),
            online_url="https://video.example.org/room",
        )  # fmt: skip
        ProgrammeSession.objects.create(
            event=self.event, title="Keynote Ljubljana", start=self.event.start,
            end=self.event.start + timedelta(hours=1),
        )  # fmt: skip
        self.slots = add_slots(self.event, 3, start=self.event.start + timedelta(hours=1))
        self.tables = add_tables(self.event, 2)
        self.me = RegistrationFactory(
            event=self.event, user=UserFactory(name="Ana Alpha"),
            organisation=OrganisationFactory(name="Alphawerk"), offer="Lasersysteme",
            seek="Optik",
        )  # fmt: skip
        self.ben = RegistrationFactory(
            event=self.event, user=UserFactory(name="Ben Beta"),
            organisation=OrganisationFactory(name="Betabau"), country="FR",
        )  # fmt: skip
        self.cem = RegistrationFactory(
            event=self.event, user=UserFactory(name="Cem Gamma"),
            organisation=OrganisationFactory(name="Gammatec"), country="PL",
        )  # fmt: skip
        accepted = MeetingRequest.objects.create(
            event=self.event, sender=self.me, recipient=self.ben, status="accepted",
            message="Salut Ben",
        )  # fmt: skip
        MeetingRequest.objects.create(
            event=self.event, sender=self.cem, recipient=self.me, message="Hallo Ana"
        )
        self.meeting = Meeting.objects.create(
            event=self.event, request=accepted, status="scheduled", slot=self.slots[0],
            table=self.tables[0], communicated=True,
        )  # fmt: skip
        self.meeting.participants.set([self.me, self.ben])
        MeetingOutcome.objects.create(
            meeting=self.meeting, registration=self.me, held=True, outcomes=["mou"],
            satisfaction=4,
        )  # fmt: skip
        waiting = MeetingRequest.objects.create(
            event=self.event, sender=self.ben, recipient=self.cem, status="accepted"
        )
        unscheduled = Meeting.objects.create(
            event=self.event, request=waiting, status="unscheduled", reason="no_common_slot"
        )
        unscheduled.participants.set([self.ben, self.cem])
        # An earlier run without the fairness floor, then one with it (shown side by side,
        # with who got no meeting and why).
        ScheduleRun.objects.create(
            event=self.event, status="done", progress=100, profile="best", fairness=False,
            time_limit=600,
            result={"objective": 1, "upper_bound": 2, "gap": 1, "percent_of_bound": 50.0,
                    "idle_gaps": 0, "meetings": 2, "unscheduled": 1, "solve_seconds": 0.42,
                    "unserved": [{"registration": self.cem.pk, "reason": "fairness_off"}]},
        )  # fmt: skip
        ScheduleRun.objects.create(
            event=self.event, status="done", progress=100, message="1 meetings scheduled",
            profile="thorough", time_limit=60,
            result={"objective": 1, "upper_bound": 2, "gap": 1, "percent_of_bound": 50.0,
                    "idle_gaps": 1, "meetings": 2, "unscheduled": 1, "solve_seconds": 0.42,
                    "unserved": [{"registration": self.cem.pk, "reason": "would_cost_weight"}]},
        )  # fmt: skip

    @property
    def content(self) -> list[str]:
        """What people typed or named: never translated."""
        names = [r.display_name for r in (self.me, self.ben, self.cem)]
        return [
            self.event.title, self.event.venue, self.event.city, self.event.timezone,
            "Keynote Ljubljana", "Hostwerk", "Hanna Host", "Lasersysteme", "Optik", "Salut Ben",
            "Hallo Ana", *names, *[r.user.name for r in (self.me, self.ben, self.cem)],
            *[r.organisation.name for r in (self.me, self.ben, self.cem)],
            # Labels of the organisations app, translated by its own catalogue.
            *[str(r.organisation.get_kind_display()) for r in (self.me, self.ben, self.cem)],
        ]  # fmt: skip


@pytest.fixture
def world(db):
    return World()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


PARTICIPANT_PAGES = ["", "card/", "agenda/", "requests/", "availability/", "participants/"]
ORGANISER_PAGES = ["manage/", "manage/schedule/", "manage/dashboard/", "manage/tables/plan/",
                   "manage/edit/"]  # fmt: skip


def _same_country_names(language: str) -> set[str]:
    """Country names written the same in English and in the language ("France", "Angola")."""
    with translation.override("en"):
        english = dict(countries)
    with translation.override(language):
        return {name for code, name in countries if english[code] == name}


def _fallbacks(client, url, language, world) -> list[str]:
    found = english_fallbacks(client, url, language, content=world.content)
    same = SAME_WORD[language] | _same_country_names(language)
    return [text for text in found if text not in same]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "de"])
@pytest.mark.parametrize("page", PARTICIPANT_PAGES)
def test_participant_pages_have_no_english_left(world, language, page):
    client = _client(world.me.user)
    url = f"/events/{world.event.slug}/{page}"
    assert _fallbacks(client, url, language, world) == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "de"])
@pytest.mark.parametrize("page", ORGANISER_PAGES)
def test_organiser_pages_have_no_english_left(world, language, page):
    client = _client(world.host.user)
    url = f"/events/{world.event.slug}/{page}"
    assert _fallbacks(client, url, language, world) == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "de"])
def test_calendar_organiser_area_and_event_page_for_visitors_have_no_english_left(world, language):
    assert _fallbacks(Client(), "/events/", language, world) == []
    assert _fallbacks(Client(), f"/events/{world.event.slug}/", language, world) == []
    assert _fallbacks(_client(world.host.user), "/events/organiser/", language, world) == []
    assert _fallbacks(_client(world.host.user), "/events/organiser/new/", language, world) == []


@pytest.mark.django_db
def test_pages_show_dates_and_numbers_in_the_readers_formats(world):
    client = _client(world.me.user)
    url = f"/events/{world.event.slug}/"
    german = client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    # 20 April 2027, 09:00 in the event's time zone (Europe/Brussels).
    assert "20. April 2027 09:00" in german
    assert "20 avril 2027 09:00" in french
    assert "3 von 30 Plätzen vergeben" in german
    agenda = client.get(f"/events/{world.event.slug}/agenda/", HTTP_ACCEPT_LANGUAGE="de")
    assert "20.04.2027 10:00" in agenda.content.decode()
    dashboard = _client(world.host.user).get(
        f"/events/{world.event.slug}/manage/dashboard/", HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert '<p id="fig-satisfaction">4,0</p>' in dashboard.content.decode()


@pytest.mark.django_db
def test_agenda_pdf_is_in_the_requesters_language(world):
    world.me.user.language = "de"
    world.me.user.save()
    response = _client(world.me.user).get(f"/events/{world.event.slug}/agenda/?format=pdf")
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert text.startswith(
        "Terminplan von Ana Alpha (Alphawerk) Photonik Bilbao · Zeiten in Europe/Brussels"
    )
    assert "Uhrzeit Mit Ort 20.04.2027, 10:00–10:25 Ben Beta (Betabau) Tisch 1" in text
    # The same agenda for an English reader.
    world.me.user.language = "en"
    world.me.user.save()
    english = pdf_text(
        _client(world.me.user).get(f"/events/{world.event.slug}/agenda/?format=pdf").content
    )
    assert "Time With Where 20 Apr 2027, 10:00–10:25 Ben Beta (Betabau) Table 1" in english


@pytest.mark.django_db
def test_table_plan_and_report_pdfs_are_in_the_requesters_language(world):
    world.host.user.language = "fr"
    world.host.user.save()
    client = _client(world.host.user)
    plan = pdf_text(
        client.get(f"/events/{world.event.slug}/manage/tables/plan/?format=pdf").content
    )
    assert plan.startswith("Plan de tables – Photonik Bilbao Palacio Euskalduna, Bilbao, Espagne")
    assert "Lieu Participants Table 1" in plan
    report = pdf_text(
        client.get(f"/events/{world.event.slug}/manage/dashboard/?format=pdf").content
    )
    assert report.startswith(
        "Rapport de l’événement – Photonik Bilbao Rubrique Élément Valeur Participants Total 3"
    )
    assert "Résultats Protocole d’accord 1" in report
    assert "Satisfaction Note moyenne (de 1 à 5) 4,0" in report


@pytest.mark.django_db
def test_agenda_icalendar_is_in_the_requesters_language(world):
    world.me.user.language = "fr"
    world.me.user.save()
    body = _client(world.me.user).get(f"/events/{world.event.slug}/agenda/?format=ics")
    text = body.content.decode().replace("\r\n ", "")
    assert "SUMMARY:Rendez-vous avec Ben Beta (Betabau)" in text
    assert "LOCATION:Table 1\\, Palacio Euskalduna\\, Bilbao\\, Espagne" in text


@pytest.mark.django_db
def test_notification_email_is_in_the_recipients_language(django_capture_on_commit_callbacks):
    event = EventFactory(title="Photonik Bilbao")
    german = MembershipFactory(user=UserFactory(language="de")).user
    with django_capture_on_commit_callbacks(execute=True):
        reg_services.register(event=event, user=german)
    (message,) = mail.outbox
    assert message.to == [german.email]
    assert message.subject == "[Clusterbridge] Photonik Bilbao: Sie sind zugelassen"
    assert "Sie sind zugelassen." in message.body


@pytest.mark.django_db
def test_reminder_names_an_online_event_in_each_readers_language(
    django_capture_on_commit_callbacks,
):
    now = timezone.now()
    event = EventFactory(
        title="Webinar Lisboa", format="online", venue="", city="",
        start=now + timedelta(hours=24), end=now + timedelta(hours=26),
    )  # fmt: skip
    french = RegistrationFactory(event=event, user=UserFactory(language="fr")).user
    english = RegistrationFactory(event=event, user=UserFactory(language="en")).user
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_reminders(now=now) == 2
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "Lieu\u00a0: En ligne." in bodies[french.email]
    assert "Where: Online." in bodies[english.email]
    assert bodies[french.email].startswith("Demain\u00a0: Webinar Lisboa")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "de"])
def test_the_registration_form_has_no_english_left(world, language):
    newcomer = MembershipFactory(organisation=OrganisationFactory(name="Neuwerk")).user
    client = _client(newcomer)
    url = f"/events/{world.event.slug}/"
    assert 'id="register-form"' in client.get(url).content.decode()
    found = english_fallbacks(client, url, language, content=[*world.content, "Neuwerk"])
    same = SAME_WORD[language] | _same_country_names(language)
    assert [text for text in found if text not in same] == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "de"])
def test_the_event_form_sent_back_with_errors_has_no_english_left(world, language):
    client = _client(world.host.user)
    url = "/events/organiser/new/"
    english = client.post(url, {"title": ""}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    other = client.post(url, {"title": ""}, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert 'aria-invalid="true"' in other
    assert f'lang="{language}"' in other
    same = SAME_WORD[language] | _same_country_names(language)
    english_texts = set(main_texts(english))
    content = set(world.content)
    found = [t for t in main_texts(other) if t in english_texts and _has_words(t, content)]
    assert [text for text in found if text not in same] == []
