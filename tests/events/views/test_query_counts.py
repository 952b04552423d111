"""Every list-like events page and API list uses a fixed number of SQL queries (DEVELOPERS.md).

Each test measures a page with one row of everything, adds more rows of every kind (participants,
requests both ways, scheduled and published meetings on their own slots and tables, outcomes,
unavailable slots, registrations at other events) and measures again: the counts must match.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from clusterbridge.events.models import (
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
)
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import MembershipFactory

PARTICIPANT_PAGES = ["participants", "requests", "availability", "agenda"]
ORGANISER_PAGES = ["manage", "manage/schedule", "manage/tables/plan", "manage/dashboard"]


class World:
    """A published matchmaking event seen by one participant (``me``) and the organiser."""

    def __init__(self):
        self.organiser = MembershipFactory()
        self.event = EventFactory(
            organiser=self.organiser.organisation, agenda_published_at=timezone.now(),
            online_url="https://video.example.org/room",
        )  # fmt: skip
        self.me = RegistrationFactory(
            event=self.event, sectors=["automotive"], technologies=["photonics"],
            technology_keywords=["lasers"], seek="partners for lasers",
        )  # fmt: skip
        self.n = 0

    def grow(self, count: int) -> None:
        for _ in range(count):
            i = self.n
            self.n += 1
            start = self.event.start + timedelta(minutes=30 * i)
            slot = MeetingSlot.objects.create(event=self.event, start=start, online=i % 3 == 2)
            table = MeetingTable.objects.create(event=self.event, number=i + 1)
            other = RegistrationFactory(
                event=self.event, country=["DE", "FR", "PL", "ES"][i % 4],
                sectors=["automotive"], technologies=["photonics", "nanotechnology"],
                technology_keywords=["lasers", f"kw{i}"], offer="lasers and optics",
                organisation__kind=["sme", "rto", "cluster"][i % 3],
            )  # fmt: skip
            other.unavailable_slots.add(slot)
            if i % 4 == 3:
                self.me.unavailable_slots.add(slot)
            sent = MeetingRequest.objects.create(
                event=self.event, sender=self.me, recipient=other, status="accepted",
                message=f"Hello {i}",
            )  # fmt: skip
            MeetingRequest.objects.create(event=self.event, sender=other, recipient=self.me)
            meeting = Meeting.objects.create(
                event=self.event, request=sent, status="scheduled", slot=slot,
                table=None if slot.online else table, online=slot.online, communicated=True,
            )  # fmt: skip
            meeting.participants.set([self.me, other])
            MeetingOutcome.objects.create(
                meeting=meeting, registration=self.me, held=True, outcomes=["mou", "follow_up"],
                satisfaction=4,
            )  # fmt: skip
            MeetingOutcome.objects.create(
                meeting=meeting, registration=other, held=True, outcomes=["mou"]
            )
            # The participant's registrations elsewhere (API list of my registrations).
            RegistrationFactory(user=self.me.user, event=EventFactory(start=start, end=start))


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _fixed(client, world: World, url: str) -> tuple[int, int]:
    world.grow(1)
    _count(client, url)  # warm-up: session, content types, …
    few = _count(client, url)
    world.grow(6)
    many = _count(client, url)
    return few, many


@pytest.mark.django_db
@pytest.mark.parametrize("page", PARTICIPANT_PAGES)
def test_participant_pages_use_a_fixed_number_of_queries(client, page):
    world = World()
    client.force_login(world.me.user)
    few, many = _fixed(client, world, f"/events/{world.event.slug}/{page}/")
    assert few == many


@pytest.mark.django_db
@pytest.mark.parametrize("page", ORGANISER_PAGES)
def test_organiser_pages_use_a_fixed_number_of_queries(client, page):
    world = World()
    client.force_login(world.organiser.user)
    few, many = _fixed(client, world, f"/events/{world.event.slug}/{page}/")
    assert few == many


@pytest.mark.django_db
def test_pages_show_every_row_they_counted(client):
    """The counted pages really list the rows (so the counts above measure something)."""
    world = World()
    world.grow(4)
    slug = world.event.slug
    client.force_login(world.me.user)
    assert (
        client.get(f"/events/{slug}/participants/").content.decode().count('id="participant-') == 4
    )
    assert client.get(f"/events/{slug}/requests/").content.decode().count("Hello ") == 4
    assert client.get(f"/events/{slug}/agenda/").content.decode().count('id="meeting-') == 4
    client.force_login(world.organiser.user)
    assert (
        client.get(f"/events/{slug}/manage/schedule/").content.decode().count('id="meeting-') == 4
    )
    plan = client.get(f"/events/{slug}/manage/tables/plan/").content.decode()
    assert plan.count("<h2>") == 4 and "No meetings." not in plan
    figures = client.get(f"/events/{slug}/manage/dashboard/").context["figures"]
    assert figures["meetings"] == {"requested": 8, "accepted": 4, "scheduled": 4, "held": 4}
    assert figures["outcomes"]["Memorandum of understanding"] == 4


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["events/", "me/registrations/", "me/requests/", "me/agenda/"])
def test_api_lists_use_a_fixed_number_of_queries(path):
    world = World()
    client = APIClient()
    client.force_authenticate(world.me.user)
    url = f"/api/v1/{path}" + (f"{world.event.slug}/" if path == "me/agenda/" else "")
    few, many = _fixed(client, world, url)
    assert few == many
    data = client.get(url).json()
    rows = data if isinstance(data, list) else data["results"]
    assert len(rows) == {"events/": 8, "me/registrations/": 8, "me/requests/": 14,
                         "me/agenda/": 7}[path]  # fmt: skip
