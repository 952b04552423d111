// The observatory's charts (trends, comparisons) through the shared helper (common js/charts.js).
// Data comes in json_script tags; each chart has a table alternative on the page.
"use strict";

(function () {
  const COLOURS = ["#1d5fa8", "#c2410c", "#15803d", "#7e22ce", "#a16207", "#0e7490"];

  function datasets(series, fill) {
    return series.map((s, i) => ({
      label: s.label,
      data: s.data,
      borderColor: COLOURS[i % COLOURS.length],
      backgroundColor: COLOURS[i % COLOURS.length],
      borderWidth: i === 0 && !fill ? 3 : 2,
      spanGaps: true,
      pointRadius: 2,
    }));
  }

  function axes(yLabel) {
    return {
      y: { beginAtZero: false, title: { display: Boolean(yLabel), text: yLabel || "" } },
    };
  }

  ClusterbridgeCharts.ready(() => {
    const trend = ClusterbridgeCharts.data("trend-data");
    const trendCanvas = document.getElementById("trend-chart");
    if (trend && trendCanvas) {
      ClusterbridgeCharts.create(trendCanvas, {
        type: "line",
        data: { labels: trend.labels, datasets: datasets(trend.series, false) },
        options: { scales: axes(trend.yLabel), plugins: { legend: { position: "bottom" } } },
      });
    }
    const comparison = ClusterbridgeCharts.data("compare-data");
    const compareCanvas = document.getElementById("compare-chart");
    if (comparison && compareCanvas) {
      ClusterbridgeCharts.create(compareCanvas, {
        type: "bar",
        data: { labels: comparison.labels, datasets: datasets(comparison.series, true) },
        options: {
          indexAxis: "y",
          aspectRatio: 1.2,
          scales: { x: { beginAtZero: true, title: { display: true, text: comparison.yLabel } } },
          plugins: { legend: { position: "bottom" } },
        },
      });
    }
  });
})();
