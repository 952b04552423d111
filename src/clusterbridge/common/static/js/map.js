// Maps with Leaflet. The base layer is offline country outlines (world-atlas, from npm) unless
// the page carries a tile server URL (MAP_TILE_URL). Configuration arrives in data-* attributes.
// Keyboard: the map takes the focus (arrow keys move it, + and - zoom), every cluster and every
// point is a button (Enter zooms into a cluster or opens the point's popup); the pages also
// list the same results as text. Texts come from Django's JavaScript catalogue (gettext), which
// base.html loads first; without it they stay English.
"use strict";

(function () {
  // Looked up when used, so that the order of the script tags does not matter.
  const gettext = (text) => (window.gettext ? window.gettext(text) : text);
  const ngettext = (one, many, n) =>
    window.ngettext ? window.ngettext(one, many, n) : n === 1 ? one : many;
  const interpolate = (text, values, named) =>
    window.interpolate
      ? window.interpolate(text, values, named)
      : text.replace(/%\((\w+)\)s/g, (_, key) => String(values[key]));
  const language = document.documentElement.lang || undefined;

  function formatNumber(n) {
    try {
      return Number(n).toLocaleString(language);
    } catch (error) {
      return String(n);
    }
  }

  // world-atlas rings jump from +180° to -180° where a country crosses the antimeridian;
  // Leaflet would draw that jump as a line across the map, so longitudes are unwrapped.
  function unwrapRing(ring) {
    let shift = 0;
    return ring.map(([lon, lat], index) => {
      if (index > 0) {
        const previous = ring[index - 1][0];
        if (lon - previous > 180) shift -= 360;
        else if (previous - lon > 180) shift += 360;
      }
      return [lon + shift, lat];
    });
  }

  function unwrap(geometry) {
    if (geometry.type === "Polygon") geometry.coordinates = geometry.coordinates.map(unwrapRing);
    if (geometry.type === "MultiPolygon") {
      geometry.coordinates = geometry.coordinates.map((polygon) => polygon.map(unwrapRing));
    }
    return geometry;
  }

  function baseLayer(map, element) {
    const tiles = element.dataset.tilesUrl;
    if (tiles) {
      L.tileLayer(tiles, { attribution: element.dataset.tilesAttribution || "", maxZoom: 18 }).addTo(map);
      return;
    }
    fetch(element.dataset.countriesUrl)
      .then((response) => response.json())
      .then((topology) => {
        const outlines = topojson.feature(topology, topology.objects.countries);
        outlines.features = outlines.features
          .filter((feature) => feature.id !== "010") // Antarctica: no clusters, much ink
          .map((feature) => Object.assign(feature, { geometry: unwrap(feature.geometry) }));
        L.geoJSON(outlines, {
          interactive: false,
          style: { color: "#9fb3c8", weight: 1, fillColor: "#e8eef5", fillOpacity: 1 },
        }).addTo(map).bringToBack();
      });
  }

  // The page may name the kinds in the reader's language: data-kind-labels='{"sme": "PME"}'.
  function kindLabels(element) {
    try {
      return JSON.parse(element.dataset.kindLabels || "{}");
    } catch (error) {
      return {};
    }
  }

  function popup(row, detailBase, labels) {
    const [slug, name, kind, , , city] = row;
    const box = document.createElement("div");
    box.className = "cb-popup";
    const link = document.createElement("a");
    link.href = detailBase.replace("__slug__", slug);
    link.textContent = name;
    const meta = document.createElement("div");
    const kindLabel = labels[kind] || (kind || "").replace(/_/g, " ");
    meta.textContent = [city, kindLabel].filter(Boolean).join(" · ");
    box.append(link, meta);
    return box;
  }

  // Translated zoom buttons, a name for the map, a translated popup close button.
  function accessible(map, element, label) {
    L.control.zoom({ zoomInTitle: gettext("Zoom in"), zoomOutTitle: gettext("Zoom out") }).addTo(map);
    element.setAttribute("role", "region");
    element.setAttribute("aria-label", label);
    map.on("popupopen", (event) => {
      const close = event.popup.getElement()?.querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", gettext("Close"));
        close.setAttribute("title", gettext("Close"));
      }
    });
  }

  function escapeHtml(text) {
    const box = document.createElement("div");
    box.textContent = text;
    return box.innerHTML;
  }

  // markercluster's own icon (ring, bubble, count), plus a name for screen readers and voice
  // control: "12 results here: zoom in" (the visible count is part of it).
  function clusterIcon(cluster) {
    const count = cluster.getChildCount();
    const size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    const shown = formatNumber(count);
    const name = interpolate(
      ngettext("%(count)s result here: zoom in", "%(count)s results here: zoom in", count),
      { count: shown },
      true
    );
    return L.divIcon({
      html: `<div aria-hidden="true"><span>${escapeHtml(shown)}</span></div><em class="visually-hidden">${escapeHtml(name)}</em>`,
      className: `marker-cluster marker-cluster-${size}`,
      iconSize: L.point(40, 40),
    });
  }

  const POINT = L.divIcon({ className: "cb-point", iconSize: L.point(14, 14) });

  function directoryMap(element) {
    const map = L.map(element, { zoomControl: false, preferCanvas: true, worldCopyJump: true, maxZoom: 18, minZoom: 2 }).setView([50.5, 10], 4);
    accessible(map, element, element.dataset.label || gettext("Map of the results"));
    element.classList.add("leaflet-offline");
    baseLayer(map, element);
    const cluster = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, iconCreateFunction: clusterIcon });
    map.addLayer(cluster);
    const labels = kindLabels(element);
    const counter = document.getElementById("map-count");
    fetch(element.dataset.pointsUrl, { headers: { Accept: "application/json" } })
      .then((response) => response.json())
      .then((data) => {
        // Markers with a DOM icon (not canvas circles): each can take the keyboard focus.
        const markers = data.points.map((row) =>
          L.marker([row[3], row[4]], { icon: POINT, title: row[1], keyboard: true })
            .bindPopup(() => popup(row, element.dataset.detailUrl, labels))
        );
        cluster.addLayers(markers);
        if (counter) counter.textContent = formatNumber(data.count);
        element.dataset.loaded = String(data.count);
        if (markers.length) map.fitBounds(cluster.getBounds(), { maxZoom: 9, padding: [20, 20] });
      });
  }

  function miniMap(element) {
    const position = [parseFloat(element.dataset.lat), parseFloat(element.dataset.lon)];
    const map = L.map(element, { zoomControl: false, scrollWheelZoom: false, maxZoom: 18 }).setView(position, 6);
    accessible(map, element, interpolate(gettext("Location of %(name)s"), { name: element.dataset.name || "" }, true));
    baseLayer(map, element);
    L.circleMarker(position, { radius: 8, color: "#1d5fa8", weight: 3 }).addTo(map).bindTooltip(document.createTextNode(element.dataset.name)); // text, never HTML
  }

  // The profile form's pin: a click (or Enter on the focused map, at its centre) moves the pin
  // and writes the position into the latitude and longitude fields; typing in them moves it.
  function pinMap(element) {
    const latInput = document.getElementById(element.dataset.latInput);
    const lonInput = document.getElementById(element.dataset.lonInput);
    if (!latInput || !lonInput) return;
    const read = () => {
      const lat = parseFloat(latInput.value);
      const lon = parseFloat(lonInput.value);
      return Number.isFinite(lat) && Number.isFinite(lon) ? [lat, lon] : null;
    };
    const start = read();
    const map = L.map(element, { zoomControl: false, scrollWheelZoom: false, maxZoom: 18 }).setView(start || [50, 10], start ? 9 : 4);
    accessible(map, element, element.getAttribute("aria-label"));
    baseLayer(map, element);
    const pin = L.circleMarker(start || [50, 10], { radius: 8, color: "#1d5fa8", weight: 3 });
    if (start) pin.addTo(map);
    const place = (latlng) => {
      latInput.value = latlng.lat.toFixed(5);
      lonInput.value = latlng.lng.toFixed(5);
      pin.setLatLng(latlng).addTo(map);
    };
    map.on("click", (event) => place(event.latlng));
    element.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && event.target === element) place(map.getCenter());
    });
    const follow = () => {
      const position = read();
      if (position) pin.setLatLng(position).addTo(map);
    };
    latInput.addEventListener("change", follow);
    lonInput.addEventListener("change", follow);
    // A map in a step that was hidden when it was drawn has no size yet.
    document.addEventListener("profile-step-shown", () => map.invalidateSize());
  }

  // Other maps (the observatory's choropleth) share the offline base layer.
  window.ClusterbridgeMap = { baseLayer: baseLayer };

  document.addEventListener("DOMContentLoaded", () => {
    const full = document.getElementById("map");
    if (full) directoryMap(full);
    const mini = document.getElementById("mini-map");
    if (mini) miniMap(mini);
    const pin = document.getElementById("pin-map");
    if (pin) pinMap(pin);
  });
})();
