// Event dashboard charts: data comes from the json_script block, one canvas per data-chart key,
// drawn by the shared chart helper (common js/charts.js). Texts made here come from Django's
// JavaScript catalogue (gettext/ngettext/interpolate, loaded by base.html before this script);
// numbers are written in the page's language. The page shows the same numbers in tables.
"use strict";

(function () {
  const charts = window.ClusterbridgeCharts;
  if (!charts) return;
  const language = document.documentElement.lang || "en";
  // Bars at least 3:1 against the white background (WCAG 1.4.11).
  const BAR_COLOUR = "#1f5f99";

  function number(value) {
    return Number(value).toLocaleString(language, { maximumFractionDigits: 2 });
  }

  // What one bar counts, per chart, as the tooltip says it.
  const counted = {
    countries: function (n) {
      return interpolate(
        ngettext("%(count)s participant", "%(count)s participants", n), { count: number(n) }, true
      );
    },
    outcomes: function (n) {
      return interpolate(
        ngettext("%(count)s meeting with this outcome", "%(count)s meetings with this outcome", n),
        { count: number(n) }, true
      );
    },
  };

  charts.ready(function () {
    const data = charts.data("chart-data");
    const holder = document.getElementById("charts");
    if (!data || !holder) return;
    let drawn = 0;
    holder.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      const key = canvas.dataset.chart;
      const series = data[key] || {};
      const title = canvas.getAttribute("aria-label");
      const chart = charts.create(canvas, {
        type: canvas.dataset.type || "bar",
        data: {
          labels: Object.keys(series),
          datasets: [{ label: title, data: Object.values(series), backgroundColor: BAR_COLOUR }],
        },
        options: {
          locale: language,
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
          plugins: {
            legend: { display: false },
            title: { display: true, text: title },
            tooltip: {
              callbacks: {
                label: function (context) {
                  const value = context.parsed.y;
                  return counted[key] ? counted[key](value) : number(value);
                },
              },
            },
          },
        },
      });
      if (chart) {
        drawn += 1;
        if (!Object.keys(series).length) {
          canvas.setAttribute("aria-label", interpolate(gettext("%(chart)s: no figures yet"), { chart: title }, true));
        }
      }
    });
    holder.setAttribute("data-drawn", String(drawn));
  });
})();
