"""Event images: checked like logos, stored under a random name, served only with the event."""

from __future__ import annotations

import io
import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from clusterbridge.events.models import Event
from tests.events.factories import EventFactory
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def png(size=(40, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color=0).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def organiser(client):
    org = OrganisationFactory()
    user = MembershipFactory(organisation=org).user
    client.force_login(user)
    return org, user


def _edit(client, event: Event, **extra):
    data = {
        "title": event.title, "kind": event.kind, "format": event.format,
        "timezone": event.timezone, "start": "2027-04-20T09:00", "end": "2027-04-20T18:00",
        "capacity": event.capacity, "admission_policy": event.admission_policy,
        "request_cap": event.request_cap, "description": event.description,
    }  # fmt: skip
    data.update(extra)
    return client.post(f"/events/{event.slug}/manage/edit/", data)


def _stored(event: Event):
    event.refresh_from_db()
    return event.image.name


def test_an_uploaded_image_gets_a_random_name_and_replacing_it_deletes_the_old_file(
    client, organiser, django_capture_on_commit_callbacks
):
    org, _ = organiser
    event = EventFactory(organiser=org)
    with django_capture_on_commit_callbacks(execute=True):
        response = _edit(client, event, image=SimpleUploadedFile("Our Secret Summit.png", png()))
    assert response.status_code == 302, response.context["form"].errors
    first = _stored(event)
    assert re.fullmatch(r"events/[0-9a-f]{32}\.png", first)
    assert (settings.MEDIA_ROOT / first).exists()

    with django_capture_on_commit_callbacks(execute=True):
        _edit(client, event, image=SimpleUploadedFile("new.png", png((50, 50))))
    second = _stored(event)
    assert second != first
    assert (settings.MEDIA_ROOT / second).exists()
    assert not (settings.MEDIA_ROOT / first).exists()  # the old file is gone

    with django_capture_on_commit_callbacks(execute=True):
        _edit(client, event, **{"image-clear": "on"})
    assert _stored(event) == ""
    assert not (settings.MEDIA_ROOT / second).exists()


def test_an_unchanged_image_is_kept(client, organiser, django_capture_on_commit_callbacks):
    org, _ = organiser
    event = EventFactory(organiser=org)
    with django_capture_on_commit_callbacks(execute=True):
        _edit(client, event, image=SimpleUploadedFile("a.png", png()))
    name = _stored(event)
    form_page = client.get(f"/events/{event.slug}/manage/edit/").content.decode()
    assert f'<a href="/events/{event.slug}/image/">current image</a>' in form_page
    assert "/media/" not in form_page
    with django_capture_on_commit_callbacks(execute=True):
        assert _edit(client, event, title="Renamed").status_code == 302
    assert _stored(event) == name
    assert (settings.MEDIA_ROOT / name).exists()


def test_images_are_checked_like_logos(client, organiser, settings):
    org, _ = organiser
    event = EventFactory(organiser=org)
    response = _edit(client, event, image=SimpleUploadedFile("big.png", png((4001, 10))))
    assert response.status_code == 200
    assert response.context["form"].errors["image"] == [
        "The event image is 4001×10 pixels; at most 4000 pixels per side."
    ]
    settings.LOGO_MAX_BYTES = 50
    response = _edit(client, event, image=SimpleUploadedFile("a.png", png()))
    assert response.context["form"].errors["image"] == [
        "The event image is 0.1 MB; the limit is 0.1 MB."
    ]
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="BMP")
    settings.LOGO_MAX_BYTES = 2 * 1024 * 1024
    response = _edit(client, event, image=SimpleUploadedFile("a.bmp", buffer.getvalue()))
    assert response.context["form"].errors["image"] == [
        "Event images in BMP format are not accepted (use PNG, JPEG, GIF or WebP)."
    ]
    assert _stored(event) == ""


def test_the_image_of_an_unpublished_event_is_served_only_to_its_organisers(
    client, organiser, django_capture_on_commit_callbacks
):
    org, _ = organiser
    event = EventFactory(organiser=org, is_published=False)
    with django_capture_on_commit_callbacks(execute=True):
        _edit(client, event, image=SimpleUploadedFile("a.png", png()))
    name = _stored(event)
    url = f"/events/{event.slug}/image/"

    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == (settings.MEDIA_ROOT / name).read_bytes()

    client.logout()
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    # Nor as a file under /media/, by its stored name.
    assert client.get(f"/media/{name}").status_code == 404


def test_the_image_of_a_published_event_is_public(
    client, organiser, django_capture_on_commit_callbacks
):
    org, _ = organiser
    event = EventFactory(organiser=org, is_published=True)
    with django_capture_on_commit_callbacks(execute=True):
        _edit(client, event, image=SimpleUploadedFile("a.png", png()))
    client.logout()
    page = client.get(f"/events/{event.slug}/").content.decode()
    event.refresh_from_db()
    assert (
        f'<img src="/events/{event.slug}/image/?v={int(event.updated_at.timestamp())}" alt="">'
        in page
    )
    assert event.image.name not in page  # the stored name is never shown
    response = client.get(f"/events/{event.slug}/image/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"


def test_an_event_without_image_or_with_a_missing_file_is_404(client):
    event = EventFactory()
    assert client.get(f"/events/{event.slug}/image/").status_code == 404
    Event.objects.filter(pk=event.pk).update(image="events/gone.png")
    assert client.get(f"/events/{event.slug}/image/").status_code == 404
