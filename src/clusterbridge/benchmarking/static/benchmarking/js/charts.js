// Benchmark report charts: a radar of the dimension scores and, per numeric indicator, the
// distribution over all validated benchmarks with this organisation's bin highlighted.
// Data comes from the json_script tag #chart-data (no inline script: strict CSP); the shared
// helper (common js/charts.js) draws them. A dimension without answers has the score null: the
// radar shows no point there (a gap), never a 0 %. Texts made here come from Django's
// JavaScript catalogue (gettext/interpolate, loaded by base.html before this script); numbers
// are written in the page's language. The report shows the same numbers in tables.
"use strict";

(function () {
  const charts = window.ClusterbridgeCharts;
  if (!charts) return;
  const language = document.documentElement.lang || "en";

  function number(value) {
    return Number(value).toLocaleString(language, { maximumFractionDigits: 2 });
  }

  function radar(canvas, data) {
    charts.create(canvas, {
      type: "radar",
      data: {
        labels: data.labels,
        datasets: [{ label: data.label, data: data.scores, fill: false, spanGaps: false }],
      },
      options: { locale: language, scales: { r: { min: 0, max: 100 } } },
    });
  }

  function distribution(holder, item) {
    const canvas = document.createElement("canvas");
    canvas.setAttribute("aria-label", item.title);
    holder.appendChild(canvas);
    let own = 0;
    item.edges.forEach(function (edge, i) { if (item.value >= edge) own = i; });
    charts.create(canvas, {
      type: "bar",
      data: {
        labels: item.edges.map(function (e) {
          return interpolate(gettext("≥ %(value)s"), { value: number(e) }, true);
        }),
        datasets: [{
          label: item.unit
            ? interpolate(gettext("%(indicator)s (%(unit)s)"), { indicator: item.name, unit: item.unit }, true)
            : item.name,
          data: item.counts,
          // Both at least 3:1 against the white background; this organisation's bin darker.
          backgroundColor: item.counts.map(function (_, i) { return i === own ? "#0b3d75" : "#7a93b3"; }),
        }],
      },
      options: { locale: language, plugins: { legend: { display: true } } },
    });
  }

  charts.ready(function () {
    const data = charts.data("chart-data");
    if (!data) return;
    const canvas = document.getElementById("radar-chart");
    if (canvas) {
      radar(canvas, data.radar);
      canvas.setAttribute("data-drawn", "1");
    }
    const holder = document.getElementById("distributions");
    if (!holder) return;
    data.distributions.forEach(function (item) { distribution(holder, item); });
    holder.setAttribute("data-drawn", "1");
  });
})();
