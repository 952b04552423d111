"""The availability page parses the posted slot ids with a form, never by hand."""

import pytest

from tests.events.factories import EventFactory, RegistrationFactory, add_slots

pytestmark = pytest.mark.django_db


@pytest.fixture
def participant(client):
    event = EventFactory()
    slots = add_slots(event, 3)
    registration = RegistrationFactory(event=event)
    client.force_login(registration.user)
    return registration, slots


def test_posted_slots_are_saved(client, participant):
    registration, slots = participant
    url = f"/events/{registration.event.slug}/availability/"
    response = client.post(url, {"unavailable": [slots[0].pk, slots[2].pk]})
    assert response.status_code == 302
    assert set(registration.unavailable_slots.all()) == {slots[0], slots[2]}


@pytest.mark.parametrize(("value", "shown"), [("²", "²"), ("9" * 30, "9" * 23 + "…")])
def test_a_bad_slot_id_is_a_400_and_changes_nothing(client, participant, value, shown):
    """Before: "²".isdigit() is true and int("²") a 500; a 30-digit id overflowed SQLite."""
    registration, slots = participant
    registration.unavailable_slots.set([slots[1]])
    url = f"/events/{registration.event.slug}/availability/"
    response = client.post(url, {"unavailable": [slots[0].pk, value]})
    assert response.status_code == 400
    assert f"“{shown}” is not a valid identifier." in response.content.decode()
    assert list(registration.unavailable_slots.all()) == [slots[1]]
