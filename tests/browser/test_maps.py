"""The directory and marketplace maps (shared map assets): cluster markers are drawn once, the
count bubble centred in its ring, whatever Pico CSS does to elements with role="button"."""

import pytest
from playwright.sync_api import expect

from tests.factories import OrganisationFactory
from tests.marketplace.factories import opportunity, poster

pytestmark = pytest.mark.django_db(transaction=True)

# Within a few kilometres of each other: one cluster marker at the fitted zoom.
PLACES = [(52.52, 13.405), (52.53, 13.41), (52.51, 13.39), (52.52, 13.42), (52.50, 13.40)]


# Measured in one go once the map has stopped moving: markercluster redraws its markers at the
# end of the fitted zoom's animation, and an element measured across that redraw is detached.
MEASURE = """() => {
    if (document.querySelector("#map.leaflet-zoom-anim")) return null;
    const ring = document.querySelector("#map .marker-cluster");
    const bubble = ring && ring.querySelector("div");
    if (!bubble || !ring.isConnected) return null;
    const r = ring.getBoundingClientRect(), b = bubble.getBoundingClientRect();
    const s = getComputedStyle(ring);
    return {ring: [r.x, r.y, r.width, r.height], bubble: [b.x, b.y, b.width, b.height],
            text: bubble.textContent.trim(),
            style: [s.paddingTop, s.paddingLeft, s.borderTopWidth]};
}"""


def _check_cluster_is_centred(page, url: str, count: int) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    expect(page.locator("#map")).to_have_attribute("data-loaded", str(count))
    expect(page.locator("#map .marker-cluster").first).to_be_visible()
    page.wait_for_function(MEASURE)
    shape = page.evaluate(MEASURE)
    (ox, oy, ow, oh), (ix, iy, iw, ih) = shape["ring"], shape["bubble"]
    assert shape["text"] == str(count)
    assert (ow, oh) == (40, 40)
    assert (iw, ih) == (30, 30)
    # The bubble's centre is the ring's centre (Leaflet positions the 40 px icon, the bubble
    # sits 5 px inside it): half a pixel of rounding at most.
    assert abs((ox + 20) - (ix + 15)) <= 0.5
    assert abs((oy + 20) - (iy + 15)) <= 0.5
    # And the ring itself is not restyled as a button (no padding, border or own background).
    assert shape["style"] == ["0px", "0px", "0px"]


def test_directory_map_cluster_count_is_centred_in_its_ring(page):
    for i, (lat, lon) in enumerate(PLACES):
        OrganisationFactory(name=f"Berlin Cluster {i}", latitude=lat, longitude=lon)
    _check_cluster_is_centred(page, "/organisations/map/", len(PLACES))


def test_marketplace_map_cluster_count_is_centred_in_its_ring(page):
    for i, (lat, lon) in enumerate(PLACES):
        user, org = poster(name=f"Berlin Poster {i}", latitude=lat, longitude=lon)
        opportunity(user=user, organisation=org, title=f"Laser welding offer {i}")
    _check_cluster_is_centred(page, "/marketplace/map/", len(PLACES))
