// Maps with Leaflet. The base layer is offline country outlines (world-atlas, from npm) unless
// the page carries a tile server URL (MAP_TILE_URL). Configuration arrives in data-* attributes.
"use strict";

(function () {
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

  function popup(row, detailBase) {
    const [slug, name, kind, , , city] = row;
    const box = document.createElement("div");
    box.className = "cb-popup";
    const link = document.createElement("a");
    link.href = detailBase.replace("__slug__", slug);
    link.textContent = name;
    const meta = document.createElement("div");
    meta.textContent = [city, kind.replace(/_/g, " ")].filter(Boolean).join(" · ");
    box.append(link, meta);
    return box;
  }

  function directoryMap(element) {
    const map = L.map(element, { preferCanvas: true, worldCopyJump: true, maxZoom: 18, minZoom: 2 }).setView([50.5, 10], 4);
    element.classList.add("leaflet-offline");
    baseLayer(map, element);
    const cluster = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false });
    map.addLayer(cluster);
    const counter = document.getElementById("map-count");
    fetch(element.dataset.pointsUrl, { headers: { Accept: "application/json" } })
      .then((response) => response.json())
      .then((data) => {
        const markers = data.points.map((row) =>
          L.circleMarker([row[3], row[4]], { radius: 6, color: "#1d5fa8", weight: 2, fillOpacity: 0.7 })
            .bindPopup(() => popup(row, element.dataset.detailUrl))
        );
        cluster.addLayers(markers);
        if (counter) counter.textContent = String(data.count);
        element.dataset.loaded = String(data.count);
        if (markers.length) map.fitBounds(cluster.getBounds(), { maxZoom: 9, padding: [20, 20] });
      });
  }

  function miniMap(element) {
    const position = [parseFloat(element.dataset.lat), parseFloat(element.dataset.lon)];
    const map = L.map(element, { scrollWheelZoom: false, maxZoom: 18 }).setView(position, 6);
    baseLayer(map, element);
    L.circleMarker(position, { radius: 8, color: "#1d5fa8", weight: 3 }).addTo(map).bindTooltip(document.createTextNode(element.dataset.name)); // text, never HTML
  }

  document.addEventListener("DOMContentLoaded", () => {
    const full = document.getElementById("map");
    if (full) directoryMap(full);
    const mini = document.getElementById("mini-map");
    if (mini) miniMap(mini);
  });
})();
