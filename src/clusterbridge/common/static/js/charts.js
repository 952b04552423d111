// Charts with Chart.js (npm chart.js), one helper for every page so that all charts share the
// same behaviour: responsive, no animation, never wider than their box. Pages put each <canvas>
// in its own ".chart" box (Chart.js sizes a responsive canvas from its parent, which must hold
// nothing else) and pass data in a json_script tag: no inline script (strict CSP).
"use strict";

(function () {
  function data(id) {
    const source = document.getElementById(id);
    return source ? JSON.parse(source.textContent) : null;
  }

  // The canvas's own box: an existing ".chart" parent, or a new one wrapped around it.
  function box(canvas) {
    if (canvas.parentElement && canvas.parentElement.classList.contains("chart")) {
      return canvas.parentElement;
    }
    const wrapper = document.createElement("div");
    wrapper.className = "chart";
    canvas.replaceWith(wrapper);
    wrapper.appendChild(canvas);
    return wrapper;
  }

  function create(canvas, config) {
    if (typeof Chart === "undefined") return null;
    box(canvas);
    if (!canvas.hasAttribute("role")) canvas.setAttribute("role", "img");
    // Numbers on axes and in tooltips as the page's language writes them ("1 234,5" in French).
    const options = Object.assign(
      {
        responsive: true,
        maintainAspectRatio: true,
        animation: false,
        locale: document.documentElement.lang || undefined,
      },
      config.options || {}
    );
    return new Chart(canvas, Object.assign({}, config, { options: options }));
  }

  function ready(callback) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", callback);
    else callback();
  }

  window.ClusterbridgeCharts = { data: data, create: create, ready: ready };
})();
