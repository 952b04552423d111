import pytest

from clusterbridge.events.models import ProgrammeSession
from tests.events.factories import EventFactory
from tests.factories import PASSWORD, MembershipFactory, UserFactory


@pytest.mark.django_db
def test_organiser_adds_a_programme_session_in_the_event_time_zone(client):
    membership = MembershipFactory()
    event = EventFactory(organiser=membership.organisation, timezone="Europe/Lisbon")
    client.login(email=membership.user.email, password=PASSWORD)
    response = client.post(
        f"/events/{event.slug}/manage/sessions/",
        {"title": "Opening plenary", "day": "2027-05-18", "start": "09:00", "end": "10:30"},
    )
    assert response.status_code == 302
    session = ProgrammeSession.objects.get(event=event)
    assert session.title == "Opening plenary"
    assert session.start.isoformat() == "2027-05-18T08:00:00+00:00"  # 09:00 in Lisbon (WEST)
    assert "Opening plenary" in client.get(event.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_session_ending_before_it_starts_is_refused_and_not_saved(client):
    membership = MembershipFactory()
    event = EventFactory(organiser=membership.organisation)
    client.login(email=membership.user.email, password=PASSWORD)
    response = client.post(
        f"/events/{event.slug}/manage/sessions/",
        {"title": "Backwards", "day": "2027-05-18", "start": "11:00", "end": "10:00"},
        follow=True,
    )
    assert "A programme session must end after it starts." in response.content.decode()
    assert not ProgrammeSession.objects.exists()


@pytest.mark.django_db
def test_someone_else_cannot_add_sessions(client):
    event = EventFactory()
    user = UserFactory()
    client.login(email=user.email, password=PASSWORD)
    response = client.post(
        f"/events/{event.slug}/manage/sessions/",
        {"title": "Hijack", "day": "2027-05-18", "start": "09:00", "end": "10:00"},
    )
    assert response.status_code == 404
    assert not ProgrammeSession.objects.exists()
