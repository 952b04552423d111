import pytest
from rest_framework.test import APIClient

from tests.events.factories import EventFactory, RegistrationFactory


@pytest.mark.django_db
def test_events_list_detail_and_my_data():
    event = EventFactory(title="API event")
    EventFactory(is_published=False)
    reg = RegistrationFactory(event=event)
    client = APIClient()
    assert [e["title"] for e in client.get("/api/v1/events/").json()["results"]] == ["API event"]
    assert client.get(f"/api/v1/events/{event.slug}/").json()["title"] == "API event"
    assert client.get("/api/v1/me/registrations/").status_code in (401, 403)
    client.force_authenticate(reg.user)
    regs = client.get("/api/v1/me/registrations/").json()["results"]
    assert [(r["event"], r["status"]) for r in regs] == [(event.slug, "admitted")]
    assert client.get("/api/v1/me/requests/").json()["results"] == []
    assert client.get(f"/api/v1/me/agenda/{event.slug}/").json() == []
    assert client.get("/api/v1/me/agenda/nope/").json()["error"] == "not_found"
