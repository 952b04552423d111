"""The events' part of a region's page (common.hub.region_sections): events held there."""

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from clusterbridge.clusterstats.geometry import Area
from clusterbridge.events.region_sections import sections
from clusterbridge.taxonomy.models import NutsRegion
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db

SQUARE = Area.from_geometries(
    [{"type": "Polygon", "coordinates": [[[9, 48], [10, 48], [10, 49], [9, 49], [9, 48]]]}]
)


def test_published_events_located_in_the_area_upcoming_and_past(django_assert_num_queries):
    now = timezone.now()
    soon = {"start": now + timedelta(days=3), "end": now + timedelta(days=4)}
    gone = {"start": now - timedelta(days=40), "end": now - timedelta(days=39)}
    EventFactory(title="Inside soon", latitude=48.5, longitude=9.5, **soon)
    EventFactory(title="Inside past", latitude=48.2, longitude=9.2, **gone)
    EventFactory(title="Outside", latitude=50.0, longitude=9.5, **soon)
    EventFactory(title="Unpublished", latitude=48.5, longitude=9.5, is_published=False, **soon)
    EventFactory(title="Online", latitude=48.5, longitude=9.5, format="online", **soon)
    request = RequestFactory().get("/")
    region = NutsRegion.objects.get(code="DE11")
    with django_assert_num_queries(1):
        [section] = sections(request, region=region, area=SQUARE)
    assert [e.title for e in section.context["upcoming"]] == ["Inside soon"]
    assert [e.title for e in section.context["past"]] == ["Inside past"]


def test_no_section_without_an_outline():
    request = RequestFactory().get("/")
    empty = Area.from_geometries([])
    assert sections(request, region=NutsRegion.objects.get(code="DE11"), area=empty) == []
