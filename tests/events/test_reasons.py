"""Unscheduled meetings explained to organisers in full sentences, for every scheduler reason."""

from __future__ import annotations

import pytest

from clusterbridge.events.models import Meeting, MeetingRequest
from clusterbridge.events.reasons import (
    PROFILE_LABELS,
    UNKNOWN,
    UNSCHEDULED,
    UNSERVED,
    UNSERVED_UNKNOWN,
    profile_label,
    unscheduled_reason,
    unserved_reason,
)
from clusterbridge.scheduling import PROFILES, REASONS, UNSERVED_REASONS
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import PASSWORD, MembershipFactory


def test_every_scheduler_reason_has_a_full_sentence():
    assert set(UNSCHEDULED) == set(REASONS)
    for code in REASONS:
        sentence = unscheduled_reason(code)
        assert sentence[0].isupper() and sentence.endswith("."), sentence
        assert sentence != REASONS[code]
    assert unscheduled_reason("no_common_slot") == (
        "The participants have no time slot in which all of them are available."
    )
    assert unscheduled_reason("a_new_code") == str(UNKNOWN)
    assert unscheduled_reason("") == ""


def test_every_unserved_reason_and_profile_is_worded_for_organisers():
    assert set(UNSERVED) == set(UNSERVED_REASONS)
    for code in UNSERVED_REASONS:
        sentence = unserved_reason(code)
        assert sentence[0].isupper() and sentence.endswith("."), sentence
    assert unserved_reason("a_new_code") == str(UNSERVED_UNKNOWN)
    assert list(PROFILE_LABELS) == list(PROFILES)
    assert profile_label("thorough") == "Thorough (about 1 minute)"
    assert profile_label("old") == "old"


@pytest.mark.django_db
def test_the_schedule_page_shows_the_sentence(client):
    host = MembershipFactory()
    event = EventFactory(organiser=host.organisation)
    a, b = RegistrationFactory(event=event), RegistrationFactory(event=event)
    request = MeetingRequest.objects.create(event=event, sender=a, recipient=b, status="accepted")
    meeting = Meeting.objects.create(
        event=event, request=request, status="unscheduled", reason="no_free_location"
    )
    meeting.participants.set([a, b])
    client.login(email=host.user.email, password=PASSWORD)
    body = client.get(f"/events/{event.slug}/manage/schedule/").content.decode()
    assert (
        '<small class="reason">Whenever all the participants are free, every table big enough '
        "is already taken.</small>"
    ) in body
