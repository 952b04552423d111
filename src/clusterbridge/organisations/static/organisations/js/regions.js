// The profile form: the NUTS region choices follow the chosen country (the server checks the
// pair in any case: validators.validate_region_in_country). Without JavaScript every region is
// offered. Configuration through data-regions-url on the form (no inline script: CSP).
"use strict";

(() => {
  const form = document.querySelector("form[data-regions-url]");
  if (!form) return;
  const country = form.querySelector("#id_country");
  const region = form.querySelector("#id_nuts_region");
  if (!country || !region) return;
  const empty = region.querySelector("option[value='']");

  // Only the answer for the latest change may replace the choices: an earlier, slower answer
  // would otherwise offer another country's regions.
  let latest = 0;

  async function update() {
    if (!country.value) return;
    const request = ++latest;
    const url = `${form.dataset.regionsUrl}?country=${encodeURIComponent(country.value)}`;
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok || request !== latest) return;
    const { regions } = await response.json();
    if (request !== latest) return;
    // Read the choice now, not before the request: the person may have picked a region while
    // the answer was on its way.
    const selected = region.value;
    const options = regions.map(([id, label]) => {
      const option = document.createElement("option");
      option.value = String(id);
      option.textContent = label;
      option.selected = String(id) === selected;
      return option;
    });
    region.replaceChildren(...(empty ? [empty] : []), ...options);
    region.disabled = regions.length === 0;
  }

  country.addEventListener("change", update);
  update();
})();
