// The observatory's choropleth (Leaflet): NUTS-2 outlines coloured by the class of each region's
// value for the chosen category, measure and year. The page's table lists the same values, so
// the page works without this script; the colours come from the legend's CSS swatches.
"use strict";

(function () {
  function colours(legend) {
    const found = {};
    legend.querySelectorAll(".swatch[data-class]").forEach((swatch) => {
      found[swatch.dataset.class] = getComputedStyle(swatch).backgroundColor;
    });
    return found;
  }

  function tooltip(name, code, entry) {
    const box = document.createElement("div");
    box.className = "cb-region-tooltip";
    const title = document.createElement("strong");
    title.textContent = name + " (" + code + ")"; // text, never HTML
    const value = document.createElement("div");
    value.textContent = entry ? entry.v + (entry.s ? " · " + "★".repeat(entry.s) : "") : gettext("no figure");
    box.append(title, value);
    return box;
  }

  function choropleth(element) {
    const map = L.map(element, { worldCopyJump: false, maxZoom: 9, minZoom: 2 }).setView([52, 12], 4);
    element.classList.add("leaflet-offline");
    if (window.ClusterbridgeMap) window.ClusterbridgeMap.baseLayer(map, element);
    map.attributionControl.addAttribution(
      element.dataset.attribution.replace(/[&<>"']/g, (c) => "&#" + c.charCodeAt(0) + ";")
    );
    const palette = colours(document.getElementById("map-legend"));
    const regionUrl = element.dataset.regionUrl;
    Promise.all([
      fetch(element.dataset.shapesUrl).then((r) => r.json()),
      fetch(element.dataset.valuesUrl, { headers: { Accept: "application/json" } }).then((r) => r.json()),
    ]).then(([shapes, values]) => {
      const regions = values.regions || {};
      const shown = [];
      const layer = L.geoJSON(shapes, {
        style: (feature) => {
          const entry = regions[feature.properties.id];
          const fill = entry && entry.c !== null ? palette[String(entry.c)] : palette.nodata;
          return {
            color: "#5b6670",
            weight: 0.6,
            fillColor: fill,
            fillOpacity: entry ? 0.9 : 0.5,
            className: "cb-region cb-region-" + feature.properties.id,
          };
        },
        onEachFeature: (feature, path) => {
          const code = feature.properties.id;
          const entry = regions[code];
          // The view fits the regions with figures, leaving out the Arctic islands (Svalbard
          // and Jan Mayen), which would shrink the rest of Europe to a corner.
          if (entry && path.getBounds().getCenter().lat < 72) shown.push(path);
          path.bindTooltip(() => tooltip(feature.properties.na, code, entry), { sticky: true });
          path.on("click", () => {
            window.location.href = regionUrl.replace("/XX00/", "/" + code + "/");
          });
          path.on("mouseover", () => path.setStyle({ weight: 2 }));
          path.on("mouseout", () => path.setStyle({ weight: 0.6 }));
        },
      }).addTo(map);
      const bounds = shown.length ? L.featureGroup(shown).getBounds() : layer.getBounds();
      if (bounds.isValid()) map.fitBounds(bounds, { padding: [10, 10] });
      element.dataset.loaded = String(Object.keys(regions).length);
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const element = document.getElementById("observatory-map");
    if (element && typeof L !== "undefined") choropleth(element);
  });
})();
