// Small declarative charts: <div data-chart-bar="Title" data-labels="a,b" data-values="1,2"></div>,
// or <div data-plotly='{"data": [...], "layout": {...}}'></div> with a figure built on the server.
(function () {
  function drawAll(root) {
    if (!window.Plotly) return;
    root.querySelectorAll("[data-chart-bar]").forEach(function (el) {
      var labels = (el.dataset.labels || "").split(",").filter(Boolean);
      var values = (el.dataset.values || "").split(",").filter(Boolean).map(Number);
      Plotly.newPlot(el, [{type: "bar", x: labels, y: values, marker: {color: "#0b6e6e"}}],
        {title: {text: el.dataset.chartBar, font: {size: 14}}, margin: {t: 36, r: 10, b: 30, l: 40}, height: 180},
        {displayModeBar: false, responsive: true});
    });
    root.querySelectorAll("[data-plotly]").forEach(function (el) {
      var figure = JSON.parse(el.dataset.plotly);
      Plotly.newPlot(el, figure.data, figure.layout || {}, {displayModeBar: false, responsive: true});
    });
  }
  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.addEventListener("htmx:afterSwap", function (event) { drawAll(event.target); });
})();
