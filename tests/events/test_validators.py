"""Event validators: the length limits of descriptions and participant cards."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.core.exceptions import ValidationError

from clusterbridge.events.forms import CardForm, EventForm
from clusterbridge.events.services import events as event_services
from clusterbridge.events.services import matchmaking
from clusterbridge.events.validators import clean_card
from tests.events.factories import TZ, EventFactory, RegistrationFactory
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

DESCRIPTION_MESSAGE = "The description is 10,001 characters long; at most 10,000."


def test_the_event_form_and_service_limit_the_description():
    event = EventFactory()
    form = EventForm({"description": "x" * 10_001}, instance=event)
    assert form.is_valid() is False
    assert form.errors["description"] == [DESCRIPTION_MESSAGE]
    organiser = MembershipFactory(organisation=event.organiser).user
    with pytest.raises(ValidationError) as excinfo:
        event_services.update_event(
            event=event, actor=organiser, data={"description": "x" * 10_001}
        )
    assert excinfo.value.message_dict == {"description": [DESCRIPTION_MESSAGE]}
    with pytest.raises(ValidationError) as excinfo:
        event_services.create_event(
            actor=organiser, organisation=event.organiser,
            data={"title": "T", "kind": "workshop", "description": "x" * 10_001,
                  "start": datetime(2027, 5, 1, 9, tzinfo=TZ),
                  "end": datetime(2027, 5, 1, 17, tzinfo=TZ)},
        )  # fmt: skip
    assert excinfo.value.message_dict == {"description": [DESCRIPTION_MESSAGE]}
    event_services.update_event(event=event, actor=organiser, data={"description": "x" * 10_000})


def test_card_texts_are_limited_in_the_form_and_the_service():
    form = CardForm({"offer": "o" * 2001, "seek": "s" * 2001})
    assert form.is_valid() is False
    assert form.errors["offer"] == ["What you offer is 2,001 characters long; at most 2,000."]
    assert form.errors["seek"] == ["What you seek is 2,001 characters long; at most 2,000."]
    with pytest.raises(ValidationError) as excinfo:
        clean_card({"offer": "o" * 2001})
    assert excinfo.value.message_dict == {
        "offer": ["What you offer is 2,001 characters long; at most 2,000."]
    }
    registration = RegistrationFactory()
    with pytest.raises(ValidationError):
        matchmaking.update_card(
            registration=registration, actor=registration.user, data={"seek": "s" * 2001}
        )
    registration.refresh_from_db()
    assert registration.seek == ""
