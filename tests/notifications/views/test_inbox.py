"""Marking notifications read: the posted ids are parsed by a form, never by hand."""

import pytest

from clusterbridge.notifications.models import Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client):
    user = UserFactory()
    client.force_login(user)
    first, second, third = (Notification.objects.create(user=user, kind="test.kind") for _ in "abc")
    return user, first, second, third


def _unread(user) -> set[int]:
    return set(Notification.objects.filter(user=user, read_at=None).values_list("pk", flat=True))


def test_the_given_ids_are_marked_read(client, reader):
    user, first, second, third = reader
    response = client.post("/notifications/read/", {"id": [first.pk, third.pk]})
    assert response.status_code == 302
    assert response["Location"] == "/notifications/"
    assert _unread(user) == {second.pk}


def test_without_ids_all_are_marked_read(client, reader):
    user = reader[0]
    assert client.post("/notifications/read/").status_code == 302
    assert _unread(user) == set()


def test_someone_elses_notification_is_not_marked(client, reader):
    other = Notification.objects.create(user=UserFactory(), kind="test.kind")
    client.post("/notifications/read/", {"id": [other.pk]})
    assert Notification.objects.get(pk=other.pk).read_at is None


@pytest.mark.parametrize(
    ("value", "shown"),
    [("²", "²"), ("9" * 30, "9" * 23 + "…"), ("-1", "-1"), ("x", "x")],
)
def test_a_bad_id_is_a_400_and_marks_nothing(client, reader, value, shown):
    """Before: "²".isdigit() is true and int("²") a 500; a 30-digit id overflowed SQLite; and
    a list of only junk ids marked every notification read."""
    user, first, second, third = reader
    response = client.post("/notifications/read/", {"id": [first.pk, value]})
    assert response.status_code == 400
    assert f"“{shown}” is not a valid identifier." in response.content.decode()
    assert _unread(user) == {first.pk, second.pk, third.pk}
