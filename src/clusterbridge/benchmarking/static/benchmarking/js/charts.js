// Benchmark report charts: a radar of the dimension scores and, per numeric indicator, the
// distribution over all validated benchmarks with this organisation's bin highlighted.
// Data comes from the json_script tag #chart-data (no inline script: strict CSP).
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("chart-data");
    if (!source || typeof Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    var radar = document.getElementById("radar-chart");
    if (radar) {
      new Chart(radar, {
        type: "radar",
        data: {
          labels: data.radar.labels,
          datasets: [{ label: "Score (%)", data: data.radar.scores, fill: true }],
        },
        options: { animation: false, scales: { r: { min: 0, max: 100 } } },
      });
    }
    var holder = document.getElementById("distributions");
    if (!holder) return;
    data.distributions.forEach(function (item) {
      var box = document.createElement("div");
      box.className = "distribution";
      var canvas = document.createElement("canvas");
      canvas.setAttribute("aria-label", "Distribution of " + item.name);
      box.appendChild(canvas);
      holder.appendChild(box);
      var own = 0;
      item.edges.forEach(function (edge, i) { if (item.value >= edge) own = i; });
      new Chart(canvas, {
        type: "bar",
        data: {
          labels: item.edges.map(function (e) { return "≥ " + e; }),
          datasets: [{
            label: item.name + (item.unit ? " (" + item.unit + ")" : ""),
            data: item.counts,
            backgroundColor: item.counts.map(function (_, i) { return i === own ? "#1d5fa8" : "#c9d6e6"; }),
          }],
        },
        options: { animation: false, plugins: { legend: { display: true } } },
      });
    });
    holder.setAttribute("data-drawn", "1");
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
