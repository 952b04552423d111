from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import factory

from clusterbridge.events.models import Event, MeetingSlot, MeetingTable, Registration
from tests.factories import OrganisationFactory, UserFactory

TZ = ZoneInfo("Europe/Brussels")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = "matchmaking"
    organiser = factory.SubFactory(OrganisationFactory)
    start = datetime(2027, 4, 20, 9, 0, tzinfo=TZ)
    end = datetime(2027, 4, 20, 18, 0, tzinfo=TZ)
    is_published = True
    capacity = 20
    country = "DE"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    country = "DE"
    status = "admitted"
    sequence = factory.Sequence(lambda n: n + 1)


def add_slots(event: Event, n: int, *, online: bool = False, start=None) -> list[MeetingSlot]:
    start = start or datetime(2027, 4, 20, 9, 0, tzinfo=TZ)
    return [
        MeetingSlot.objects.create(
            event=event, start=start + timedelta(minutes=30 * i), minutes=25, online=online
        )
        for i in range(n)
    ]


def add_tables(event: Event, n: int, seats: int = 2) -> list[MeetingTable]:
    return [MeetingTable.objects.create(event=event, number=i + 1, seats=seats) for i in range(n)]
