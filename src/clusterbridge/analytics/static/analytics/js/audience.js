// The audience page's daily trend: page views and sessions per day (data in a json_script
// tag; no inline script, strict CSP). The same figures are in the table below the chart.
"use strict";

(function () {
  const charts = window.ClusterbridgeCharts;
  if (!charts) return;
  charts.ready(function () {
    const data = charts.data("audience-chart-data");
    const canvas = document.querySelector("canvas[data-chart=audience-trend]");
    if (!data || !canvas) return;
    charts.create(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [
          { label: data.names.views, data: data.views },
          { label: data.names.sessions, data: data.sessions },
        ],
      },
      options: { scales: { y: { beginAtZero: true } } },
    });
  });
})();
