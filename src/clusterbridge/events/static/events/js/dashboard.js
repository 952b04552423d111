// Event dashboard charts: data comes from the json_script block, one canvas per data-chart key.
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var series = data[canvas.dataset.chart] || {};
    new Chart(canvas, {
      type: canvas.dataset.type || "bar",
      data: {
        labels: Object.keys(series),
        datasets: [{ label: canvas.getAttribute("aria-label"), data: Object.values(series) }]
      },
      options: { animation: false, plugins: { legend: { display: false } } }
    });
  });
})();
